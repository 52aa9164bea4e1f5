import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, signIn } from '../support/api';
import { enrollDevice } from '../support/devices';
import { seedStaffUser } from '../../functions/data/staff-repo';
import { hashPassword } from '../../functions/identity/passwords';
import { demoPassword } from '../../functions/seed/demo';

// Issue 7: kiosks and boards are enrolled by a manager of their branch (a code shown on the device,
// confirmed in the staff face) and hold a device token scoped to one branch and to their kind's
// actions; revocable at once.
const tlv = 'tel-aviv-center';
const haifa = 'haifa-port';
let manager = '';
let clerk = '';
let admin = '';
let haifaManager = '';

const start = async (branchId = tlv, kind: 'kiosk' | 'board' = 'kiosk') => {
  const res = await call('POST', `/api/branches/${branchId}/devices/enrollments`, { body: { kind, label: 'Entrance' } });
  expect(res.status, res.raw).toBe(201);
  return res.body as { enrollment: { id: string; code: string; codeExpiresAt: number }; pollToken: string };
};
const poll = (e: { enrollment: { id: string }; pollToken: string }, token = e.pollToken) => call('GET', `/api/device-enrollments/${e.enrollment.id}`, { customerToken: token });
const confirm = (branchId: string, code: string, token: string, label?: string) => call('POST', `/api/branches/${branchId}/devices`, { token, body: { code, ...(label && { label }) } });
const device = (token: string) => ({ 'x-device-token': token });
const kioskTicket = (branchId: string, headers: Record<string, string> = {}) =>
  call('POST', `/api/branches/${branchId}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'en' }, headers });

beforeAll(async () => {
  await seedStaffUser({ email: 'manager.haifa@dalpak.test', name: 'Hila Manager', roles: ['manager'], branches: [haifa], passwordHash: await hashPassword(demoPassword) });
  [manager, clerk, admin, haifaManager] = await Promise.all(['manager@dalpak.test', 'clerk.tlv@dalpak.test', 'admin@dalpak.test', 'manager.haifa@dalpak.test'].map(signIn)) as [string, string, string, string];
});
afterEach(() => vi.useRealTimers());

describe('enrolling a kiosk', () => {
  it('shows a code, is confirmed by a manager of that branch only, and receives its token exactly once', async () => {
    const e = await start();
    expect(e.enrollment.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3479]{6}$/);
    expect(e.enrollment.codeExpiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    const pending = await poll(e);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ status: 'pending', code: e.enrollment.code, kind: 'kiosk' });
    expect(pending.body.deviceToken).toBeUndefined();

    // Not someone else's poll token; not a clerk, not a manager of another branch, not at another branch.
    expect((await poll(e, (await start()).pollToken)).status).toBe(404);
    expect((await confirm(tlv, e.enrollment.code, clerk)).status).toBe(403);
    expect((await confirm(tlv, e.enrollment.code, haifaManager)).status).toBe(403);
    const elsewhere = await confirm(haifa, e.enrollment.code, manager);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.fields[0].field).toBe('body.code');
    expect((await poll(e)).body.status).toBe('pending');

    // Typed in lower case with a dash: the same code.
    const typed = `${e.enrollment.code.slice(0, 3)}-${e.enrollment.code.slice(3)}`.toLowerCase();
    const confirmed = await confirm(tlv, typed, manager, 'Entrance kiosk');
    expect(confirmed.status, confirmed.raw).toBe(201);
    expect(confirmed.body).toMatchObject({ branchId: tlv, kind: 'kiosk', label: 'Entrance kiosk', status: 'active', tokenIssued: false });
    expect(confirmed.raw).not.toMatch(/token"\s*:\s*"/);
    expect((await confirm(tlv, e.enrollment.code, manager)).body.error.code).toBe('code_not_pending');

    const first = await poll(e);
    expect(first.body).toMatchObject({ status: 'delivered', device: { id: confirmed.body.id, label: 'Entrance kiosk' } });
    expect(first.body.deviceToken).toMatch(new RegExp(`^${confirmed.body.id}\\.`));
    const second = await poll(e);
    expect(second.body.status).toBe('delivered');
    expect(second.body.deviceToken).toBeUndefined();
    expect(second.body.code).toBeUndefined();

    const me = await call('GET', '/api/devices/me', { headers: device(first.body.deviceToken) });
    expect(me.body).toEqual({ id: confirmed.body.id, branchId: tlv, kind: 'kiosk', label: 'Entrance kiosk' });
    const ticket = await kioskTicket(tlv, device(first.body.deviceToken));
    expect(ticket.status, ticket.raw).toBe(201);
    const listed = await call('GET', `/api/branches/${tlv}/devices`, { token: manager });
    expect(listed.body.devices.find((d: { id: string }) => d.id === confirmed.body.id)).toMatchObject({ tokenIssued: true, status: 'active' });
    expect(listed.raw).not.toContain(first.body.deviceToken);
  });

  it('hands the token to one of two racing polls only', async () => {
    const e = await start();
    expect((await confirm(tlv, e.enrollment.code, manager)).status).toBe(201);
    const answers = await Promise.all([poll(e), poll(e), poll(e)]);
    expect(answers.filter((a) => a.body.deviceToken).length).toBe(1);
  });

  it('refuses a wrong code (404 at the field) and an expired one (409 code_expired)', async () => {
    const wrong = await confirm(tlv, 'QQQQQQ', manager);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.fields).toEqual([{ field: 'body.code', reason: expect.stringContaining('unknown code') }]);
    expect((await confirm(tlv, 'not a code', manager)).status).toBe(404);

    const e = await start();
    vi.useFakeTimers({ toFake: ['Date'], now: e.enrollment.codeExpiresAt + 1 });
    const late = await confirm(tlv, e.enrollment.code, manager);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('code_expired');
    expect((await poll(e)).body).toMatchObject({ status: 'expired' });
    expect((await poll(e)).body.code).toBeUndefined();
  });

  it('stops a person after 5 wrong codes in 10 minutes, even for the right one (429)', async () => {
    const e = await start(haifa, 'board');
    for (let i = 0; i < 5; i++) expect((await confirm(haifa, `QQQQQ${'ACDEF'[i]}`, admin)).status).toBe(404);
    const blocked = await confirm(haifa, e.enrollment.code, admin);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_requests');
    expect((await poll(e)).body.status).toBe('pending');
    // Another manager of the branch is not blocked by it.
    expect((await confirm(haifa, e.enrollment.code, haifaManager)).status).toBe(201);
  });
});

describe('what a device token reaches', () => {
  it('a revoked kiosk is refused on its very next request, and revoking twice is 409', async () => {
    const k = await enrollDevice(tlv, 'kiosk');
    expect((await kioskTicket(tlv, device(k.token))).status).toBe(201);
    expect((await call('POST', `/api/branches/${tlv}/devices/${k.deviceId}/revoke`, { token: clerk })).status).toBe(403);
    expect((await call('POST', `/api/branches/${haifa}/devices/${k.deviceId}/revoke`, { token: haifaManager })).status).toBe(404);
    const revoked = await call('POST', `/api/branches/${tlv}/devices/${k.deviceId}/revoke`, { token: manager });
    expect(revoked.status, revoked.raw).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(Number) });
    for (const res of [
      await kioskTicket(tlv, device(k.token)),
      await call('GET', '/api/devices/me', { headers: device(k.token) }),
      await call('POST', `/api/branches/${tlv}/kiosk/blocks`, { body: { serviceId: 'general', size: 3 }, headers: device(k.token) }),
    ]) {
      expect(res.status, res.raw).toBe(401);
      expect(res.body.error.code).toBe('device_revoked');
    }
    expect((await call('POST', `/api/branches/${tlv}/devices/${k.deviceId}/revoke`, { token: manager })).body.error.code).toBe('already_revoked');
    const listed = await call('GET', `/api/branches/${tlv}/devices`, { token: manager });
    expect(listed.body.devices.find((d: { id: string }) => d.id === k.deviceId)).toMatchObject({ status: 'revoked' });
  });

  it("a kiosk token is no staff credential, no customer credential, and nothing at another branch", async () => {
    const k = await enrollDevice(tlv, 'kiosk');
    const mobile = await call('POST', `/api/branches/${tlv}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', contact: { phone: '+972 50 111 2233' } } });
    expect(mobile.status, mobile.raw).toBe(201);
    const staffRoutes = [
      ['GET', `/api/branches/${tlv}/queue`],
      ['POST', `/api/branches/${tlv}/counters/c1/open`],
      ['GET', `/api/branches/${tlv}/devices`],
      ['GET', `/api/branches/${tlv}/orders`],
    ] as const;
    for (const [method, path] of staffRoutes) {
      const res = await call(method, path, { headers: device(k.token), ...(method === 'POST' && { body: {} }) });
      expect(res.status, `${path}: ${res.raw}`).toBe(401);
    }
    const t = mobile.body.ticket.id;
    expect((await call('GET', `/api/tickets/${t}`, { headers: device(k.token) })).status).toBe(404);
    expect((await call('POST', `/api/tickets/${t}/actions`, { headers: device(k.token), body: { action: 'cancel' } })).status).toBe(404);
    expect((await call('GET', `/api/tickets/${t}`, { customerToken: k.token })).status).toBe(404);

    const elsewhere = await kioskTicket(haifa, device(k.token));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('device_branch');
    expect((await call('POST', `/api/branches/${haifa}/kiosk/blocks`, { body: { serviceId: 'general', size: 3 }, headers: device(k.token) })).status).toBe(403);
    expect((await call('POST', `/api/branches/${haifa}/pickups`, { body: { code: 'ACDEFG' }, headers: device(k.token) })).status).toBe(403);
  });

  it('kiosk actions refuse no token and a board token (403); a made-up token is 401', async () => {
    const board = await enrollDevice(tlv, 'board');
    const kiosk = await enrollDevice(tlv, 'kiosk');
    const block = await call('POST', `/api/branches/${tlv}/kiosk/blocks`, { body: { serviceId: 'general', size: 2 }, headers: device(kiosk.token) });
    expect(block.status, block.raw).toBe(201);
    const kioskActions = [
      ['/tickets', { serviceId: 'general', channel: 'kiosk', language: 'en' }],
      ['/kiosk/blocks', { serviceId: 'general', size: 3 }],
      [`/kiosk/blocks/${block.body.block.id}/tickets`, { tickets: [{ seq: block.body.block.from, issuedAt: Date.now() }] }],
      ['/pickups', { code: 'ACDEFG', channel: 'kiosk' }],
      ['/booking-check-ins', { code: 'ACDEFG', channel: 'kiosk' }],
    ] as const;
    for (const [path, body] of kioskActions) {
      const url = `/api/branches/${tlv}${path}`;
      const none = await call('POST', url, { body, customerToken: block.body.token });
      expect(none.status, `${path} without a device: ${none.raw}`).toBe(403);
      expect(none.body.error.code).toBe('device_required');
      const asBoard = await call('POST', url, { body, customerToken: block.body.token, headers: device(board.token) });
      expect(asBoard.status, `${path} as a board: ${asBoard.raw}`).toBe(403);
      expect(asBoard.body.error.code).toBe('device_kind');
      const forged = await call('POST', url, { body, customerToken: block.body.token, headers: device(`${kiosk.deviceId}.${'x'.repeat(43)}`) });
      expect(forged.status, `${path} forged: ${forged.raw}`).toBe(401);
      expect(forged.body.error.code).toBe('device_unknown');
    }
    // The kiosk itself: served (or, for codes nobody holds, a plain 404).
    expect((await call('POST', `/api/branches/${tlv}/kiosk/blocks/${block.body.block.id}/tickets`, { body: kioskActions[2][1], customerToken: block.body.token, headers: device(kiosk.token) })).status).toBe(200);
    expect((await call('POST', `/api/branches/${tlv}/pickups`, { body: { code: 'ACDEFG' }, headers: device(kiosk.token) })).status).toBe(404);
    // A phone still joins without any device.
    expect((await call('POST', `/api/branches/${tlv}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', contact: { phone: '+972 50 111 4455' } } })).status).toBe(201);
    // A board knows itself and may read the public board.
    expect((await call('GET', '/api/devices/me', { headers: device(board.token) })).body.kind).toBe('board');
    expect((await call('GET', '/api/devices/me')).status).toBe(403);
  });

  it('listing and revoking are for managers of the branch', async () => {
    expect((await call('GET', `/api/branches/${tlv}/devices`, { token: clerk })).status).toBe(403);
    expect((await call('GET', `/api/branches/${tlv}/devices`, { token: haifaManager })).status).toBe(403);
    expect((await call('GET', `/api/branches/${tlv}/devices`)).status).toBe(401);
  });
});
