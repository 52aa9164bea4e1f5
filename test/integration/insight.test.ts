import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sweepBookings } from '../../functions/bookings/sweep';
import { db, table } from '../../functions/data/client';
import { readDay } from '../../functions/data/insight-repo';
import { keys } from '../../functions/data/keys';
import { listDayOrders } from '../../functions/data/orders-repo';
import { putBranchSetup } from '../../functions/data/setup-repo';
import { listDayTickets } from '../../functions/data/tickets-repo';
import { bucketOf } from '../../functions/domain/insight/aggregate';
import { localClock } from '../../functions/domain/branch';
import { localDay } from '../../functions/domain/time';
import { handler as insightStream } from '../../functions/insight/stream';
import { raiseAbandonedCheckouts } from '../../functions/insight/moments';
import { expireDueOrders } from '../../functions/orders/expire';
import { demoBranches } from '../../functions/seed/demo';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { startWithinOneDay } from '../support/clock';
import { tailStream, type StreamTail } from '../support/stream';

// Insight against DynamoDB Local's real stream: a day of tickets, orders and bookings gives
// statistics equal to what the raw records say, once however often the stream replays; surveys
// are answered once per visit; each moment-of-truth rule puts exactly its items on the list.
const branch = 'haifa-port';
const tz = 'Asia/Jerusalem';
let tail: StreamTail;
let all: DynamoDBRecord[] = [];

async function pump(): Promise<DynamoDBRecord[]> {
  const records = await tail.read();
  all.push(...records);
  for (let i = 0; i < records.length; i += 100) expect((await insightStream({ Records: records.slice(i, i + 100) })).batchItemFailures).toEqual([]);
  return records;
}

beforeAll(async () => {
  const demo = demoBranches.find((b) => b.branch.id === branch)!;
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await putBranchSetup({ ...demo, branch: { ...demo.branch, hours: allDay, exceptions: [] } });
  tail = await tailStream();
});
afterAll(() => tail?.close());
afterEach(() => vi.useRealTimers());

const minute = 60_000;
let device = 0;
const take = (serviceId: string, extra: Record<string, unknown> = {}) =>
  kioskCall('POST', `/api/branches/${branch}/tickets`, { body: { serviceId, channel: 'kiosk', language: 'en', needs: [], deviceId: `insight-device-${device++}`, ...extra } });
const act = async (token: string, counter: string, ticketId: string, verb: string) => {
  const r = await call('POST', `/api/branches/${branch}/counters/${counter}/tickets/${ticketId}/${verb}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

describe('statistics from the stream', () => {
  it('equal what the raw records of a simulated day say, and a replayed stream changes nothing', async () => {
    const clerk = await signIn('clerk.haifa@dalpak.test');
    // The simulated day below spans about an hour; it starts early enough to end before midnight.
    const t0 = startWithinOneDay(90, tz);
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });
    for (const c of ['c1', 'c2']) expect((await call('POST', `/api/branches/${branch}/counters/${c}/open`, { token: clerk })).status).toBe(200);
    const tickets = [];
    for (let i = 0; i < 8; i++) tickets.push((await take(i % 2 ? 'general' : 'documents')).body);
    // Served, with waits of a few minutes and service times of a few more.
    for (let i = 0; i < 5; i++) {
      vi.setSystemTime(Date.now() + (i + 2) * minute);
      const called = (await call('POST', `/api/branches/${branch}/counters/c1/call-next`, { token: clerk })).body.ticket;
      await act(clerk, 'c1', called.id, 'start');
      vi.setSystemTime(Date.now() + (i + 4) * minute);
      await act(clerk, 'c1', called.id, 'complete');
    }
    // One no-show (a kiosk ticket is not re-queued), one who left before being called.
    const called = (await call('POST', `/api/branches/${branch}/counters/c2/call-next`, { token: clerk })).body.ticket;
    await act(clerk, 'c2', called.id, 'no-show');
    const stillWaiting = (await listDayTickets(branch, localDay(t0, tz))).filter((t) => t.status === 'waiting');
    const quitter = stillWaiting.at(-1)!;
    expect((await call('POST', `/api/tickets/${quitter.id}/actions`, { customerToken: tickets.find((t) => t.ticket.id === quitter.id)!.token, body: { action: 'cancel' } })).status).toBe(200);
    vi.useRealTimers();
    // A survey on one served visit.
    const servedOne = (await listDayTickets(branch, localDay(t0, tz))).find((t) => t.status === 'done')!;
    const servedToken = tickets.find((t) => t.ticket.id === servedOne.id)!.token;
    expect((await call('POST', `/api/surveys/ticket/${servedOne.id}`, { customerToken: servedToken, body: { score: 4, comment: 'quick' } })).status).toBe(201);

    await pump();
    const day = localDay(t0, tz);
    const raw = (await listDayTickets(branch, day)).filter((t) => t.joinedAt >= t0 - 1000);
    const cells = await readDay(branch, day);
    const counter = (serviceId: string, hour: number, name: string) => cells.find((c) => c.serviceId === serviceId && c.hour === hour)?.counters[name] ?? 0;
    const expected = new Map<string, Record<string, number>>();
    const add = (t: (typeof raw)[number], name: string, v = 1) => {
      const k = `${t.serviceId}|${Math.floor(localClock(t.joinedAt, tz).minutes / 60)}`;
      const e = expected.get(k) ?? expected.set(k, {}).get(k)!;
      e[name] = (e[name] ?? 0) + v;
    };
    for (const t of raw) {
      add(t, 'tickets');
      if (t.calledAt !== undefined) {
        add(t, 'waitCount');
        add(t, 'waitSumMs', t.calledAt - t.joinedAt);
        add(t, `waitH${bucketOf((t.calledAt - t.joinedAt) / minute)}`);
      }
      if (t.status === 'done') {
        add(t, 'served');
        add(t, 'serviceSumMs', t.endedAt! - t.servingAt!);
      }
      if (t.status === 'no_show') add(t, 'noShows');
      if (t.status === 'cancelled') {
        add(t, 'cancelled');
        add(t, 'abandoned');
      }
      if (t.id === servedOne.id) {
        add(t, 'surveys');
        add(t, 'scoreSum', 4);
      }
    }
    for (const [k, e] of expected) {
      const [serviceId, hour] = k.split('|') as [string, string];
      for (const [name, v] of Object.entries(e)) expect(counter(serviceId, Number(hour), name), `${k} ${name}`).toBe(v);
    }
    expect(raw.filter((t) => t.status === 'done')).toHaveLength(5);

    // Replaying everything read so far adds nothing.
    const before = JSON.stringify(await readDay(branch, day));
    for (let i = 0; i < all.length; i += 100) await insightStream({ Records: all.slice(i, i + 100) });
    expect(JSON.stringify(await readDay(branch, day))).toBe(before);

    // The manager's view and its CSV read the same cells.
    const manager = await signIn('manager@dalpak.test');
    const stats = await call('GET', `/api/branches/${branch}/stats?from=${day}`, { token: manager });
    expect(stats.status).toBe(200);
    const totals = stats.body.totals as { serviceId: string; served: number; surveys: number }[];
    expect(totals.reduce((s, r) => s + r.served, 0)).toBe(5 + (await listDayTickets(branch, day)).filter((t) => t.status === 'done' && t.joinedAt < t0 - 1000).length);
    const csv = await call('GET', `/api/branches/${branch}/stats.csv?from=${day}`, { token: manager });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.raw.split('\r\n')[0]).toContain('wait_p90_min');

    // Personal data expires (TTL deletes the tickets): the statistics stay as they were.
    for (const t of raw) await db.send(new DeleteCommand({ TableName: table(), Key: keys.ticket(t.id) }));
    await pump();
    expect(JSON.stringify(await readDay(branch, day))).toBe(before);
  });
});

describe('the survey', () => {
  it('takes one answer per visit, refuses another visit’s token, and opens only after the visit', async () => {
    const clerk = await signIn('clerk.haifa@dalpak.test');
    const mine = (await take('general')).body;
    const other = (await take('general')).body;
    const early = await call('POST', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token, body: { score: 5 } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('visit_not_finished');
    await call('POST', `/api/branches/${branch}/counters/c1/open`, { token: clerk });
    for (let i = 0; i < 30; i++) {
      const t = (await call('POST', `/api/branches/${branch}/counters/c1/call-next`, { token: clerk })).body.ticket;
      if (!t) break;
      await act(clerk, 'c1', t.id, 'complete');
      if (t.id === mine.ticket.id) break;
    }
    expect((await call('GET', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token })).body).toMatchObject({ open: true, answered: false });
    expect((await call('POST', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: other.token, body: { score: 1 } })).status).toBe(404);
    const first = await call('POST', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token, body: { score: 5, comment: 'Great' } });
    expect(first.status).toBe(201);
    const again = await call('POST', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token, body: { score: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_answered');
    expect((await call('GET', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token })).body).toMatchObject({ open: false, answered: true, score: 5 });
    const bad = await call('POST', `/api/surveys/ticket/${mine.ticket.id}`, { customerToken: mine.token, body: { score: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.score');
  });
});

describe('moments of truth', () => {
  it('puts exactly the expected people on the call-back list, and a resolved one leaves it for every clerk', async () => {
    const clerk = await signIn('clerk.haifa@dalpak.test');
    const manager = await signIn('manager@dalpak.test');
    await pump();
    const listed = async (token = clerk) => (await call('GET', `/api/branches/${branch}/moments`, { token })).body.moments as { id: string; kind: string; status: string; version: number; contact?: { phone?: string }; context: Record<string, unknown> }[];
    const baseline = new Set((await listed()).map((m) => m.id));
    const fresh = async () => (await listed()).filter((m) => !baseline.has(m.id));
    // The queue part below runs 3 h 25 min on: it must stay on one local day (run at 20:35 it
    // reached midnight, and call-next found the new day's queue empty).
    const t0 = startWithinOneDay(4 * 60, tz);
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });

    // An abandoned checkout (contact given, no order) and one completed by an order.
    const phone = (n: number) => `+972 54 600 00${String(n).padStart(2, '0')}`;
    const lines = [{ productId: 'sim-card', quantity: 1 }];
    const abandoned = crypto.randomUUID();
    const completed = crypto.randomUUID();
    expect((await call('POST', `/api/branches/${branch}/checkouts`, { body: { checkoutId: abandoned, contact: { name: 'Left Cart', phone: phone(1) }, lines } })).status).toBe(201);
    expect((await call('POST', `/api/branches/${branch}/checkouts`, { body: { checkoutId: completed, contact: { name: 'Did Order', phone: phone(2) }, lines } })).status).toBe(201);
    const windows = (await call('GET', `/api/branches/${branch}/pickup-windows`)).body.windows.filter((w: { available: boolean }) => w.available);
    const order = await call('POST', `/api/branches/${branch}/orders`, {
      body: { lines, windowStart: windows[0].start, contact: { name: 'Did Order', phone: phone(2) }, language: 'en', checkoutId: completed },
      headers: { 'idempotency-key': `moment-order-${t0}` },
    });
    expect(order.status).toBe(201);
    // A ticket that waits 25 minutes (over the 20-minute alert) before it is called, in an hour
    // of its own (the alert is raised once per service and hour).
    vi.setSystemTime(t0 + 3 * 60 * minute);
    const slow = (await take('documents', { contact: { name: 'Slow Service', phone: phone(5) } })).body;
    await call('POST', `/api/branches/${branch}/counters/c2/open`, { token: clerk });
    vi.setSystemTime(t0 + 3 * 60 * minute + 25 * minute);
    let calledSlow = false;
    for (let i = 0; i < 30 && !calledSlow; i++) {
      const t = (await call('POST', `/api/branches/${branch}/counters/c2/call-next`, { token: clerk })).body.ticket;
      if (!t) break;
      calledSlow = t.id === slow.ticket.id;
      await act(clerk, 'c2', t.id, 'complete');
    }
    expect(calledSlow).toBe(true);
    // Survey: 2 (low) with "call me", on the slow ticket.
    expect((await call('POST', `/api/surveys/ticket/${slow.ticket.id}`, { customerToken: slow.token, body: { score: 2, wantsCall: true, comment: 'Too slow' } })).status).toBe(201);
    // A complaint from the branch page.
    expect((await call('POST', `/api/branches/${branch}/callbacks`, { body: { topic: 'complaint', contact: { name: 'Angry Customer', phone: phone(3) }, note: 'Rude clerk', language: 'he' } })).status).toBe(201);
    // The order expires uncollected; later the abandoned checkout is found.
    vi.setSystemTime(Math.max(windows[0].end + 121 * minute, Date.now() + 31 * minute));
    expect((await expireDueOrders(Date.now())).expired).toContain(order.body.order.id);
    expect(await raiseAbandonedCheckouts(branch, Date.now())).toBe(1);
    expect(await raiseAbandonedCheckouts(branch, Date.now())).toBe(0);
    vi.useRealTimers();

    // A booking nobody came to.
    const slots = (await call('GET', `/api/branches/${branch}/services/appointments/slots?days=2`)).body.days.flatMap((d: { slots: { start: number; available: boolean }[] }) => d.slots).filter((s: { available: boolean }) => s.available);
    const booking = await call('POST', `/api/branches/${branch}/bookings`, { body: { serviceId: 'appointments', slotStart: slots[0].start, contact: { name: 'No Show', phone: phone(4) }, language: 'he' }, headers: { 'idempotency-key': `moment-booking-${t0}` } });
    expect(booking.status).toBe(201);
    expect((await sweepBookings(slots[0].start + 16 * minute)).missed).toContain(booking.body.booking.id);

    await pump();
    const items = await fresh();
    const kinds = items.map((m) => m.kind).sort();
    expect(kinds).toEqual(['abandoned_order', 'booking_no_show', 'complaint', 'long_wait', 'low_score', 'order_expired', 'talk_to_person']);
    expect(items.find((m) => m.kind === 'abandoned_order')!.contact!.phone).toBe(phone(1));
    expect(items.find((m) => m.kind === 'low_score')!.context).toMatchObject({ score: 2, comment: 'Too slow' });
    expect(items.find((m) => m.kind === 'long_wait')!.context).toMatchObject({ serviceId: 'documents', thresholdMinutes: 20 });
    // Replaying the stream raises nothing twice.
    for (let i = 0; i < all.length; i += 100) await insightStream({ Records: all.slice(i, i + 100) });
    expect((await fresh()).length).toBe(7);

    // One clerk resolves the complaint: it leaves the list for the manager too; a stale move is refused.
    const complaint = items.find((m) => m.kind === 'complaint')!;
    const resolved = await call('POST', `/api/branches/${branch}/moments/${complaint.id}`, { token: clerk, body: { status: 'resolved', version: complaint.version } });
    expect(resolved.status).toBe(200);
    expect((await listed(manager)).some((m) => m.id === complaint.id)).toBe(false);
    expect((await call('POST', `/api/branches/${branch}/moments/${complaint.id}`, { token: manager, body: { status: 'called', version: complaint.version } })).status).toBe(409);
    const tlv = await signIn('clerk.tlv@dalpak.test');
    expect((await call('GET', `/api/branches/${branch}/moments`, { token: tlv })).status).toBe(403);
    // Orders of the day are still there; the list never needed them.
    expect((await listDayOrders(branch, localDay(windows[0].start, tz))).length).toBeGreaterThan(0);
  });
});
