import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, signIn } from '../support/api';
import { kioskCall } from '../support/devices';
import { listDayBookings } from '../../functions/data/bookings-repo';
import { db, table } from '../../functions/data/client';
import { keys } from '../../functions/data/keys';
import { listOutbox } from '../../functions/data/outbox';
import { putBranchSetup } from '../../functions/data/setup-repo';
import { demoBranches } from '../../functions/seed/demo';
import { localDay } from '../../functions/domain/time';
import { sweepBookings } from '../../functions/bookings/sweep';

// Appointments against DynamoDB Local: a slot never holds more bookings than its capacity,
// whatever the concurrency; reschedules move a place atomically; a checked-in booking is
// called at its time ahead of walk-ins; each booking is reachable only by its owner or its
// branch's staff.
const branch = 'tel-aviv-center';
const tz = 'Asia/Jerusalem';
const service = 'appointments';
const capacity = 10;
let keyN = 0;
const newKey = () => `booking-key-${Date.now()}-${keyN++}`;
const phoneN = (n: number) => `+972 50 ${String(1_000_000 + n).slice(1, 4)} ${String(1_000_000 + n).slice(4)}`;

beforeAll(async () => {
  // An explicit capacity of 10 per slot (the demo derives 2 from its counters).
  const demo = demoBranches.find((b) => b.branch.id === branch)!;
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await putBranchSetup({ ...demo, branch: { ...demo.branch, hours: allDay, exceptions: [] }, services: demo.services.map((s) => (s.id === service ? { ...s, appointmentCapacity: capacity } : s)) });
});
afterEach(() => vi.useRealTimers());

type Slot = { start: number; end: number; remaining: number; available: boolean };
async function freeSlots(): Promise<Slot[]> {
  const res = await call('GET', `/api/branches/${branch}/services/${service}/slots?days=3`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.days.flatMap((d: { slots: Slot[] }) => d.slots).filter((s: Slot) => s.available && s.remaining === capacity);
}
let cursor = 0;
const freshSlot = async () => (await freeSlots())[cursor++]!;
// A slot whose previous 90 minutes fall on its own local day: the queue is per day, so a
// check-in at 23:50 for a 00:00 slot joins the day before (which way CI's clock falls decides).
const sameDaySlot = async () => {
  const slot = (await freeSlots()).slice(cursor).find((s) => localDay(s.start - 90 * 60_000, tz) === localDay(s.start, tz))!;
  cursor++;
  return slot;
};

const book = (slotStart: number, n: number, extra: Record<string, unknown> = {}, key: string | null = newKey()) =>
  call('POST', `/api/branches/${branch}/bookings`, {
    body: { serviceId: service, slotStart, contact: { name: `Guest ${n}`, phone: phoneN(n) }, reason: 'Open a business account', language: 'he', ...extra },
    headers: key ? { 'idempotency-key': key } : {},
  });
const usedOf = async (start: number) =>
  ((await db.send(new GetCommand({ TableName: table(), Key: keys.appointmentSlot(branch, service, localDay(start, tz), start), ConsistentRead: true }))).Item?.used as number | undefined) ?? 0;

describe('booking a slot', () => {
  it('books exactly 10 of 200 concurrent requests for a slot of capacity 10; the rest get 409 with the nearest free slots', async () => {
    const slot = await freshSlot();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => book(slot.start, 1000 + i)));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(capacity);
    expect(refused).toHaveLength(190);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['slot_full']));
    const alternatives = refused[0]!.body.error.details.alternatives as Slot[];
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((a) => a.available && a.start !== slot.start)).toBe(true);
    expect(await usedOf(slot.start)).toBe(capacity);
    const stored = (await listDayBookings(branch, localDay(slot.start, tz))).filter((b) => b.slot.start === slot.start);
    expect(stored).toHaveLength(capacity);
    expect(new Set(stored.map((b) => b.code)).size).toBe(capacity);
    // Every booking's confirmation is in the outbox, with its reminders scheduled before the slot.
    const outbox = await listOutbox();
    for (const b of stored) {
      expect(outbox.filter((m) => m.template === 'booking_confirmed' && m.params.bookingId === b.id)).toHaveLength(1);
      const reminders = outbox.filter((m) => m.template === 'booking_reminder' && m.params.bookingId === b.id);
      expect(reminders.length).toBeGreaterThan(0);
      expect(reminders.every((r) => r.sendAt! < slot.start && r.sendAt! > b.createdAt)).toBe(true);
    }
  });

  it('returns the same booking to 10 concurrent copies of one Idempotency-Key, 422 for a changed body, 400 without a key', async () => {
    const slot = await freshSlot();
    const key = newKey();
    const copies = await Promise.all(Array.from({ length: 10 }, () => book(slot.start, 2000, {}, key)));
    expect(new Set(copies.map((c) => c.status))).toEqual(new Set([201]));
    expect(new Set(copies.map((c) => c.body.booking.id)).size).toBe(1);
    expect(await usedOf(slot.start)).toBe(1);
    expect((await book(slot.start, 2001, {}, key)).status).toBe(422);
    const none = await book(slot.start, 2002, {}, null);
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].field).toBe('header.idempotency-key');
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const slot = await freshSlot();
    const cases: [Record<string, unknown>, string][] = [
      [{ slotStart: slot.start + 60_000 }, 'body.slotStart'], // not on the slot grid
      [{ serviceId: 'general' }, 'body.serviceId'], // a walk-in service
      [{ contact: { name: 'No Way To Reach' } }, 'body.contact.phone'],
      [{ needs: ['levitation'] }, 'body.needs.0'],
    ];
    for (const [extra, field] of cases) {
      const res = await book(slot.start, 3000, extra);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await usedOf(slot.start)).toBe(0);
    const tooSoon = await book(Math.floor(Date.now() / 900_000) * 900_000, 3001);
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('slot_too_soon');
  });

  it('caps the bookings one contact holds on a day', async () => {
    const [a, b, c] = [await freshSlot(), await freshSlot(), await freshSlot()];
    expect((await book(a.start, 4000)).status).toBe(201);
    expect((await book(b.start, 4000)).status).toBe(201);
    const third = await book(c.start, 4000);
    if (localDay(a.start, tz) === localDay(c.start, tz)) {
      expect(third.status).toBe(409);
      expect(third.body.error.code).toBe('booking_limit');
      expect(await usedOf(c.start)).toBe(0);
    }
  });
});

describe('hours exceptions', () => {
  it('lists no slots on a holiday and only morning slots on a closed afternoon, and the branch says so', async () => {
    const haifa = demoBranches.find((b) => b.branch.id === 'haifa-port')!;
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '08:00', close: '18:00' }));
    const [d1, d2] = [localDay(Date.now() + 2 * 86_400_000, tz), localDay(Date.now() + 3 * 86_400_000, tz)];
    await putBranchSetup({
      ...haifa,
      branch: { ...haifa.branch, hours: allDay, exceptions: [{ day: d1, hours: [] }, { day: d2, hours: [{ open: '08:00', close: '12:00' }], label: { he: 'הדרכה', en: 'Training' } }] },
    });
    const res = await call('GET', `/api/branches/haifa-port/services/appointments/slots?from=${d1}&days=2`);
    expect(res.status).toBe(200);
    const [holiday, short] = res.body.days as { day: string; closed: boolean; slots: { start: number }[] }[];
    expect(holiday).toMatchObject({ day: d1, closed: true, slots: [] });
    expect(short!.closed).toBe(false);
    expect(short!.slots.length).toBe((4 * 60) / 20); // 08:00–12:00 in 20-minute slots
    expect(Math.max(...short!.slots.map((s) => s.start))).toBeLessThan(Date.parse(`${d2}T12:00:00+02:00`));
    const branchView = (await call('GET', '/api/branches/haifa-port')).body;
    expect(branchView.exceptions.map((e: { day: string }) => e.day)).toEqual([d1, d2]);
  });
});

describe('rescheduling and cancelling', () => {
  it('never overfills a slot nor loses a booking under 50 concurrent reschedules between two slots', async () => {
    const [a, b] = [await freshSlot(), await freshSlot()];
    const made: { booking: { id: string; slot: { start: number } }; token: string }[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await book(i < 10 ? a.start : b.start, 5000 + i);
      expect(res.status).toBe(201);
      made.push(res.body);
    }
    const moves = Array.from({ length: 50 }, (_, i) => made[i % made.length]!).map((m) => {
      const to = m.booking.slot.start === a.start ? b.start : a.start;
      return call('POST', `/api/bookings/${m.booking.id}/reschedule`, { customerToken: m.token, body: { slotStart: to } });
    });
    const results = await Promise.all(moves);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(results.every((r) => r.status === 200 || r.status === 409 || r.status === 400)).toBe(true);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    const all = (await Promise.all([a, b].map((s) => listDayBookings(branch, localDay(s.start, tz))))).flat();
    const ours = new Map(all.filter((x) => made.some((m) => m.booking.id === x.id)).map((x) => [x.id, x]));
    expect(ours.size).toBe(15); // none lost, none duplicated
    const inA = [...ours.values()].filter((x) => x.slot.start === a.start).length;
    const inB = [...ours.values()].filter((x) => x.slot.start === b.start).length;
    expect(inA + inB).toBe(15);
    expect(inA).toBeLessThanOrEqual(capacity);
    expect(inB).toBeLessThanOrEqual(capacity);
    expect(await usedOf(a.start)).toBe(inA);
    expect(await usedOf(b.start)).toBe(inB);
  });

  it('frees the place exactly once when a customer cancels, and keeps reminders only for live bookings', async () => {
    const slot = await freshSlot();
    const { booking, token } = (await book(slot.start, 6000)).body;
    const cancels = await Promise.all(Array.from({ length: 5 }, () => call('POST', `/api/bookings/${booking.id}/cancel`, { customerToken: token, body: {} })));
    expect(cancels.filter((r) => r.status === 200)).toHaveLength(1);
    expect(cancels.filter((r) => r.status === 409)).toHaveLength(4);
    expect(await usedOf(slot.start)).toBe(0);
    const outbox = await listOutbox();
    expect(outbox.filter((m) => m.template === 'booking_reminder' && m.params.bookingId === booking.id)).toHaveLength(0);
    expect(outbox.filter((m) => m.template === 'booking_cancelled' && m.params.bookingId === booking.id)).toHaveLength(1);
    // A stale version is refused without a change.
    const other = (await book(slot.start, 6001)).body;
    const stale = await call('POST', `/api/bookings/${other.booking.id}/reschedule`, { customerToken: other.token, body: { slotStart: (await freshSlot()).start, version: 99 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale');
  });

  it('serves the booking as a calendar file in UTC', async () => {
    const slot = await freshSlot();
    const { booking, token } = (await book(slot.start, 6100)).body;
    const res = await call('GET', `/api/bookings/${booking.id}/calendar`, { customerToken: token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const stamp = new Date(slot.start).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
    expect(res.raw).toContain(`DTSTART:${stamp}`);
    expect(res.raw).toContain(booking.code);
  });
});

describe('arrival', () => {
  it('calls a checked-in booking at its time before walk-ins who joined earlier (real call-next path)', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const slot = await sameDaySlot();
    const { booking } = (await book(slot.start, 7000, { needs: ['seating'] })).body;
    // Twenty minutes before the slot, walk-ins take tickets at the kiosk.
    vi.useFakeTimers({ toFake: ['Date'], now: slot.start - 20 * 60_000 });
    const walkIns = [];
    for (let i = 0; i < 3; i++) walkIns.push((await kioskCall('POST', `/api/branches/${branch}/tickets`, { body: { serviceId: 'general', channel: 'kiosk', language: 'he', needs: [], deviceId: `kiosk-walkin-${i}` } })).body.ticket);
    // Too early to check in? Not 20 minutes ahead (check-in opens an hour before): in it goes.
    vi.setSystemTime(slot.start - 90 * 60_000);
    const early = await kioskCall('POST', `/api/branches/${branch}/booking-check-ins`, { body: { code: booking.code } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('too_early');
    expect(early.body.error.details.opensAt).toBe(slot.start - 60 * 60_000);
    vi.setSystemTime(slot.start - 10 * 60_000);
    const checkIn = await kioskCall('POST', `/api/branches/${branch}/booking-check-ins`, { body: { code: booking.code.toLowerCase() } });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
    expect(checkIn.body.ticket.number).toMatch(/^C\d{3}$/);
    const again = await kioskCall('POST', `/api/branches/${branch}/booking-check-ins`, { body: { code: booking.code } });
    expect(again.status).toBe(200);
    expect(again.body.ticket.id).toBe(checkIn.body.ticket.id);
    // At the slot's time, counter 3 (general + appointments) calls the booking first.
    vi.setSystemTime(slot.start);
    expect((await call('POST', `/api/branches/${branch}/counters/c3/open`, { token: clerk })).status).toBe(200);
    const called = await call('POST', `/api/branches/${branch}/counters/c3/call-next`, { token: clerk });
    expect(called.body.ticket.id).toBe(checkIn.body.ticket.id);
    expect(called.body.ticket).toMatchObject({ channel: 'booking', reason: 'Open a business account', needs: ['seating'] });
    const next = await call('POST', `/api/branches/${branch}/counters/c3/tickets/${called.body.ticket.id}/complete`, { token: clerk });
    expect(next.status).toBe(200);
    const after = await call('POST', `/api/branches/${branch}/counters/c3/call-next`, { token: clerk });
    expect(after.body.ticket.id).toBe(walkIns[0].id);
    // The staff day view shows it checked in with its ticket number.
    const day = await call('GET', `/api/branches/${branch}/bookings?date=${localDay(slot.start, tz)}`, { token: clerk });
    expect(day.body.bookings.find((b: { id: string }) => b.id === booking.id)).toMatchObject({ status: 'checked_in', ticketNumber: checkIn.body.ticket.number });
  });

  it('turns a booking nobody checked in for into a no-show after its grace, once, and frees nothing', async () => {
    const clerk = await signIn('clerk.tlv@dalpak.test');
    const slot = await freshSlot();
    const { booking } = (await book(slot.start, 7100)).body;
    const noShowEarly = await call('POST', `/api/branches/${branch}/bookings/${booking.id}/no-show`, { token: clerk });
    expect(noShowEarly.status).toBe(409);
    expect(noShowEarly.body.error.code).toBe('not_yet');
    vi.useFakeTimers({ toFake: ['Date'], now: slot.start + 16 * 60_000 });
    const late = await kioskCall('POST', `/api/branches/${branch}/booking-check-ins`, { body: { code: booking.code } });
    expect(late.body.error.code).toBe('too_late');
    const [first, second] = [await sweepBookings(Date.now()), await sweepBookings(Date.now())];
    expect(first.missed).toContain(booking.id);
    expect(second.missed).not.toContain(booking.id);
    expect(await usedOf(slot.start)).toBe(1);
    const outbox = await listOutbox();
    expect(outbox.filter((m) => m.template === 'booking_missed' && m.params.bookingId === booking.id)).toHaveLength(1);
  });
});

describe('access', () => {
  it("keeps one booking's token away from another, and staff of another branch away from both", async () => {
    const [x, y] = [(await book((await freshSlot()).start, 8000)).body, (await book((await freshSlot()).start, 8001)).body];
    expect((await call('GET', `/api/bookings/${x.booking.id}`, { customerToken: x.token })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `/api/bookings/${y.booking.id}`, undefined],
      ['GET', `/api/bookings/${y.booking.id}/calendar`, undefined],
      ['POST', `/api/bookings/${y.booking.id}/cancel`, {}],
      ['POST', `/api/bookings/${y.booking.id}/reschedule`, { slotStart: x.booking.slot.start }],
      ['POST', `/api/bookings/${y.booking.id}/check-in`, {}],
    ] as const) {
      const res = await call(method, path, { customerToken: x.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(y.booking.code);
    }
    const haifa = await signIn('clerk.haifa@dalpak.test');
    expect((await call('GET', `/api/branches/${branch}/bookings`, { token: haifa })).status).toBe(403);
    expect((await call('POST', `/api/branches/${branch}/bookings/${y.booking.id}/no-show`, { token: haifa })).status).toBe(403);
    expect((await call('POST', `/api/branches/haifa-port/bookings/${y.booking.id}/cancel`, { token: haifa, body: {} })).status).toBe(404);
    expect((await call('GET', `/api/bookings/${y.booking.id}`, { customerToken: y.token })).body.status).toBe('booked');
  });
});
