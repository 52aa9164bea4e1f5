import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, table } from '../../functions/data/client';
import { readDay } from '../../functions/data/insight-repo';
import { keys } from '../../functions/data/keys';
import { putBranchSetup, putStaffUser } from '../../functions/data/setup-repo';
import { personalExpiry } from '../../functions/domain/privacy/retention';
import { localDay } from '../../functions/domain/time';
import { hashPassword } from '../../functions/identity/passwords';
import { handler as insightStream } from '../../functions/insight/stream';
import { demoBranches, demoPassword } from '../../functions/seed/demo';
import { call, signIn } from '../support/api';
import { tailStream, type StreamTail } from '../support/stream';

// Issue 7, acceptance 4: personal attributes carry the TTL (the branch's retention after the
// visit or the slot); a manager finds, exports and erases one customer's data by phone or email;
// after the erasure none of it is anywhere in the table, the day's statistics are byte for byte
// what they were, and a second erasure does nothing.
const branch = 'tel-aviv-center';
const tz = 'Asia/Jerusalem';
const day = 86_400;
const minute = 60_000;
const run = Date.now().toString(36);
const customer = { name: `Privacy Person ${run}`, phone: '+972 52-777 1234', email: `privacy.${run}@example.test` };
// Every spelling the phone could be stored in.
const phoneSpellings = ['+972 52-777 1234', '+972527771234', '972527771234', '052-777-1234', '0527771234', '52-777 1234', '527771234', '777 1234', '7771234'];
const secrets = { ticketReason: `ticket reason ${run}`, note: `clerk note ${run}`, orderNote: `order note ${run}`, bookingReason: `booking reason ${run}`, comment: `survey comment ${run}`, complaint: `complaint note ${run}` };

let tail: StreamTail;
async function pump(): Promise<DynamoDBRecord[]> {
  const records = await tail.read();
  for (let i = 0; i < records.length; i += 100) expect((await insightStream({ Records: records.slice(i, i + 100) })).batchItemFailures).toEqual([]);
  return records;
}
async function scanAll(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table(), ConsistentRead: true, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
const needles = () => [customer.name, customer.email, customer.email.toUpperCase(), ...phoneSpellings, ...Object.values(secrets)];
const leftovers = (items: Record<string, unknown>[]) =>
  items.flatMap((i) => {
    const text = JSON.stringify(i).toLowerCase();
    return needles()
      .filter((n) => text.includes(n.toLowerCase()))
      .map((n) => `${String(i.pk)}|${String(i.sk)}: ${n}`);
  });

let manager: string;
let clerk: string;
let otherManager: string;
const ids: { ticket?: string; order?: string; booking?: string; callback?: string } = {};

beforeAll(async () => {
  const demo = demoBranches.find((b) => b.branch.id === branch)!;
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  // This branch keeps visits 14 days and bookings 60 (its own setting over the defaults).
  await putBranchSetup({ ...demo, branch: { ...demo.branch, hours: allDay, exceptions: [], retention: { visitDays: 14, bookingDays: 60 } } });
  await putStaffUser({ email: 'manager.haifa.only@dalpak.test', name: 'Haifa Manager', roles: ['manager'], branches: ['haifa-port'], passwordHash: await hashPassword(demoPassword) });
  manager = await signIn('manager@dalpak.test');
  clerk = await signIn('clerk.tlv@dalpak.test');
  otherManager = await signIn('manager.haifa.only@dalpak.test');
  tail = await tailStream();
});
afterAll(() => tail?.close());

const post = (verb: string, body: unknown, token = manager) => call('POST', `/api/branches/${branch}/privacy/${verb}`, { token, body });

describe('a customer with a ticket, an order, a booking, a survey comment and a complaint', () => {
  it('leaves items that carry the TTL of the branch retention after the visit or the slot', async () => {
    // A served ticket with a reason and a clerk's note, then a survey with a comment.
    await call('POST', `/api/branches/${branch}/counters/c1/open`, { token: clerk });
    const taken = await call('POST', `/api/branches/${branch}/tickets`, {
      body: { serviceId: 'general', channel: 'mobile', language: 'en', contact: customer, reason: secrets.ticketReason },
      headers: { 'idempotency-key': `privacy-ticket-${run}` },
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    ids.ticket = taken.body.ticket.id;
    let called = (await call('POST', `/api/branches/${branch}/counters/c1/call-next`, { token: clerk })).body.ticket;
    while (called && called.id !== ids.ticket) {
      await call('POST', `/api/branches/${branch}/counters/c1/tickets/${called.id}/complete`, { token: clerk });
      called = (await call('POST', `/api/branches/${branch}/counters/c1/call-next`, { token: clerk })).body.ticket;
    }
    expect(called?.id).toBe(ids.ticket);
    for (const [verb, body] of [['notes', { text: secrets.note }], ['start', undefined], ['complete', undefined]] as const) {
      const r = await call('POST', `/api/branches/${branch}/counters/c1/tickets/${ids.ticket}/${verb}`, { token: clerk, body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const survey = await call('POST', `/api/surveys/ticket/${ids.ticket}`, { customerToken: taken.body.token, body: { score: 2, comment: secrets.comment } });
    expect(survey.status, JSON.stringify(survey.body)).toBe(201);

    // An order for pickup (spelling the phone another way), a booking and a complaint.
    const windows = (await call('GET', `/api/branches/${branch}/pickup-windows`)).body.windows.filter((w: { available: boolean }) => w.available);
    const order = await call('POST', `/api/branches/${branch}/orders`, {
      body: { lines: [{ productId: 'sim-card', quantity: 1 }], windowStart: windows[0].start, contact: { name: customer.name, phone: '+972527771234', email: customer.email }, note: secrets.orderNote, language: 'en' },
      headers: { 'idempotency-key': `privacy-order-${run}` },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    ids.order = order.body.order.id;
    const slots = (await call('GET', `/api/branches/${branch}/services/appointments/slots?days=3`)).body.days.flatMap((d: { slots: { start: number; available: boolean }[] }) => d.slots).filter((s: { available: boolean }) => s.available);
    const booking = await call('POST', `/api/branches/${branch}/bookings`, {
      body: { serviceId: 'appointments', slotStart: slots.at(-1).start, contact: { name: customer.name, email: customer.email.toUpperCase() }, reason: secrets.bookingReason, language: 'en' },
      headers: { 'idempotency-key': `privacy-booking-${run}` },
    });
    expect(booking.status, JSON.stringify(booking.body)).toBe(201);
    ids.booking = booking.body.booking.id;
    const complaint = await call('POST', `/api/branches/${branch}/callbacks`, { body: { topic: 'complaint', contact: { name: customer.name, phone: customer.phone }, note: secrets.complaint, language: 'en' } });
    expect(complaint.status).toBe(201);
    ids.callback = complaint.body.id;
    await pump();

    const items = await scanAll();
    const find = (pk: string, sk: string) => items.find((i) => i.pk === pk && i.sk === sk)!;
    const t = find(keys.ticket(ids.ticket!).pk, 'TICKET');
    expect(t.expiresAt).toBe(personalExpiry(t.endedAt as number, 14));
    const o = find(keys.order(ids.order!).pk, 'ORDER') as { expiresAt: number; window: { end: number } };
    expect(o.expiresAt).toBe(personalExpiry(o.window.end, 14));
    const b = find(keys.booking(ids.booking!).pk, 'BOOKING') as { expiresAt: number; slot: { end: number } };
    expect(b.expiresAt).toBe(personalExpiry(b.slot.end, 60));
    const c = find(keys.moment(branch, ids.callback!).pk, keys.moment(branch, ids.callback!).sk) as { expiresAt: number; createdAt: number };
    expect(c.expiresAt).toBe(personalExpiry(c.createdAt, 14));
    const s = find(keys.survey('ticket', ids.ticket!).pk, 'SURVEY') as { expiresAt: number; at: number };
    expect(s.expiresAt).toBe(personalExpiry(s.at, 14));
    // Every item holding one of the contact's strings expires, and never later than the booking's horizon.
    const personal = items.filter((i) => leftovers([i]).length > 0 && !String(i.pk).startsWith('IDEMPOTENCY'));
    expect(personal.length).toBeGreaterThanOrEqual(6);
    for (const i of personal) {
      expect(typeof i.expiresAt, `${String(i.pk)} ${String(i.sk)}`).toBe('number');
      expect(i.expiresAt as number).toBeLessThanOrEqual(b.expiresAt);
    }
  });

  it('is found by the phone in any spelling, or by the email', async () => {
    for (const phone of ['+972527771234', '972-52-777-1234', '052-7771234']) {
      const found = await post('search', { phone });
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      expect(found.body.contact).toEqual({ kind: 'phone', value: '0527771234' }); // Israel's national form
      const kinds = new Set(found.body.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`));
      for (const k of [`ticket:${ids.ticket}`, `order:${ids.order}`, `moment:${ids.callback}`, `survey:${ids.ticket}`, `moment:low-score-ticket-${ids.ticket}`]) expect(kinds, k).toContain(k);
      expect(JSON.stringify(found.body)).not.toContain(customer.name);
    }
    const byEmail = await post('search', { email: customer.email.toUpperCase() });
    const kinds = byEmail.body.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`);
    for (const k of [`ticket:${ids.ticket}`, `order:${ids.order}`, `booking:${ids.booking}`]) expect(kinds).toContain(k);
    expect(kinds.filter((k: string) => k.startsWith('message:')).length).toBeGreaterThanOrEqual(2); // confirmations and reminders
  });

  it('exports what is held as JSON', async () => {
    const out = await post('export', { email: customer.email });
    expect(out.status).toBe(200);
    const text = JSON.stringify(out.body);
    for (const s of [customer.name, secrets.ticketReason, secrets.note, secrets.orderNote, secrets.bookingReason, secrets.comment]) expect(text).toContain(s);
    expect(text).not.toContain('tokenHash');
  });

  it('refuses another branch\'s manager, a clerk and bad input, changing nothing', async () => {
    const before = await scanAll();
    expect((await post('erase', { phone: customer.phone, confirm: true }, otherManager)).status).toBe(403);
    expect((await post('search', { phone: customer.phone }, otherManager)).status).toBe(403);
    expect((await post('erase', { phone: customer.phone, confirm: true }, clerk)).status).toBe(403);
    expect((await post('export', { phone: customer.phone }, clerk)).status).toBe(403);
    const bad: [unknown, string][] = [
      [{ confirm: true }, 'body.phone'],
      [{ phone: customer.phone, email: customer.email, confirm: true }, 'body.email'],
      [{ phone: 'call me', confirm: true }, 'body.phone'],
      [{ phone: customer.phone }, 'body.confirm'],
      [{ phone: customer.phone, confirm: false }, 'body.confirm'],
    ];
    for (const [body, field] of bad) {
      const r = await post('erase', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    await pump();
    const after = await scanAll();
    const strip = (items: Record<string, unknown>[]) => items.filter((i) => !String(i.pk).startsWith('INSIGHTMARK')).map((i) => JSON.stringify(i)).sort();
    expect(strip(after)).toEqual(strip(before));
  });

  it('erases it everywhere, keeps the day\'s statistics byte for byte, and a second erase does nothing', async () => {
    await pump();
    const today = localDay(Date.now(), tz);
    const days = [...new Set([today, ...(await scanAll()).filter((i) => i.entity === 'insightCell' && i.branchId === branch).map((i) => String(i.day))])];
    const statsBefore = await Promise.all(days.map((d) => readDay(branch, d)));
    const apiBefore = (await call('GET', `/api/branches/${branch}/stats?from=${today}`, { token: manager })).body;

    const erased = await post('erase', { phone: customer.phone, confirm: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.nothingHeld).toBe(false);
    expect(erased.body.erased).toMatchObject({ ticket: 1, order: 1, survey: 1 });
    // The booking has only the email: erase that too.
    const byEmail = await post('erase', { email: customer.email, confirm: true });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.erased.booking).toBe(1);
    await pump();

    const items = await scanAll();
    expect(leftovers(items)).toEqual([]);
    // The anonymous facts stay: the ticket still counts, statistics are unchanged.
    const t = items.find((i) => i.pk === keys.ticket(ids.ticket!).pk)!;
    expect(t).toMatchObject({ status: 'done', serviceId: 'general' });
    expect(t.contact).toBeUndefined();
    expect(await Promise.all(days.map((d) => readDay(branch, d)))).toEqual(statsBefore);
    expect(JSON.stringify((await call('GET', `/api/branches/${branch}/stats?from=${today}`, { token: manager })).body)).toBe(JSON.stringify(apiBefore));
    // The audit holds no contact, only its hash, the counts, who and when.
    const audits = items.filter((i) => i.entity === 'erasure' && i.branch === branch);
    expect(audits.length).toBe(2);
    for (const a of audits) expect(Object.keys(a).sort()).toEqual(expect.arrayContaining(['contactHash', 'counts', 'by', 'at']));

    // Again: nothing is found, nothing changes.
    const snapshot = items.map((i) => JSON.stringify(i)).sort();
    const again = await post('erase', { phone: '0527771234'.replace(/^0/, '+972'), confirm: true });
    expect(again.body).toEqual({ erased: {}, nothingHeld: true });
    expect((await post('search', { email: customer.email })).body.items).toEqual([]);
    await pump();
    expect((await scanAll()).filter((i) => !String(i.pk).startsWith('INSIGHTMARK')).map((i) => JSON.stringify(i)).sort()).toEqual(snapshot.filter((s) => !s.includes('"INSIGHTMARK#')));
    // Staff views still work on the erased items.
    expect((await call('GET', `/api/branches/${branch}/orders?day=${localDay(Date.now(), tz)}`, { token: clerk })).status).toBe(200);
    expect((await call('GET', `/api/branches/${branch}/moments?status=all`, { token: clerk })).status).toBe(200);
  });
});

void minute;
void day;
