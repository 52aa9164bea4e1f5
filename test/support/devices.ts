import { call, signIn, type CallOptions, type CallResult } from './api';

// Kiosks and boards (issue 7) enrolled through the real routes: the device asks for a code, the
// demo manager (both branches) confirms it, the device's poll receives its token. Cached per
// branch and kind for the test file (each file has a table of its own).
const cache = new Map<string, Promise<string>>();

export async function enrollDevice(branchId: string, kind: 'kiosk' | 'board', label?: string): Promise<{ token: string; deviceId: string }> {
  const started = await call('POST', `/api/branches/${branchId}/devices/enrollments`, { body: { kind } });
  if (started.status !== 201) throw new Error(`enrollment failed: ${started.status} ${started.raw}`);
  const manager = await signIn('manager@dalpak.test');
  const confirmed = await call('POST', `/api/branches/${branchId}/devices`, { token: manager, body: { code: started.body.enrollment.code, ...(label && { label }) } });
  if (confirmed.status !== 201) throw new Error(`confirmation failed: ${confirmed.status} ${confirmed.raw}`);
  const polled = await call('GET', `/api/device-enrollments/${started.body.enrollment.id}`, { customerToken: started.body.pollToken });
  if (!polled.body?.deviceToken) throw new Error(`no device token: ${polled.status} ${polled.raw}`);
  return { token: polled.body.deviceToken, deviceId: confirmed.body.id };
}

function cached(branchId: string, kind: 'kiosk' | 'board'): Promise<string> {
  const key = `${kind}:${branchId}`;
  let p = cache.get(key);
  if (!p) {
    p = enrollDevice(branchId, kind, `Test ${kind}`).then((d) => d.token);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** An enrolled kiosk's token for the branch (X-Device-Token). */
export const kioskToken = (branchId: string): Promise<string> => cached(branchId, 'kiosk');
export const boardToken = (branchId: string): Promise<string> => cached(branchId, 'board');

/** The header a kiosk sends: spread into call()'s headers. */
export const asKiosk = async (branchId: string): Promise<Record<string, string>> => ({ 'x-device-token': await kioskToken(branchId) });

/**
 * `call` as the branch's enrolled kiosk (the branch is read from the path): what the kiosk face
 * does for walk-in tickets, code check-ins and degraded-mode blocks.
 */
export async function kioskCall<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
  const branchId = /^\/api\/branches\/([^/?]+)/.exec(path)?.[1];
  if (!branchId) throw new Error(`kioskCall needs a branch path: ${path}`);
  return call<T>(method, path, { ...opts, headers: { ...(await asKiosk(decodeURIComponent(branchId))), ...opts.headers } });
}
