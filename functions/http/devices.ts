// Kiosks and boards carry a device token (X-Device-Token: `<deviceId>.<secret>`, only its hash
// stored). API Gateway lets device routes through like public ones; the handler verifies here:
// the device exists, the secret's hash matches, it is not revoked, it is of a kind the route
// allows and of the route's branch. Revocation is read from the table: each container caches a
// device for CACHE_MS at most, and the container that revokes forgets it at once (locally all
// handlers share one process, so a revoked token is refused on the very next request).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getDevice, touchDevice } from '../data/devices-repo';
import { DeviceRefusedError } from '../domain/errors';
import { parseDeviceToken, type Device, type DeviceKind } from '../domain/devices';
import type { RouteDef } from '../routes';
import { tokenMatches } from './customer-token';

export interface DeviceIdentity {
  deviceId: string;
  branchId: string;
  kind: DeviceKind;
  label: string;
}

export const CACHE_MS = 3_000;
const cache = new Map<string, { device: Device | undefined; until: number }>();

async function load(deviceId: string, now: number): Promise<Device | undefined> {
  const hit = cache.get(deviceId);
  if (hit && hit.until > now) return hit.device;
  const device = await getDevice(deviceId);
  cache.set(deviceId, { device, until: now + CACHE_MS });
  if (cache.size > 5_000) cache.delete(cache.keys().next().value!);
  if (device?.status === 'active' && device.tokenHash && (device.lastSeenAt ?? 0) < now - 60_000) await touchDevice(deviceId, now);
  return device;
}

/** This container revoked the device: refuse it from the next request on. */
export function forgetDevice(deviceId: string): void {
  cache.delete(deviceId);
}

const header = (event: APIGatewayProxyEventV2) => event.headers?.['x-device-token'];

/** The verified device of the request, or a refusal (401 unknown or revoked). */
export async function deviceFrom(event: APIGatewayProxyEventV2, now = Date.now()): Promise<DeviceIdentity | undefined> {
  const token = header(event);
  if (token === undefined || token === '') return undefined;
  const parsed = parseDeviceToken(token);
  const device = parsed && (await load(parsed.deviceId, now));
  if (!device || !tokenMatches(token, device.tokenHash)) throw new DeviceRefusedError('This device is not enrolled; enroll it again from its screen', 'device_unknown');
  if (device.status !== 'active') throw new DeviceRefusedError('This device was revoked by a manager; enroll it again', 'device_revoked');
  return { deviceId: device.id, branchId: device.branchId, kind: device.kind, label: device.label };
}

/** Does this request need a device token of the route's kinds (route table: `device`)? */
export function deviceNeeded(route: RouteDef, body: unknown): boolean {
  const rule = route.device;
  if (!rule) return false;
  if (rule.when === 'always') return true;
  return (body as { channel?: string } | undefined)?.channel === 'kiosk';
}

/**
 * The route's device check: a token of an allowed kind and of the path's branch. A route that
 * does not need one ignores a device token entirely, so it grants nothing on customer or staff
 * routes (their own credential is still required).
 */
export async function deviceFor(route: RouteDef, event: APIGatewayProxyEventV2, params: { branchId?: string }, body: unknown): Promise<DeviceIdentity | undefined> {
  const rule = route.device;
  if (!rule) return undefined;
  const device = await deviceFrom(event);
  if (!deviceNeeded(route, body)) return device;
  if (!device) throw new DeviceRefusedError(`Only an enrolled ${rule.kinds.join(' or ')} of the branch can do this`, 'device_required');
  if (!rule.kinds.includes(device.kind)) throw new DeviceRefusedError(`A ${device.kind} cannot do this`, 'device_kind');
  if (params.branchId !== undefined && device.branchId !== params.branchId) throw new DeviceRefusedError('This device belongs to another branch', 'device_branch');
  return device;
}
