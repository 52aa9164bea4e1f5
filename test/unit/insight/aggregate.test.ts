import { describe, expect, it } from 'vitest';
import { bucketOf, deltasOfChange, deltasOfFinal, summary } from '../../../functions/domain/insight/aggregate';
import { defaultMomentSettings, isAbandoned, momentsOfChange } from '../../../functions/domain/insight/moments';

const tz = 'Asia/Jerusalem';
const minute = 60_000;
const t0 = Date.UTC(2026, 10, 23, 8, 0); // 10:00 in Jerusalem
const ticket = (over: Record<string, unknown> = {}) => ({ entity: 'ticket', id: 'T', branchId: 'b', serviceId: 'general', number: 'A001', status: 'waiting', joinedAt: t0, requeued: false, recalls: 0, ...over });

describe('statistics increments', () => {
  it('counts a ticket in the hour it joined: created, waited, served', () => {
    expect(deltasOfChange(undefined, ticket(), tz)).toEqual([{ day: '2026-11-23', serviceId: 'general', hour: 10, add: { tickets: 1 } }]);
    const called = ticket({ status: 'called', calledAt: t0 + 7 * minute });
    expect(deltasOfChange(ticket(), called, tz)[0]!.add).toEqual({ waitSumMs: 7 * minute, waitCount: 1, [`waitH${bucketOf(7)}`]: 1 });
    const done = ticket({ status: 'done', calledAt: t0 + 7 * minute, servingAt: t0 + 8 * minute, endedAt: t0 + 14 * minute });
    expect(deltasOfChange(called, done, tz)[0]!.add).toMatchObject({ served: 1, serviceSumMs: 6 * minute, serviceCount: 1 });
  });

  it('never counts a second call of a re-queued ticket, nor a removal', () => {
    expect(deltasOfChange(ticket({ requeued: true }), ticket({ status: 'called', calledAt: t0 + minute }), tz)).toEqual([]);
    expect(deltasOfChange(ticket(), undefined, tz)).toEqual([]);
  });

  it('tells a ticket that left before being called (abandoned) from a later cancel', () => {
    expect(deltasOfChange(ticket(), ticket({ status: 'cancelled', endedAt: t0 + minute }), tz)[0]!.add).toEqual({ cancelled: 1, abandoned: 1 });
    expect(deltasOfChange(ticket({ status: 'called', calledAt: t0 }), ticket({ status: 'cancelled', calledAt: t0, endedAt: t0 + minute }), tz)[0]!.add).toEqual({ cancelled: 1 });
  });

  it('moves a rescheduled booking from one cell to the other', () => {
    const b = { entity: 'booking', id: 'B', branchId: 'b', serviceId: 'appointments', status: 'booked', slot: { start: t0 } };
    const moved = deltasOfChange(b, { ...b, slot: { start: t0 + 3 * 60 * minute } }, tz);
    expect(moved.map((d) => [d.hour, d.add.bookings])).toEqual([[10, -1], [13, 1]]);
  });

  it('rebuilds from a final record what the stream added (backfill)', () => {
    const final = ticket({ status: 'done', calledAt: t0 + 4 * minute, servingAt: t0 + 5 * minute, endedAt: t0 + 9 * minute });
    const stream = [
      ...deltasOfChange(undefined, ticket(), tz),
      ...deltasOfChange(ticket(), ticket({ status: 'called', calledAt: t0 + 4 * minute }), tz),
      ...deltasOfChange(ticket({ status: 'called', calledAt: t0 + 4 * minute }), final, tz),
    ];
    const sum = (ds: typeof stream) => ds.reduce<Record<string, number>>((acc, d) => { for (const [k, v] of Object.entries(d.add)) acc[k] = (acc[k] ?? 0) + v; return acc; }, {});
    expect(sum(deltasOfFinal(final, tz))).toEqual(sum(stream));
  });

  it('reads the mean and the p90 bucket off the counters', () => {
    const c: Record<string, number> = { waitCount: 10, waitSumMs: 10 * 3 * minute };
    for (let i = 0; i < 9; i++) c[`waitH${bucketOf(2)}`] = (c[`waitH${bucketOf(2)}`] ?? 0) + 1;
    c[`waitH${bucketOf(40)}`] = 1;
    expect(summary(c, 'wait')).toEqual({ count: 10, meanMinutes: 3, p90Minutes: 3 });
    expect(summary({}, 'wait')).toEqual({ count: 0 });
  });
});

describe('moment rules', () => {
  it('raise a long-wait alert once per service and hour, over the threshold only', () => {
    const calledAfter = (m: number) => momentsOfChange(ticket(), ticket({ status: 'called', calledAt: t0 + m * minute }), defaultMomentSettings, () => '2026-11-23T10');
    expect(calledAfter(20)).toEqual([]);
    expect(calledAfter(21)).toMatchObject([{ id: 'long-wait-general-2026-11-23T10', kind: 'long_wait' }]);
  });

  it('call back only people who left a way to reach them, and only abandoned checkouts past their time', () => {
    const b = { entity: 'booking', id: 'B', branchId: 'b', serviceId: 'appointments', code: 'ACDEFG', status: 'booked', slot: { start: t0 }, endedAt: t0 };
    expect(momentsOfChange(b, { ...b, status: 'no_show', contact: { name: 'X' } }, defaultMomentSettings, String)).toEqual([]);
    expect(momentsOfChange(b, { ...b, status: 'no_show', contact: { name: 'X', phone: '050' } }, defaultMomentSettings, String)).toHaveLength(1);
    const c = { createdAt: t0, contact: { name: 'X', phone: '050' } };
    expect(isAbandoned(c, t0 + 29 * minute, defaultMomentSettings)).toBe(false);
    expect(isAbandoned(c, t0 + 30 * minute, defaultMomentSettings)).toBe(true);
    expect(isAbandoned({ ...c, orderId: 'O' }, t0 + 60 * minute, defaultMomentSettings)).toBe(false);
  });
});
