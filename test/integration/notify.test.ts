import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { tailStream, type StreamTail } from '../support/stream';
import { db, table } from '../../functions/data/client';
import { getDelivery, listDeliveries } from '../../functions/data/deliveries-repo';
import { keys } from '../../functions/data/keys';
import { getOutboxMessage, listOutbox, scheduledPut, type StoredMessage } from '../../functions/data/outbox';
import { listPushSubscriptions } from '../../functions/data/push-repo';
import { transact } from '../../functions/data/transact';
import { failLocalDeliveriesTo, listLocalDeliveries } from '../../functions/notify/channels';
import { releaseDueMessages, remindExpiringOrders } from '../../functions/notify/release-due';
import { handler } from '../../functions/notify/stream';

// The notifier against DynamoDB Local: real items, the table's real stream, the local channel
// set (every delivery recorded as an item). Replays and failures as the stream produces them.
let tail: StreamTail;
let n = 0;
const key = () => `notify-test-${Date.now()}-${n++}`;
const minute = 60_000;

/** Feeds the stream to the notifier until it has nothing more to say (its writes come back through the stream). */
async function pump(): Promise<{ records: DynamoDBRecord[]; failures: string[] }> {
  const records: DynamoDBRecord[] = [];
  const failures: string[] = [];
  for (let round = 0; round < 12; round++) {
    const batch = await tail.read();
    if (batch.length === 0) break;
    records.push(...batch);
    failures.push(...(await handler({ Records: batch })).batchItemFailures.map((f) => f.itemIdentifier));
  }
  return { records, failures };
}

const outboxRecord = (records: DynamoDBRecord[], template: string, id: string) =>
  records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.template?.S === template && JSON.stringify(r.dynamodb.NewImage.params).includes(id));
const messageIdOf = (r: DynamoDBRecord) => r.dynamodb!.NewImage!.id!.S!;
const localFor = async (messageId: string) => (await listLocalDeliveries(1000)).filter((d) => d.messageId === messageId);
const outboxFor = async (field: string, ids: string[]): Promise<StoredMessage[]> => (await listOutbox()).filter((m) => ids.includes(String(m.params[field])));

async function placeOrder(contact: Record<string, string>) {
  const windows = (await call('GET', '/api/branches/tel-aviv-center/pickup-windows')).body.windows.filter((w: { available: boolean }) => w.available);
  const res = await call('POST', '/api/branches/tel-aviv-center/orders', {
    headers: { 'idempotency-key': key() },
    body: { lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: windows[n % windows.length].start, contact, language: 'en' },
  });
  expect(res.status).toBe(201);
  return res.body as { order: { id: string; code: string; window: { start: number; end: number }; version: number; status: string }; token: string };
}

beforeAll(async () => {
  tail = await tailStream();
});
afterAll(() => tail.close());
afterEach(async () => {
  failLocalDeliveriesTo(undefined);
  await pump(); // nothing left over for the next test
});

describe('delivery', () => {
  it('records a message delivered by the local channels exactly once when the same batch is processed twice', async () => {
    const { order, token } = await placeOrder({ name: 'Dana Levi', phone: '+972 50 123 4567', email: 'dana@example.test' });
    const batch = await tail.read();
    const record = outboxRecord(batch, 'order_confirmed', order.id)!;
    expect(record).toBeDefined();
    const id = messageIdOf(record);

    expect((await handler({ Records: batch })).batchItemFailures).toEqual([]);
    expect((await handler({ Records: batch })).batchItemFailures).toEqual([]);

    const sent = await localFor(id);
    expect(sent.map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    const sms = sent.find((d) => d.channel === 'sms')!;
    expect(sms.to).toBe('+972501234567');
    expect(sms.text).toContain(`Order ${order.code} confirmed`);
    expect(sms.link).toBe(`http://127.0.0.1:3000/o/${order.id}#k=${encodeURIComponent(token)}`);
    expect((await getOutboxMessage(id))!.status).toBe('sent');
    expect((await listDeliveries(id)).map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
      ['email', 'sent', 1],
      ['sms', 'sent', 1],
    ]);

    // The sender died after sending, before closing the message: the replay still sends nothing twice.
    await db.send(new UpdateCommand({ TableName: table(), Key: keys.outbox(id), UpdateExpression: 'SET #s = :p', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'pending' } }));
    expect((await handler({ Records: batch })).batchItemFailures).toEqual([]);
    expect(await localFor(id)).toHaveLength(2);
    expect((await getOutboxMessage(id))!.status).toBe('sent');
  });

  it('reports a failing channel in the batch response each time, marks it failed after the 3rd attempt, and leaves the order as it was', async () => {
    failLocalDeliveriesTo(/@fail\.invalid$/);
    const stockBefore = async () => (await db.send(new GetCommand({ TableName: table(), Key: keys.product('tel-aviv-center', 'sim-card'), ConsistentRead: true }))).Item!.stock as number;
    const { order, token } = await placeOrder({ name: 'Noa Bar', email: 'noa@fail.invalid' });
    const stock = await stockBefore();
    const batch = await tail.read();
    const record = outboxRecord(batch, 'order_confirmed', order.id)!;
    const id = messageIdOf(record);
    const version = Number(record.dynamodb!.NewImage!.createdAt!.N);

    for (let attempt = 1; attempt <= 3; attempt++) {
      const out = await handler({ Records: batch });
      expect(out.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
      const delivery = await getDelivery({ messageId: id, version, channel: 'email' });
      expect(delivery).toMatchObject({ status: attempt < 3 ? 'retrying' : 'failed', attempts: attempt });
      expect(delivery!.lastError).toContain('LocalDeliveryRefusedError');
      expect((await getOutboxMessage(id))!.status).toBe(attempt < 3 ? 'pending' : 'failed');
    }
    // Given up: a 4th replay reports nothing and sends nothing.
    expect((await handler({ Records: batch })).batchItemFailures).toEqual([]);
    expect(await getDelivery({ messageId: id, version, channel: 'email' })).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await localFor(id)).toEqual([]);
    expect((await getOutboxMessage(id))!.reason).toBe('failed: email');

    const now = await call('GET', `/api/orders/${order.id}`, { customerToken: token });
    expect(now.body).toMatchObject({ status: 'placed', version: order.version });
    expect(await stockBefore()).toBe(stock);
  });

  it('sends on the channels that work while retrying only the one that failed', async () => {
    failLocalDeliveriesTo(/@fail\.invalid$/);
    const { order } = await placeOrder({ name: 'Avi Cohen', phone: '050-7654321', email: 'avi@fail.invalid' });
    const batch = await tail.read();
    const record = outboxRecord(batch, 'order_confirmed', order.id)!;
    const id = messageIdOf(record);
    expect((await handler({ Records: batch })).batchItemFailures).toHaveLength(1);
    expect((await handler({ Records: batch })).batchItemFailures).toHaveLength(1);
    failLocalDeliveriesTo(null); // the provider recovers
    expect((await handler({ Records: batch })).batchItemFailures).toEqual([]);
    const sent = await localFor(id);
    expect(sent.map((d) => [d.channel, d.to]).sort()).toEqual([
      ['email', 'avi@fail.invalid'],
      ['sms', '+972507654321'],
    ]);
    expect((await listDeliveries(id)).map((d) => [d.channel, d.attempts]).sort()).toEqual([
      ['email', 3],
      ['sms', 1],
    ]);
    expect((await getOutboxMessage(id))!.status).toBe('sent');
  });
});

describe('messages derived from the queue', () => {
  const branch = 'haifa-port';
  const take = async (i: number) => {
    const res = await call('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'documents', channel: 'mobile', language: 'en', contact: { name: `Guest ${i}`, phone: `+972 52 000 00${String(i).padStart(2, '0')}` } } });
    expect(res.status).toBe(201);
    return res.body.ticket as { id: string; number: string };
  };

  it('says "N ahead of you" once when a ticket comes within N, and "your turn" once per call and again on recall, marked as a recall', async () => {
    const clerk = await signIn('clerk.haifa@dalpak.test');
    const counter = (path: string) => call('POST', `/api/branches/${branch}/counters/c1/${path}`, { token: clerk });
    expect((await counter('open')).status).toBe(200);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await take(i));
    const ids = tickets.map((t) => t.id);
    const seen = await pump();
    expect(seen.failures).toEqual([]);
    // Those who joined already within 3 of the front see it on their page: no message.
    expect((await outboxFor('ticketId', ids)).filter((m) => m.template === 'ticket_ahead')).toEqual([]);

    const first = await counter('call-next');
    expect(first.body.ticket.id).toBe(ids[0]);
    const round1 = await pump();
    expect(round1.failures).toEqual([]);
    let box = await outboxFor('ticketId', ids);
    expect(box.filter((m) => m.template === 'ticket_ahead').map((m) => [m.params.ticketId, m.params.ahead])).toEqual([[ids[4], 3]]);
    expect(box.filter((m) => m.template === 'ticket_called').map((m) => [m.params.ticketId, m.params.counterNumber, m.params.recall])).toEqual([[ids[0], 1, false]]);

    expect((await counter(`tickets/${ids[0]}/recall`)).status).toBe(200);
    expect((await counter(`tickets/${ids[0]}/complete`)).status).toBe(200);
    expect((await counter('call-next')).body.ticket.id).toBe(ids[1]);
    const round2 = await pump();
    expect(round2.failures).toEqual([]);

    box = await outboxFor('ticketId', ids);
    const called = box.filter((m) => m.template === 'ticket_called').sort((a, b) => a.createdAt - b.createdAt);
    expect(called.map((m) => [m.params.ticketId, m.params.recall])).toEqual([
      [ids[0], false],
      [ids[0], true],
      [ids[1], false],
    ]);
    // N ahead: once for the 5th ticket (now 2 ahead, not told again), once for the 6th as it reached 3.
    expect(box.filter((m) => m.template === 'ticket_ahead').map((m) => [m.params.ticketId, m.params.ahead]).sort()).toEqual([
      [ids[4], 3],
      [ids[5], 3],
    ]);
    expect(box.filter((m) => m.template === 'survey_invite').map((m) => m.params.ticketId)).toEqual([ids[0]]);
    // Every one of them reached the customer, by SMS, once.
    for (const m of box) {
      expect(m.status).toBe('sent');
      expect((await localFor(m.id)).map((d) => d.channel)).toEqual(['sms']);
    }
    const recall = (await localFor(called[1]!.id))[0]!;
    expect(recall.text).toMatch(/calling you again.*counter 1/);

    // The whole history replayed: nothing new is written or sent.
    const history = [...seen.records, ...round1.records, ...round2.records];
    const deliveredBefore = (await listLocalDeliveries(1000)).length;
    expect((await handler({ Records: history })).batchItemFailures).toEqual([]);
    expect(await outboxFor('ticketId', ids)).toHaveLength(box.length);
    expect((await listLocalDeliveries(1000)).length).toBe(deliveredBefore);
  });
});

describe('scheduled messages', () => {
  const branch = 'tel-aviv-center';
  const book = async (slotStart: number, i: number) => {
    const res = await call('POST', `/api/branches/${branch}/bookings`, {
      headers: { 'idempotency-key': key() },
      body: { serviceId: 'appointments', slotStart, contact: { name: `Guest ${i}`, email: `guest${i}@example.test` }, language: 'en' },
    });
    expect(res.status).toBe(201);
    return res.body as { booking: { id: string; version: number }; token: string };
  };

  it('releases due reminders once, keeps future ones, and never sends those of cancelled bookings', async () => {
    const days = (await call('GET', `/api/branches/${branch}/services/appointments/slots?days=14`)).body.days as { slots: { start: number; available: boolean }[] }[];
    const slots = days.flatMap((d) => d.slots).filter((s) => s.available && s.start > Date.now() + 2 * 1440 * minute);
    const s1 = slots[0]!.start;
    const s2 = slots.find((s) => s.start >= s1 + 3 * 1440 * minute)!.start;
    const a = await book(s1, 1); // its 24 h reminder comes due first
    const b = await book(s2, 2); // far later: nothing due yet
    const c = await book(s1, 3); // cancelled: its reminders go with it
    expect((await call('POST', `/api/bookings/${c.booking.id}/cancel`, { customerToken: c.token, body: {} })).status).toBe(200);
    // A stale reminder of a cancelled booking that somehow survived is not sent either.
    const d = await book(s1, 4);
    expect((await call('POST', `/api/bookings/${d.booking.id}/cancel`, { customerToken: d.token, body: {} })).status).toBe(200);
    await transact([scheduledPut({ id: keys.reminderId(d.booking.id, 1440), template: 'booking_reminder', language: 'en', to: { email: 'guest4@example.test' }, params: { bookingId: d.booking.id, branchId: branch, start: s1, minutesBefore: 1440 }, createdAt: Date.now(), sendAt: s1 - 1440 * minute })]);
    await pump();

    const now = s1 - 1440 * minute + minute;
    expect(await releaseDueMessages(now)).toEqual({ released: 1 });
    expect(await releaseDueMessages(now)).toEqual({ released: 0 });
    const out = await pump();
    expect(out.failures).toEqual([]);

    const reminder = (id: string, m: number) => getOutboxMessage(keys.reminderId(id, m));
    expect(await reminder(a.booking.id, 1440)).toMatchObject({ status: 'sent' });
    expect(await reminder(a.booking.id, 60)).toMatchObject({ status: 'scheduled' });
    expect(await reminder(b.booking.id, 1440)).toMatchObject({ status: 'scheduled' });
    expect(await reminder(c.booking.id, 1440)).toBeUndefined();
    expect(await reminder(d.booking.id, 1440)).toBeUndefined(); // dropped, not released
    const sent = await localFor(keys.reminderId(a.booking.id, 1440));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('in 24 hours');
    expect(sent[0]!.link).toBe(`http://127.0.0.1:3000/a/${a.booking.id}#k=${encodeURIComponent(a.token)}`);

    // Later still: every due reminder of a live booking goes, once; the cancelled ones never do.
    expect(await releaseDueMessages(s1 - 30 * minute)).toEqual({ released: 1 });
    expect(await releaseDueMessages(s2 - 30 * minute)).toEqual({ released: 2 });
    expect((await pump()).failures).toEqual([]);
    for (const id of [c.booking.id, d.booking.id]) {
      for (const m of [1440, 60]) expect(await localFor(keys.reminderId(id, m))).toEqual([]);
    }
    for (const [id, m] of [[a.booking.id, 60], [b.booking.id, 1440], [b.booking.id, 60]] as const) {
      expect(await localFor(keys.reminderId(id, m))).toHaveLength(1);
    }
  });

  it('tells an open order once, 30 minutes before it would expire', async () => {
    const { order, token } = await placeOrder({ name: 'Lior Ben', phone: '+972 54 111 2233' });
    const deadline = order.window.end + 120 * minute;
    expect((await remindExpiringOrders(deadline - 31 * minute)).reminded).toBe(0);
    await remindExpiringOrders(deadline - 20 * minute);
    await remindExpiringOrders(deadline - 10 * minute);
    await pump();
    const expiring = (await outboxFor('orderId', [order.id])).filter((m) => m.template === 'order_expiring');
    expect(expiring).toHaveLength(1);
    const sent = await localFor(expiring[0]!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toMatch(new RegExp(`Order ${order.code} waits for you at Dalpak Tel Aviv Center until \\d\\d:\\d\\d`));
    expect((await call('GET', `/api/orders/${order.id}`, { customerToken: token })).body.status).toBe('placed');
  });
});

describe('push subscriptions', () => {
  const subscription = (i: number) => ({ endpoint: `https://push.example.test/send/${i}-${key()}`, keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } });

  it('gives the public key browsers subscribe with', async () => {
    const res = await call('GET', '/api/push/config');
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    expect(res.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect((await call('GET', '/api/push/config')).body.publicKey).toBe(res.body.publicKey);
  });

  it("refuses another item's token (404) and stores nothing; with its own token the ticket's messages reach the browser", async () => {
    const ticket = await kioskCall('POST', '/api/branches/tel-aviv-center/tickets', { body: { serviceId: 'accounts', channel: 'kiosk', language: 'he' } });
    expect(ticket.status).toBe(201);
    const { order, token: orderToken } = await placeOrder({ name: 'Rina', email: 'rina@example.test' });
    const id = ticket.body.ticket.id as string;
    const body = { kind: 'ticket', id, subscription: subscription(1) };

    for (const customerToken of [orderToken, undefined, 'x'.repeat(32)]) {
      const refused = await call('POST', '/api/push/subscriptions', { body, customerToken });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('not_found');
    }
    // The order's own token does not open the order as a ticket, nor a ticket's id as an order.
    expect((await call('POST', '/api/push/subscriptions', { body: { ...body, kind: 'order' }, customerToken: ticket.body.token })).status).toBe(404);
    expect((await call('POST', '/api/push/subscriptions', { body: { kind: 'ticket', id: order.id, subscription: subscription(2) }, customerToken: orderToken })).status).toBe(404);
    expect(await listPushSubscriptions('ticket', id)).toEqual([]);
    expect(await listPushSubscriptions('order', order.id)).toEqual([]);
    // Bad input is a 400, never stored.
    expect((await call('POST', '/api/push/subscriptions', { body: { ...body, subscription: { endpoint: 'http://insecure.test/x', keys: subscription(3).keys } }, customerToken: ticket.body.token })).status).toBe(400);

    const ok = await call('POST', '/api/push/subscriptions', { body, customerToken: ticket.body.token });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ subscribed: true, kind: 'ticket', id });
    expect(await listPushSubscriptions('ticket', id)).toHaveLength(1);
    await pump();

    // A kiosk ticket has no phone or email: with a push subscription, its call reaches the browser.
    const clerk = await signIn('clerk.tlv@dalpak.test');
    expect((await call('POST', '/api/branches/tel-aviv-center/counters/c4/open', { token: clerk })).status).toBe(200);
    expect((await call('POST', '/api/branches/tel-aviv-center/counters/c4/call-next', { token: clerk })).body.ticket.id).toBe(id);
    expect((await pump()).failures).toEqual([]);
    const called = (await outboxFor('ticketId', [id])).filter((m) => m.template === 'ticket_called');
    expect(called).toHaveLength(1);
    const pushed = await localFor(called[0]!.id);
    expect(pushed.map((p) => p.channel)).toEqual(['push']);
    expect(pushed[0]!.to).toMatch(/^push:/);
    expect(pushed[0]!.text).toContain('עמדה 4');
  });
});
