import { beforeAll, describe, expect, it } from 'vitest';
import { putStaffUser } from '../../functions/data/setup-repo';
import { hashPassword } from '../../functions/identity/passwords';
import { demoPassword } from '../../functions/seed/demo';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';

// A branch's set-up edited by its manager (issue 7's admin face), through the real handlers on
// DynamoDB Local: what a save changes shows at once in getBranch and takeTicket; a stale save,
// a clerk, a manager of another branch and an inconsistent set-up change nothing.
const branch = 'tel-aviv-center';
const setupPath = (b = branch) => `/api/branches/${b}/setup`;
let manager = '';

beforeAll(async () => {
  manager = await signIn('manager@dalpak.test');
  // A manager of Haifa only (the demo manager has both branches).
  await putStaffUser({ email: 'manager.haifa@dalpak.test', name: 'Haifa Manager', roles: ['manager'], branches: ['haifa-port'], passwordHash: await hashPassword(demoPassword) });
});

const getSetup = async (b = branch) => {
  const res = await call('GET', setupPath(b), { token: manager });
  expect(res.status).toBe(200);
  return res.body;
};
/** The body a save sends: the set-up as read, without what is not editable. */
const editable = (setup: any) => {
  const { branchId: _b, counters, ...rest } = structuredClone(setup);
  return { ...rest, counters: counters.map(({ status: _s, ...c }: any) => c) };
};
const save = (body: unknown, token = manager, b = branch) => call('PUT', setupPath(b), { token, body });
const kioskTicket = (serviceId: string, b = branch) =>
  kioskCall('POST', `/api/branches/${b}/tickets`, { body: { serviceId, channel: 'kiosk', language: 'en', needs: [], deviceId: `kiosk-${serviceId}-${Math.random().toString(36).slice(2)}` } });

describe('branch set-up', () => {
  it('gives the manager everything editable with a version', async () => {
    const s = await getSetup();
    expect(s).toMatchObject({ branchId: branch, version: 0, timeZone: 'Asia/Jerusalem', pickup: { windowMinutes: 15, capacityPerWindow: 10, leadMinutes: 30 } });
    expect(s.services.map((x: any) => x.prefix)).toEqual(['A', 'B', 'C', 'P']);
    expect(s.counters.map((c: any) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(s.hours).toHaveLength(7);
  });

  it("changes Tuesday's hours and adds a service: getBranch and takeTicket follow at once", async () => {
    const s = await getSetup();
    const body = editable(s);
    body.hours = body.hours.map((h: any) => (h.weekday === 2 ? { ...h, open: '07:30', close: '21:15' } : h));
    body.services.push({ id: 'insurance', prefix: 'I', name: { he: 'ביטוח', en: 'Insurance' }, kind: 'walkin', expectedMinutes: 9, priority: 0 });
    body.counters[1].serviceIds.push('insurance');
    body.counters.push({ number: 6, serviceIds: ['insurance'], pickup: false });
    body.pickup = { ...body.pickup, capacityPerWindow: 4 };
    const res = await save(body);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.counters.find((c: any) => c.number === 6)).toMatchObject({ id: 'c6', status: 'closed', serviceIds: ['insurance'] });

    const detail = (await call('GET', `/api/branches/${branch}`)).body;
    expect(detail.hours.find((h: any) => h.weekday === 2)).toEqual({ weekday: 2, open: '07:30', close: '21:15' });
    expect(detail.services.find((x: any) => x.id === 'insurance')).toMatchObject({ prefix: 'I', name: { en: 'Insurance' }, kind: 'walkin', expectedMinutes: 9 });
    expect(detail.counters.find((c: any) => c.number === 2).serviceIds).toContain('insurance');

    const ticket = await kioskTicket('insurance');
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body.ticket.number).toBe('I001');
    const windows = (await call('GET', `/api/branches/${branch}/pickup-windows`)).body.windows;
    expect(windows.length).toBeGreaterThan(0);
    expect(windows.every((w: any) => w.capacity === 4)).toBe(true);
  });

  it('lets one of two saves from the same version through and answers the other 409 stale', async () => {
    const s = await getSetup();
    const a = editable(s);
    a.name = { ...a.name, en: 'Dalpak Tel Aviv (A)' };
    const b = editable(s);
    b.name = { ...b.name, en: 'Dalpak Tel Aviv (B)' };
    b.services = b.services.map((x: any) => (x.id === 'general' ? { ...x, expectedMinutes: 8 } : x));
    const results = await Promise.all([save(a), save(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe('stale');
    const after = await getSetup();
    expect(after.version).toBe(s.version + 1);
    const winner = results[0]!.status === 200 ? 'A' : 'B';
    expect(after.name.en).toBe(`Dalpak Tel Aviv (${winner})`);
    expect(after.services.find((x: any) => x.id === 'general').expectedMinutes).toBe(winner === 'B' ? 8 : 6);
    // Nothing lost: the other manager reloads and saves their change on top.
    const retry = editable(after);
    retry.name = { ...retry.name, en: 'Dalpak Tel Aviv Center' };
    expect((await save(retry)).status).toBe(200);
  });

  it('refuses a clerk and a manager of another branch (403), changing nothing', async () => {
    const s = await getSetup();
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const haifaManager = await signIn('manager.haifa@dalpak.test');
    const body = { ...editable(s), timeZone: 'Europe/London' };
    for (const token of [clerk, haifaManager]) {
      expect((await call('GET', setupPath(), { token })).status).toBe(403);
      const res = await save(body, token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await call('GET', setupPath('haifa-port'), { token: haifaManager })).status).toBe(200);
    expect(await getSetup()).toEqual(s);
  });

  it('refuses an inconsistent set-up with a 400 naming the field, and stores nothing', async () => {
    const s = await getSetup();
    const cases: [string, (b: any) => void, string][] = [
      ['duplicate prefix', (b) => (b.services[1].prefix = 'A'), 'body.services.1.prefix'],
      ['counter serving a missing service', (b) => (b.counters[0].serviceIds = ['general', 'nope']), 'body.counters.0.serviceIds.1'],
      ['closing before opening', (b) => (b.hours[2] = { ...b.hours[2], open: '18:00', close: '09:00' }), 'body.hours.2.close'],
      ['unknown time zone', (b) => (b.timeZone = 'Asia/Atlantis'), 'body.timeZone'],
      ['no walk-in service', (b) => (b.services = b.services.map((x: any) => (x.kind === 'walkin' ? { ...x, kind: 'appointment' } : x))), 'body.services'],
      ['a lowercase prefix (schema)', (b) => (b.services[0].prefix = 'a'), 'body.services.0.prefix'],
      ['duplicate counter number', (b) => (b.counters[3].number = 1), 'body.counters.3.number'],
    ];
    for (const [what, spoil, field] of cases) {
      const body = editable(s);
      spoil(body);
      const res = await save(body);
      expect(res.status, what).toBe(400);
      expect(res.body.error.code, what).toBe('validation_failed');
      expect(res.body.error.fields.map((f: any) => f.field), what).toContain(field);
    }
    expect(await getSetup()).toEqual(s);
  });

  it('refuses to remove a service with tickets in the queue today (409 naming it), then allows it once served', async () => {
    const s = await getSetup();
    const taken = await kioskTicket('accounts');
    expect(taken.status).toBe(201);
    const body = editable(s);
    body.services = body.services.filter((x: any) => x.id !== 'accounts');
    body.counters = body.counters.map((c: any) => ({ ...c, serviceIds: c.serviceIds.filter((id: string) => id !== 'accounts') }));
    const res = await save(body);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('service_in_use');
    expect(res.body.error.details.serviceId).toBe('accounts');
    expect(res.body.error.fields[0].reason).toContain('accounts');
    expect(await getSetup()).toEqual(s);
    // Changing its kind is refused alike.
    const retyped = editable(s);
    retyped.services = retyped.services.map((x: any) => (x.id === 'accounts' ? { ...x, kind: 'appointment' } : x));
    const kindRes = await save(retyped);
    expect(kindRes.status).toBe(409);
    expect(kindRes.body.error.fields[0].field).toMatch(/^body\.services\.\d\.kind$/);
    // The ticket cancelled, the service may go.
    expect((await call('POST', `/api/tickets/${taken.body.ticket.id}/actions`, { customerToken: taken.body.token, body: { action: 'cancel' } })).status).toBe(200);
    const ok = await save(body);
    expect(ok.status).toBe(200);
    expect((await call('GET', `/api/branches/${branch}`)).body.services.map((x: any) => x.id)).not.toContain('accounts');
    expect((await kioskTicket('accounts')).status).toBe(400);
  });

  it('lets only an admin open a branch, with a minimal valid set-up that takes tickets', async () => {
    const body = { id: 'eilat-marina', name: { he: 'דלפק אילת', en: 'Dalpak Eilat' }, timeZone: 'Asia/Jerusalem' };
    expect((await call('POST', '/api/branches', { token: manager, body })).status).toBe(403);
    const admin = await signIn('admin@dalpak.test');
    expect((await call('POST', '/api/branches', { token: admin, body: { ...body, timeZone: 'Nowhere/Land' } })).body.error.fields[0].field).toBe('body.timeZone');
    const res = await call('POST', '/api/branches', { token: admin, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ branchId: 'eilat-marina', version: 1, services: [{ id: 'general', prefix: 'A', kind: 'walkin' }], counters: [{ number: 1, serviceIds: ['general'] }] });
    expect((await call('POST', '/api/branches', { token: admin, body })).status).toBe(409);
    expect((await call('GET', '/api/branches')).body.branches.map((b: any) => b.id)).toContain('eilat-marina');
    // Its set-up saves back as read, here open around the clock; then a phone joins its queue: A001.
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
    const again = await call('PUT', setupPath('eilat-marina'), { token: admin, body: { ...editable(res.body), hours: allDay } });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    const joined = await call('POST', '/api/branches/eilat-marina/tickets', { body: { serviceId: 'general', channel: 'mobile', language: 'en', needs: [], deviceId: 'phone-eilat-0001' } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.ticket.number).toBe('A001');
  });
  it('switches phone confirmation for joining from home on and off; a save that leaves it out keeps it', async () => {
    const haifa = 'haifa-port';
    const remote = (n: number) => call('POST', `/api/branches/${haifa}/tickets`, { body: { serviceId: 'general', channel: 'mobile', language: 'en', needs: [], deviceId: `phone-haifa-${n}` } });
    const s = await getSetup(haifa);
    expect(s.remoteJoin).toEqual({ verifyPhone: false });
    const on = await save({ ...editable(s), remoteJoin: { verifyPhone: true } }, manager, haifa);
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.remoteJoin).toEqual({ verifyPhone: true });
    expect((await call('GET', `/api/branches/${haifa}`)).body.remoteJoin).toEqual({ verifyPhone: true });
    const refused = await remote(1);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('phone_unverified');
    // Kiosk tickets are not asked for a phone.
    expect((await kioskTicket('general', haifa)).status).toBe(201);
    // An older client's save, without the switch, leaves it on.
    const { remoteJoin: _r, ...withoutSwitch } = editable(on.body);
    const kept = await save(withoutSwitch, manager, haifa);
    expect(kept.status).toBe(200);
    expect(kept.body.remoteJoin).toEqual({ verifyPhone: true });
    const off = await save({ ...editable(kept.body), remoteJoin: { verifyPhone: false } }, manager, haifa);
    expect(off.body.remoteJoin).toEqual({ verifyPhone: false });
    expect((await remote(2)).status).toBe(201);
  });
});
