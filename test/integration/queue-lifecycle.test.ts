import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { call, signIn } from '../support/api';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';

const branch = 'tel-aviv-center';
const stored = async (id: string) => (await db.send(new GetCommand({ TableName: table(), Key: keys.ticket(id), ConsistentRead: true }))).Item!;
const counterPath = (c: string) => `/api/branches/${branch}/counters/${c}`;

async function takeAndCall(token: string, counter: string, deviceId: string, serviceId = 'general') {
  const t = await call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId, channel: 'mobile', deviceId } });
  expect(t.status).toBe(201);
  const called = await call('POST', `${counterPath(counter)}/call-next`, { token });
  expect(called.body.ticket?.id).toBe(t.body.ticket.id);
  return t.body as { ticket: { id: string; number: string }; token: string };
}

describe('ticket lifecycle through the real handlers', () => {
  it('walks waiting → called → serving → done, shows the counter to the customer, and frees the counter', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    await call('POST', `${counterPath('c3')}/open`, { token });
    const { ticket, token: customer } = await takeAndCall(token, 'c3', 'life-device-1');
    const seen = await call('GET', `/api/tickets/${ticket.id}`, { customerToken: customer });
    expect(seen.body).toMatchObject({ status: 'called', counterNumber: 3 });
    const board = await call('GET', `/api/branches/${branch}/board`);
    expect(board.body.nowServing).toContainEqual(expect.objectContaining({ number: ticket.number, counterNumber: 3 }));
    expect(JSON.stringify(board.body)).not.toMatch(/life-device|tokenHash|contact/);
    expect((await call('POST', `${counterPath('c3')}/tickets/${ticket.id}/start`, { token })).body.ticket.status).toBe('serving');
    expect((await call('POST', `${counterPath('c3')}/tickets/${ticket.id}/complete`, { token })).body.ticket.status).toBe('done');
    const counter = await db.send(new GetCommand({ TableName: table(), Key: keys.counter(branch, 'c3') }));
    expect(counter.Item?.currentTicketId).toBeUndefined();
    await call('POST', `${counterPath('c3')}/close`, { token });
  });

  it('refuses illegal moves with 409 and changes nothing', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    await call('POST', `${counterPath('c2')}/open`, { token });
    const { ticket } = await takeAndCall(token, 'c2', 'life-device-2');
    await call('POST', `${counterPath('c2')}/tickets/${ticket.id}/complete`, { token });
    const before = await stored(ticket.id);
    for (const verb of ['start', 'recall', 'no-show', 'complete', 'transfer']) {
      const res = await call('POST', `${counterPath('c2')}/tickets/${ticket.id}/${verb}`, { token, body: verb === 'transfer' ? { serviceId: 'accounts' } : undefined });
      expect(res.status, `${verb}: ${JSON.stringify(res.body)}`).toBe(409);
    }
    expect(await stored(ticket.id)).toEqual(before);

    // A waiting ticket cannot be completed, and a customer cannot act on an ended ticket.
    const waiting = await call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'accounts', channel: 'mobile', deviceId: 'life-device-3' } });
    const w0 = await stored(waiting.body.ticket.id);
    expect((await call('POST', `${counterPath('c2')}/tickets/${waiting.body.ticket.id}/complete`, { token })).status).toBe(409);
    await call('POST', `/api/tickets/${waiting.body.ticket.id}/actions`, { customerToken: waiting.body.token, body: { action: 'cancel' } });
    const again = await call('POST', `/api/tickets/${waiting.body.ticket.id}/actions`, { customerToken: waiting.body.token, body: { action: 'on_my_way' } });
    expect(again.status).toBe(409);
    expect((await stored(waiting.body.ticket.id)).version).toBe(w0.version + 1);
  });

  it('answers "nobody waiting" when the queue is empty, and refuses a closed counter', async () => {
    const token = await signIn('manager@dalpak.test');
    const closed = await call('POST', `/api/branches/haifa-port/counters/c2/call-next`, { token });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('counter_not_open');
    await call('POST', `/api/branches/haifa-port/counters/c2/open`, { token });
    const empty = await call('POST', `/api/branches/haifa-port/counters/c2/call-next`, { token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ ticket: null, reason: 'nobody_waiting' });
  });

  it('re-queues a remote ticket once when its customer is not there yet, then marks no-show', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    await call('POST', `${counterPath('c4')}/open`, { token });
    const { ticket } = await takeAndCall(token, 'c4', 'life-device-4', 'accounts');
    const first = await call('POST', `${counterPath('c4')}/tickets/${ticket.id}/no-show`, { token });
    expect(first.status).toBe(200);
    expect(first.body.ticket).toMatchObject({ status: 'waiting', requeued: true });
    // It waits out its grace before it can be called again; then a second no-show is final.
    const s = await stored(ticket.id);
    expect(s.notBefore).toBeGreaterThan(Date.now());
  });

  it('keeps the place of a transferred ticket (joining time) and lets the clerk add a note', async () => {
    const token = await signIn('clerk.tlv@dalpak.test');
    await call('POST', `${counterPath('c1')}/open`, { token });
    const { ticket } = await takeAndCall(token, 'c1', 'life-device-5');
    const joinedAt = (await stored(ticket.id)).joinedAt;
    const moved = await call('POST', `${counterPath('c1')}/tickets/${ticket.id}/transfer`, { token, body: { serviceId: 'accounts' } });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ status: 'waiting', serviceId: 'accounts', joinedAt });
    const noted = await call('POST', `${counterPath('c1')}/tickets/${ticket.id}/notes`, { token, body: { text: 'Brought the signed form' } });
    expect(noted.body.ticket.notes).toEqual([expect.objectContaining({ text: 'Brought the signed form' })]);
    const queue = await call('GET', `/api/branches/${branch}/queue`, { token });
    expect(queue.body.waiting.find((t: { id: string }) => t.id === ticket.id)).toMatchObject({ serviceId: 'accounts' });
  });
});
