import { describe, expect, it } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';

const take = (branch: string, serviceId: string, extra: Record<string, unknown> = {}) =>
  (extra.channel === 'kiosk' ? kioskCall : call)('POST', `/api/branches/${branch}/tickets`, { body: { serviceId, channel: 'mobile', ...extra } });

describe('who may read or change a ticket', () => {
  it("lets the owner's token read the ticket, and hides it (404) from a missing or another customer's token", async () => {
    const mine = await take('tel-aviv-center', 'general', { deviceId: 'access-device-1' });
    const theirs = await take('tel-aviv-center', 'general', { deviceId: 'access-device-2' });
    expect(mine.status).toBe(201);
    const id = mine.body.ticket.id;
    expect((await call('GET', `/api/tickets/${id}`, { customerToken: mine.body.token })).status).toBe(200);
    const none = await call('GET', `/api/tickets/${id}`);
    expect(none.status).toBe(404);
    expect(none.body.ticket).toBeUndefined();
    expect((await call('GET', `/api/tickets/${id}`, { customerToken: theirs.body.token })).status).toBe(404);
    const change = await call('POST', `/api/tickets/${id}/actions`, { customerToken: theirs.body.token, body: { action: 'cancel' } });
    expect(change.status).toBe(404);
    const stored = await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(id) }));
    expect(stored.Item?.status).toBe('waiting');
  });

  it('stores only a hash of the customer token', async () => {
    const res = await take('tel-aviv-center', 'general', { deviceId: 'access-device-3' });
    const stored = await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(res.body.ticket.id) }));
    expect(JSON.stringify(stored.Item)).not.toContain(res.body.token);
    expect(stored.Item?.tokenHash).toBeTruthy();
  });

  it('refuses staff of another branch (403) and hides other branches’ tickets from counter routes (404)', async () => {
    const t = await take('tel-aviv-center', 'general', { deviceId: 'access-device-4' });
    const haifa = await signIn('clerk.haifa@dalpak.test');
    expect((await call('GET', '/api/branches/tel-aviv-center/queue', { token: haifa })).status).toBe(403);
    expect((await call('POST', '/api/branches/tel-aviv-center/counters/c1/open', { token: haifa })).status).toBe(403);
    // The Haifa clerk addresses the Tel Aviv ticket through a Haifa counter: it does not exist there.
    const cross = await call('POST', `/api/branches/haifa-port/counters/c1/tickets/${t.body.ticket.id}/complete`, { token: haifa });
    expect(cross.status).toBe(404);
    const stored = await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(t.body.ticket.id) }));
    expect(stored.Item?.status).toBe('waiting');
  });

  it('gives one active ticket per device: a second request returns the existing ticket, without its token', async () => {
    const first = await take('haifa-port', 'general', { deviceId: 'one-ticket-device' });
    const second = await take('haifa-port', 'documents', { deviceId: 'one-ticket-device' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.existing).toBe(true);
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    expect(second.body.token).toBeUndefined();
    // Once cancelled, the device may take a new one.
    const cancel = await call('POST', `/api/tickets/${first.body.ticket.id}/actions`, { customerToken: first.body.token, body: { action: 'cancel' } });
    expect(cancel.body.status).toBe('cancelled');
    const third = await take('haifa-port', 'documents', { deviceId: 'one-ticket-device' });
    expect(third.status).toBe(201);
    expect(third.body.ticket.id).not.toBe(first.body.ticket.id);
  });

  it('replays the same answer for a repeated Idempotency-Key, and refuses the key on another body (422)', async () => {
    const headers = { 'idempotency-key': 'kiosk-press-0001' };
    const body = { serviceId: 'general', channel: 'kiosk' };
    const [a, b] = await Promise.all([
      kioskCall('POST', '/api/branches/haifa-port/tickets', { body, headers }),
      kioskCall('POST', '/api/branches/haifa-port/tickets', { body, headers }),
    ]);
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const other = await kioskCall('POST', '/api/branches/haifa-port/tickets', { body: { ...body, serviceId: 'documents' }, headers });
    expect(other.status).toBe(422);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await call('GET', '/api/branches/tel-aviv-center');
    const res = await call('POST', '/api/branches/tel-aviv-center/tickets', { body: { serviceId: 'general', channel: 'fax', needs: ['x'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['body.channel', 'body.needs.0']));
    const unknownService = await kioskCall('POST', '/api/branches/tel-aviv-center/tickets', { body: { serviceId: 'nope', channel: 'kiosk' } });
    expect(unknownService.status).toBe(400);
    expect(unknownService.body.error.fields[0].field).toBe('body.serviceId');
    const after = await call('GET', '/api/branches/tel-aviv-center');
    expect(after.body.services.map((s: { waiting: number }) => s.waiting)).toEqual(before.body.services.map((s: { waiting: number }) => s.waiting));
  });

  it('refuses to take a remote ticket while the branch is closed, but the kiosk inside still works', async () => {
    const setHours = (hours: unknown[]) =>
      db.send(new UpdateCommand({ TableName: table(), Key: keys.branch('haifa-port'), UpdateExpression: 'SET hours = :h', ExpressionAttributeValues: { ':h': hours } }));
    const before = await call('GET', '/api/branches/haifa-port');
    await setHours([]);
    try {
      const remote = await take('haifa-port', 'documents', { deviceId: 'closed-hours-device' });
      expect(remote.status).toBe(409);
      expect(remote.body.error.code).toBe('branch_closed');
      const after = await call('GET', '/api/branches/haifa-port');
      expect(after.body.services).toEqual(before.body.services); // nothing was stored
      const kiosk = await take('haifa-port', 'documents', { channel: 'kiosk' });
      expect(kiosk.status).toBe(201);
    } finally {
      await setHours([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })));
    }
  });
});
