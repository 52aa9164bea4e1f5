import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpenAt, type OpeningHours } from '../../../functions/domain/branch';
import { listSlots, slotAt, slotRulesOf, slotsOfDay, type SlotRules } from '../../../functions/domain/bookings/slots';
import { appointmentConfigOf, capacityOf, defaultAppointmentConfig } from '../../../functions/domain/bookings/types';
import type { HoursException } from '../../../functions/domain/hours';
import { nearestAlternatives, slicesOfDay, type Slice } from '../../../functions/domain/slices';

const minute = 60_000;
const timeZone = 'Asia/Jerusalem';
const everyDay = (open: string, close: string): OpeningHours[] => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open, close }));
const iso = (t: number) => new Date(t).toISOString();

// The wall clock read independently of the code under test.
const clock = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const wall = (t: number) => clock.format(t).replace(',', '');
const hhmm = (t: number) => wall(t).slice(-5);
const clockText = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function expectOrderedAndApart(slices: Slice[], lengthMinutes: number) {
  for (const [i, s] of slices.entries()) {
    expect(s.end - s.start).toBe(lengthMinutes * minute);
    if (i > 0) expect(s.start).toBeGreaterThanOrEqual(slices[i - 1]!.end);
  }
  expect(new Set(slices.map((s) => s.start)).size).toBe(slices.length);
  expect(new Set(slices.map((s) => wall(s.start))).size).toBe(slices.length); // no label shown twice
}

describe('slots across daylight saving in Asia/Jerusalem', () => {
  const branch = { hours: everyDay('00:00', '24:00'), timeZone };
  // Israel moves to UTC+3 at 02:00 on Friday 27 March 2026 and back to UTC+2 at 02:00 on Sunday 25 October 2026.
  const days = [
    { day: '2026-03-26', hourly: 24, eightAt: '2026-03-26T06:00:00.000Z' },
    { day: '2026-03-27', hourly: 23, eightAt: '2026-03-27T05:00:00.000Z' },
    { day: '2026-03-28', hourly: 24, eightAt: '2026-03-28T05:00:00.000Z' },
    { day: '2026-10-24', hourly: 24, eightAt: '2026-10-24T05:00:00.000Z' },
    { day: '2026-10-25', hourly: 24, eightAt: '2026-10-25T06:00:00.000Z' },
    { day: '2026-10-26', hourly: 24, eightAt: '2026-10-26T06:00:00.000Z' },
  ];

  for (const { day, hourly, eightAt } of days) {
    it(`gives ${hourly} distinct, ordered, non-overlapping hourly slots on ${day}, 08:00 at ${eightAt}`, () => {
      const slots = slotsOfDay(day, branch, 60);
      expect(slots).toHaveLength(hourly);
      expectOrderedAndApart(slots, 60);
      expect(slots.every((s) => wall(s.start).startsWith(day))).toBe(true);
      expect(iso(slots.find((s) => hhmm(s.start) === '08:00')!.start)).toBe(eightAt);
    });
  }

  it('skips the hour the clocks jump over in spring', () => {
    const labels = slotsOfDay('2026-03-27', branch, 60).map((s) => hhmm(s.start));
    expect(labels.slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    expect(slotsOfDay('2026-03-27', branch, 15)).toHaveLength(92);
  });

  it('ends the last slice before the clock reads the close, even when the close falls inside the spring jump', () => {
    // Open 01:00–02:30 on a day that has no 02:30: the 01:30 slot ends at the jump, when the clock shows 03:00.
    const slots = slicesOfDay('2026-03-27', [{ open: 60, close: 150 }], timeZone, 30);
    expect(slots.map((s) => iso(s.start))).toEqual(['2026-03-26T23:00:00.000Z', '2026-03-26T23:30:00.000Z']);
    expect(hhmm(slots[1]!.end)).toBe('03:00');
    expect(slicesOfDay('2026-03-27', [{ open: 0, close: 122 }], timeZone, 61)).toHaveLength(1); // 01:01 + 61 would run to 03:02
  });

  it('gives the repeated autumn hour its slots once, at the first pass, and never two at one instant', () => {
    const slots = slotsOfDay('2026-10-25', branch, 60);
    expect(slots.slice(0, 3).map((s) => iso(s.start))).toEqual(['2026-10-24T21:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T00:00:00.000Z']);
    expect(slots.slice(0, 3).map((s) => hhmm(s.start))).toEqual(['00:00', '01:00', '02:00']);
    expect(slotsOfDay('2026-10-25', branch, 15)).toHaveLength(96);
  });

  it('drops a slot that would overlap one straddling the spring jump', () => {
    // 45-minute grid: the 01:30 slot runs to 03:15 (real time), so the 03:00 slot cannot start.
    const slots = slotsOfDay('2026-03-27', branch, 45);
    expectOrderedAndApart(slots, 45);
    expect(slots.slice(0, 4).map((s) => hhmm(s.start))).toEqual(['00:00', '00:45', '01:30', '03:45']);
  });

  it('keeps slots ordered, apart, on the wall-clock grid and inside the hours on any day near a change (property)', () => {
    const day = fc.constantFrom('2026-03-26', '2026-03-27', '2026-03-28', '2026-10-24', '2026-10-25', '2026-10-26');
    const interval = fc.tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 })).map(([a, b]) => ({ open: Math.min(a, b), close: Math.max(a, b) }));
    fc.assert(
      fc.property(day, interval, fc.integer({ min: 5, max: 180 }), (d, { open, close }, length) => {
        const slots = slicesOfDay(d, [{ open, close }], timeZone, length);
        expectOrderedAndApart(slots, length);
        const asBranch = { hours: [], timeZone, exceptions: [{ day: d, hours: [{ open: clockText(open), close: clockText(close) }] }] };
        for (const s of slots) {
          expect(isOpenAt(asBranch, s.start)).toBe(true);
          const [h, m] = hhmm(s.start).split(':').map(Number) as [number, number];
          const minutes = h * 60 + m;
          expect(wall(s.start).startsWith(d)).toBe(true);
          expect((minutes - open) % length).toBe(0);
          expect(minutes).toBeGreaterThanOrEqual(open);
          // The slice's last minute is still open (its end may read 03:00 if it meets the spring jump).
          const last = s.end - minute;
          expect(wall(last).startsWith(d)).toBe(true);
          const [lh, lm] = hhmm(last).split(':').map(Number) as [number, number];
          expect(lh * 60 + lm + 1).toBeLessThanOrEqual(close);
        }
        // With no change inside the hours, the count is plain arithmetic.
        if (d.endsWith('26') || d.endsWith('24') || d.endsWith('28') || open >= 180) expect(slots).toHaveLength(Math.floor((close - open) / length));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a slot length that is not a positive whole number of minutes', () => {
    expect(() => slotsOfDay('2026-03-27', branch, 0)).toThrow(RangeError);
    expect(() => slotsOfDay('2026-03-27', branch, 7.5)).toThrow(RangeError);
  });
});

describe('slot listing', () => {
  // Sunday to Thursday 08:00–16:00.
  const exceptions: HoursException[] = [
    { day: '2026-11-26', hours: [], label: { he: 'חג', en: 'Holiday' } }, // Thursday
    { day: '2026-11-25', hours: [{ open: '08:00', close: '12:00' }] }, // Wednesday: closed afternoon
  ];
  const branch = { hours: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, open: '08:00', close: '16:00' })), timeZone, exceptions };
  const rules: SlotRules = { lengthMinutes: 30, capacity: 2, leadMinutes: 60, horizonDays: 30 };
  const now = Date.parse('2026-11-23T07:10:00Z'); // Monday 09:10 local
  const none = new Map<number, number>();

  it('gives no slots on a holiday and only morning slots on a closed afternoon', () => {
    expect(listSlots(branch, ['2026-11-26'], none, now, rules)).toEqual([]);
    const wednesday = listSlots(branch, ['2026-11-25'], none, now, rules);
    expect(wednesday.map((s) => hhmm(s.start))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(listSlots(branch, ['2026-11-24'], none, now, rules)).toHaveLength(16); // an ordinary Tuesday
  });

  it('marks slots inside the lead time too soon, the first one after it available', () => {
    const today = listSlots(branch, ['2026-11-23'], none, now, rules);
    expect(today.filter((s) => s.reason === 'too_soon').map((s) => hhmm(s.start))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00']);
    expect(today[5]).toMatchObject({ available: true, remaining: 2, capacity: 2 });
    expect(hhmm(today[5]!.start)).toBe('10:30');
    // Exactly at the lead time is soon enough.
    expect(listSlots(branch, ['2026-11-23'], none, today[5]!.start - 60 * minute, rules)[5]!.available).toBe(true);
  });

  it('yields nothing for days before today or past the horizon', () => {
    expect(listSlots(branch, ['2026-11-22'], none, now, rules)).toEqual([]); // yesterday, a Sunday
    expect(listSlots(branch, ['2026-12-23'], none, now, rules)).toHaveLength(16); // 30 days ahead, a Wednesday
    expect(listSlots(branch, ['2026-12-24'], none, now, rules)).toEqual([]); // 31 days ahead, a Thursday
    expect(listSlots(branch, ['2026-12-24'], none, now, { ...rules, horizonDays: 31 })).toHaveLength(16);
  });

  it('lists several days in order, once each', () => {
    const slots = listSlots(branch, ['2026-11-25', '2026-11-24', '2026-11-25'], none, now, rules);
    expect(slots).toHaveLength(16 + 8);
    expect(slots.every((s, i) => i === 0 || s.start > slots[i - 1]!.start)).toBe(true);
  });

  it('marks a slot full at capacity, counts what is left, and offers the nearest free slots', () => {
    const tuesday = slotsOfDay('2026-11-24', branch, 30);
    const wanted = tuesday[4]!.start; // 10:00
    const used = new Map([
      [wanted, 2],
      [tuesday[3]!.start, 1],
      [tuesday[5]!.start, 2],
    ]);
    const av = listSlots(branch, ['2026-11-24'], used, now, rules);
    expect(av.slice(2, 7).map((s) => [s.reason ?? 'ok', s.remaining])).toEqual([['ok', 2], ['ok', 1], ['full', 0], ['full', 0], ['ok', 2]]);
    expect(nearestAlternatives(av, wanted).map((s) => hhmm(s.start))).toEqual(['09:00', '09:30', '11:00']);
    expect(nearestAlternatives(av, wanted, 1).map((s) => hhmm(s.start))).toEqual(['09:30']);
  });

  it('finds a requested slot by its start, and nothing for a time off the grid or on a holiday', () => {
    const slot = slotsOfDay('2026-11-24', branch, 30)[2]!;
    expect(slotAt(branch, 30, slot.start)).toEqual(slot);
    expect(slotAt(branch, 30, slot.start + 10 * minute)).toBeUndefined();
    expect(slotAt(branch, 30, Date.parse('2026-11-26T08:00:00Z'))).toBeUndefined();
  });
});

describe('appointment settings', () => {
  const service = { id: 'loans', expectedMinutes: 20 };
  const counters = [{ serviceIds: ['loans', 'general'] }, { serviceIds: ['general'] }, { serviceIds: ['loans'] }];

  it('serves one appointment per counter serving the service unless capacity is set', () => {
    expect(capacityOf(service, counters)).toBe(2);
    expect(capacityOf({ ...service, appointmentCapacity: 5 }, counters)).toBe(5);
    expect(capacityOf({ ...service, appointmentCapacity: 0 }, counters)).toBe(0);
    expect(capacityOf({ ...service, appointmentCapacity: -1 }, counters)).toBe(0);
    expect(capacityOf({ id: 'none' }, counters)).toBe(0);
  });

  it('takes the branch settings over the defaults and the service duration as slot length', () => {
    expect(appointmentConfigOf({})).toEqual(defaultAppointmentConfig);
    const config = appointmentConfigOf({ appointments: { leadMinutes: 120, graceMinutes: undefined } });
    expect(config).toMatchObject({ leadMinutes: 120, graceMinutes: 15, horizonDays: 30 });
    expect(slotRulesOf(service, counters, config)).toEqual({ lengthMinutes: 20, capacity: 2, leadMinutes: 120, horizonDays: 30 });
    expect(slotRulesOf(service, counters, { ...config, slotMinutes: 45 }).lengthMinutes).toBe(45);
  });
});
