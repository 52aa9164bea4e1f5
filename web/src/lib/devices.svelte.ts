// Kiosks and boards (issue 7): the device's own token (enrolled by a manager confirming the code the
// device shows) and the calls around it. The token lives in localStorage per kind and branch; the
// kiosk's API calls send it as X-Device-Token (request's `device` option); a refusal as revoked or
// unknown sends the page back to the enrolment screen.
import type { z } from 'zod';
import type { currentDeviceView, deviceView, enrollmentView, startEnrollmentResult } from '../../../functions/schemas/devices';
import { request, useDeviceCredential } from './api';

export type DeviceKind = 'kiosk' | 'board';
export type Device = z.output<typeof deviceView>;
export type Enrollment = z.output<typeof enrollmentView>;
export type StartedEnrollment = z.output<typeof startEnrollmentResult>;
export type CurrentDevice = z.output<typeof currentDeviceView>;

const seg = encodeURIComponent;
const key = (kind: DeviceKind, branchId: string) => `dalpak.enrolled.${kind}.${branchId}`;

export const deviceApi = {
  start: (branchId: string, kind: DeviceKind) => request<StartedEnrollment>('POST', `/branches/${seg(branchId)}/devices/enrollments`, { body: { kind } }),
  poll: (enrollmentId: string, pollToken: string, o: { signal?: AbortSignal } = {}) =>
    request<Enrollment>('GET', `/device-enrollments/${seg(enrollmentId)}`, { ...o, customerToken: pollToken }),
  me: (o: { signal?: AbortSignal } = {}) => request<CurrentDevice>('GET', '/devices/me', { ...o, device: true }),
  // Staff (managers of the branch)
  list: (branchId: string, o: { signal?: AbortSignal } = {}) => request<{ devices: Device[] }>('GET', `/branches/${seg(branchId)}/devices`, { ...o, staff: true }),
  confirm: (branchId: string, code: string, label?: string) =>
    request<Device>('POST', `/branches/${seg(branchId)}/devices`, { body: { code, ...(label ? { label } : {}) }, staff: true }),
  revoke: (branchId: string, deviceId: string) => request<Device>('POST', `/branches/${seg(branchId)}/devices/${seg(deviceId)}/revoke`, { body: {}, staff: true }),
};

/** The enrolled device of this page: one per page (a kiosk or a board of one branch). */
class DeviceSession {
  kind = $state<DeviceKind>('kiosk');
  branchId = $state('');
  token = $state<string | null>(null);
  /** Set when the server refused the token (revoked, unknown): the gate shows the code screen. */
  refused = $state(false);

  open(kind: DeviceKind, branchId: string) {
    this.kind = kind;
    this.branchId = branchId;
    this.refused = false;
    // `npm start` prints links carrying a demo device's token in the #fragment: keep it, strip it.
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('device');
    if (fromLink) {
      localStorage.setItem(key(kind, branchId), fromLink);
      history.replaceState(history.state, '', location.pathname + location.search);
    }
    this.token = localStorage.getItem(key(kind, branchId));
  }

  keep(token: string) {
    localStorage.setItem(key(this.kind, this.branchId), token);
    this.token = token;
    this.refused = false;
  }

  forget() {
    localStorage.removeItem(key(this.kind, this.branchId));
    this.token = null;
    this.refused = true;
  }
}

export const deviceSession = new DeviceSession();
useDeviceCredential(
  () => deviceSession.token,
  () => deviceSession.forget(),
);
