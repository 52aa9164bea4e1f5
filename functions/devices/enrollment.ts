// Enrolling a kiosk or board (issue 7): the device asks and shows a code, a manager of the branch
// confirms it, the device's next poll receives its token once. Served by the branches function.
import { randomBytes, randomInt } from 'node:crypto';
import { ulid } from 'ulid';
import { getBranch } from '../data/branches-repo';
import { approveEnrollment, countWrongCode, enrollmentByCode, getDevice, getEnrollment, insertEnrollment, issueDeviceToken, listBranchDevices, revokeBranchDevice, wrongCodesSoFar } from '../data/devices-repo';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../domain/errors';
import {
  enrollmentCodeMinutes,
  enrollmentState,
  isEnrollmentCode,
  makeEnrollmentCode,
  maxWrongCodes,
  normaliseEnrollmentCode,
  wrongCodeWindowMinutes,
  type Device,
  type DeviceKind,
  type Enrollment,
} from '../domain/devices';
import { assertManager } from '../http/auth';
import { hashToken, newCustomerToken, tokenMatches } from '../http/customer-token';
import { forgetDevice } from '../http/devices';
import { DeviceRefusedError } from '../domain/errors';
import type { OperationRequest } from '../http/handler';

const kindName: Record<DeviceKind, string> = { kiosk: 'Kiosk', board: 'Board' };

export const deviceView = (d: Device) => ({
  id: d.id,
  branchId: d.branchId,
  kind: d.kind,
  label: d.label,
  status: d.status,
  enrolledAt: d.enrolledAt,
  tokenIssued: Boolean(d.tokenHash),
  ...(d.lastSeenAt !== undefined && { lastSeenAt: d.lastSeenAt }),
  ...(d.revokedAt !== undefined && { revokedAt: d.revokedAt }),
});

/** A new device token: `<deviceId>.<secret>`; only its hash is kept. */
export function newDeviceToken(deviceId: string): { token: string; hash: string } {
  const token = `${deviceId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export async function startDeviceEnrollment({ params, body, now }: OperationRequest) {
  const branch = await getBranch(params.branchId);
  const { kind, label } = body as { kind: DeviceKind; label?: string };
  const poll = newCustomerToken();
  for (let attempt = 0; attempt < 8; attempt++) {
    const e: Enrollment = {
      id: ulid(now),
      branchId: branch.id,
      kind,
      ...(label && { label }),
      code: makeEnrollmentCode(randomInt),
      status: 'pending',
      createdAt: now,
      codeExpiresAt: now + enrollmentCodeMinutes * 60_000,
      pollTokenHash: poll.hash,
    };
    if (await insertEnrollment(e)) {
      return { enrollment: { id: e.id, branchId: e.branchId, kind: e.kind, code: e.code, codeExpiresAt: e.codeExpiresAt }, pollToken: poll.token };
    }
  }
  throw new ConflictError('Too many devices are enrolling at this branch right now; try again in a minute', 'busy');
}

export async function getDeviceEnrollment({ params, customerToken, now }: OperationRequest) {
  const e = await getEnrollment(params.enrollmentId);
  // Another device's enrollment or a wrong poll token: it does not exist for the caller.
  if (!e || !tokenMatches(customerToken, e.pollTokenHash)) throw new NotFoundError('No such enrollment');
  let device = e.deviceId ? await getDevice(e.deviceId) : undefined;
  let state = enrollmentState(e, device, now);
  let deviceToken: string | undefined;
  if (state === 'approved' && device) {
    const issued = newDeviceToken(device.id);
    // Only the first poll after approval wins the token; a racing copy sees it delivered.
    if (await issueDeviceToken(device.id, issued.hash, now)) deviceToken = issued.token;
    device = await getDevice(device.id);
    state = deviceToken ? 'delivered' : enrollmentState(e, device, now);
  }
  return {
    id: e.id,
    branchId: e.branchId,
    kind: e.kind,
    status: state,
    ...(state === 'pending' && { code: e.code }),
    codeExpiresAt: e.codeExpiresAt,
    ...(device && state !== 'revoked' && { device: { id: device.id, label: device.label } }),
    ...(deviceToken && { deviceToken }),
  };
}

export async function confirmDeviceEnrollment({ params, body, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  const branchId = params.branchId as string;
  const { code: typed, label } = body as { code: string; label?: string };
  if ((await wrongCodesSoFar(branchId, staff!.sub, now)) >= maxWrongCodes) {
    throw new TooManyRequestsError(`Too many wrong codes; wait up to ${wrongCodeWindowMinutes} minutes`, [{ field: 'body.code', reason: 'too many wrong codes' }]);
  }
  const code = normaliseEnrollmentCode(typed);
  const e = isEnrollmentCode(code) ? await enrollmentByCode(branchId, code) : undefined;
  if (!e) {
    const wrong = await countWrongCode(branchId, staff!.sub, now);
    const left = Math.max(0, maxWrongCodes - wrong);
    throw new NotFoundError('No device of this branch is showing this code', [{ field: 'body.code', reason: `unknown code (${left} tries left)` }]);
  }
  if (e.status !== 'pending') throw new ConflictError('This code was confirmed already', 'code_not_pending', [{ field: 'body.code', reason: 'already confirmed' }]);
  if (now >= e.codeExpiresAt) throw new ConflictError('This code has expired; the device shows a new one', 'code_expired', [{ field: 'body.code', reason: 'expired' }]);
  const existing = await listBranchDevices(branchId);
  const n = existing.filter((d) => d.kind === e.kind).length + 1;
  const device: Device = {
    id: ulid(now),
    branchId,
    kind: e.kind,
    label: label ?? e.label ?? `${kindName[e.kind]} ${n}`,
    status: 'active',
    enrolledAt: now,
    enrolledBy: staff!.sub,
  };
  await approveEnrollment(e, device, now);
  return deviceView(device);
}

export async function listDevices({ params, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  const devices = await listBranchDevices(params.branchId);
  return { branchId: params.branchId, devices: devices.sort((a, b) => b.enrolledAt - a.enrolledAt).map(deviceView) };
}

export async function revokeDevice({ params, staff, now }: OperationRequest) {
  assertManager(staff!, params.branchId);
  const d = await revokeBranchDevice(params.branchId, params.deviceId, staff!.sub, now);
  forgetDevice(d.id);
  return deviceView(d);
}

export async function getCurrentDevice({ device }: OperationRequest) {
  if (!device) throw new DeviceRefusedError('Send this device\'s token (X-Device-Token)', 'device_required');
  return { id: device.deviceId, branchId: device.branchId, kind: device.kind, label: device.label };
}
