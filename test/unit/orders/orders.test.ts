import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../functions/domain/errors';
import { codeAlphabet, isPickupCode, makePickupCode, normalisePickupCode } from '../../../functions/domain/orders/pickup-code';
import { applyOrderAction, canApply, isExpired, releasesHold, type OrderAction } from '../../../functions/domain/orders/transitions';
import { defaultPickupConfig, orderStatuses, type Order } from '../../../functions/domain/orders/types';
import { availability, nearestAlternatives, windowsOfDay } from '../../../functions/domain/orders/windows';

const minute = 60_000;
const t0 = Date.UTC(2026, 10, 23, 10, 0);
const order = (over: Partial<Order> = {}): Order => ({
  id: 'O1', branchId: 'b', code: 'ACDEFG', status: 'placed', lines: [{ productId: 'p', name: { he: 'p', en: 'p' }, quantity: 1, unitPriceAgorot: 100 }],
  totalAgorot: 100, window: { start: t0, end: t0 + 15 * minute }, contact: { name: 'N', phone: '0501234567' }, language: 'en', createdAt: t0 - 60 * minute, version: 1, ...over,
});
const actions: OrderAction[] = [{ type: 'prepare' }, { type: 'ready' }, { type: 'collect' }, { type: 'cancel', by: 'customer' }, { type: 'cancel', by: 'staff' }, { type: 'expire' }];

describe('order lifecycle', () => {
  it('follows placed → preparing → ready → collected', () => {
    let o = order();
    for (const a of actions.slice(0, 3)) o = applyOrderAction(o, a, t0, defaultPickupConfig);
    expect(o).toMatchObject({ status: 'collected', version: 4, collectedAt: t0 });
  });

  it('lets the customer cancel only before ready, staff until collected', () => {
    const ready = order({ status: 'ready' });
    expect(canApply(ready, { type: 'cancel', by: 'customer' })).toBe(false);
    expect(canApply(ready, { type: 'cancel', by: 'staff' })).toBe(true);
    expect(canApply(order({ status: 'collected' }), { type: 'cancel', by: 'staff' })).toBe(false);
  });

  it('expires only after the collection time, and only open orders', () => {
    const o = order({ status: 'ready' });
    const due = o.window.end + defaultPickupConfig.expireAfterMinutes * minute;
    expect(isExpired(o, due - 1, defaultPickupConfig)).toBe(false);
    expect(() => applyOrderAction(o, { type: 'expire' }, due - 1, defaultPickupConfig)).toThrow(ConflictError);
    expect(applyOrderAction(o, { type: 'expire' }, due, defaultPickupConfig).status).toBe('expired');
    expect(isExpired(order({ status: 'collected' }), due + 1, defaultPickupConfig)).toBe(false);
  });

  it('never moves an ended order, and only cancel or expiry release the hold (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 12 }), fc.integer({ min: 0, max: 600 }), (seq, minutesLater) => {
        let o = order();
        for (const a of seq) {
          const before = o;
          try {
            o = applyOrderAction(o, a, t0 + minutesLater * minute, defaultPickupConfig);
            expect(['collected', 'cancelled', 'expired']).not.toContain(before.status);
            expect(o.version).toBe(before.version + 1);
          } catch (e) {
            expect(e).toBeInstanceOf(ConflictError);
            expect(o).toBe(before);
          }
        }
        expect(orderStatuses).toContain(o.status);
        expect(releasesHold(o.status)).toBe(o.status === 'cancelled' || o.status === 'expired');
      }),
    );
  });
});

describe('pickup windows', () => {
  const hours = [{ weekday: 1, open: '08:00', close: '10:00' }];
  it('slices opening hours into windows in the branch zone', () => {
    const ws = windowsOfDay('2026-11-23', { hours, timeZone: 'Asia/Jerusalem' }, { windowMinutes: 15 });
    expect(ws).toHaveLength(8);
    expect(new Date(ws[0]!.start).toISOString()).toBe('2026-11-23T06:00:00.000Z'); // 08:00 at UTC+2
    expect(windowsOfDay('2026-11-24', { hours, timeZone: 'Asia/Jerusalem' }, { windowMinutes: 15 })).toEqual([]); // closed Tuesday
  });

  it('keeps wall-clock windows across the spring DST change (Friday 27 March 2026)', () => {
    const ws = windowsOfDay('2026-03-27', { hours: [{ weekday: 5, open: '08:00', close: '09:00' }], timeZone: 'Asia/Jerusalem' }, { windowMinutes: 30 });
    expect(new Date(ws[0]!.start).toISOString()).toBe('2026-03-27T05:00:00.000Z'); // 08:00 at UTC+3
  });

  it('marks windows too soon to prepare or full, and offers the nearest free ones', () => {
    const ws = windowsOfDay('2026-11-23', { hours, timeZone: 'Asia/Jerusalem' }, { windowMinutes: 15 });
    const used = new Map([[ws[3]!.start, 10]]);
    const av = availability(ws, used, ws[0]!.start - 10 * minute, { capacityPerWindow: 10, leadMinutes: 30 });
    expect(av.map((w) => w.reason ?? 'ok')).toEqual(['too_soon', 'too_soon', 'ok', 'full', 'ok', 'ok', 'ok', 'ok']);
    expect(nearestAlternatives(av, ws[3]!.start).map((w) => w.start)).toEqual([ws[2]!.start, ws[4]!.start, ws[5]!.start]);
  });
});

describe('pickup codes', () => {
  it('uses no look-alike characters and reads back however it is typed', () => {
    for (const c of '0O1IL2Z5S8B') expect(codeAlphabet).not.toContain(c);
    let i = 0;
    const code = makePickupCode((n) => i++ % n);
    expect(isPickupCode(code)).toBe(true);
    expect(normalisePickupCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
  });
});
