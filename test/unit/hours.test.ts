import { describe, expect, it } from 'vitest';
import { isOpenAt, type OpeningHours } from '../../functions/domain/branch';
import { intervalsOn, type HoursException } from '../../functions/domain/hours';
import { windowsOfDay } from '../../functions/domain/orders/windows';

const timeZone = 'Asia/Jerusalem';
// Sunday to Thursday 08:00–12:00 and 13:00–17:00 (listed out of order on purpose), Friday 08:00–13:00.
const hours: OpeningHours[] = [
  ...[0, 1, 2, 3, 4].flatMap((weekday) => [
    { weekday, open: '13:00', close: '17:00' },
    { weekday, open: '08:00', close: '12:00' },
  ]),
  { weekday: 5, open: '08:00', close: '13:00' },
];
const exceptions: HoursException[] = [
  { day: '2026-11-24', hours: [], label: { he: 'חג', en: 'Holiday' } }, // a Tuesday
  { day: '2026-11-25', hours: [{ open: '08:00', close: '11:00' }] }, // a Wednesday: closed afternoon
  { day: '2026-11-28', hours: [{ open: '10:00', close: '24:00' }] }, // a Saturday, normally closed
];
const at = (iso: string) => Date.parse(iso); // instants in UTC; Israel is UTC+2 in November

describe('opening hours of a day', () => {
  it('follows the weekly hours, sorted, in minutes since local midnight', () => {
    expect(intervalsOn('2026-11-23', hours, exceptions)).toEqual([
      { open: 480, close: 720 },
      { open: 780, close: 1020 },
    ]);
    expect(intervalsOn('2026-11-27', hours)).toEqual([{ open: 480, close: 780 }]);
  });

  it('lets an exception replace the weekly hours of its day only', () => {
    expect(intervalsOn('2026-11-24', hours, exceptions)).toEqual([]);
    expect(intervalsOn('2026-11-25', hours, exceptions)).toEqual([{ open: 480, close: 660 }]);
    expect(intervalsOn('2026-11-28', hours, exceptions)).toEqual([{ open: 600, close: 1440 }]);
    expect(intervalsOn('2026-12-01', hours, exceptions)).toHaveLength(2); // the next Tuesday is ordinary
  });
});

describe('open now', () => {
  const branch = { hours, timeZone, exceptions };

  it('is closed all day on a holiday that falls on a working day', () => {
    expect(isOpenAt(branch, at('2026-11-24T08:00Z'))).toBe(false); // 10:00 local
    expect(isOpenAt({ hours, timeZone }, at('2026-11-24T08:00Z'))).toBe(true); // the same hour without the exception
  });

  it('closes early on a closed afternoon, at the exception time', () => {
    expect(isOpenAt(branch, at('2026-11-25T08:59Z'))).toBe(true); // 10:59
    expect(isOpenAt(branch, at('2026-11-25T09:00Z'))).toBe(false); // 11:00
    expect(isOpenAt(branch, at('2026-11-25T12:00Z'))).toBe(false); // 14:00, open on a normal Wednesday
  });

  it('opens on a normally closed day until midnight when the exception says 24:00', () => {
    expect(isOpenAt(branch, at('2026-11-28T07:59Z'))).toBe(false); // 09:59
    expect(isOpenAt(branch, at('2026-11-28T21:59Z'))).toBe(true); // 23:59
    expect(isOpenAt(branch, at('2026-11-28T22:00Z'))).toBe(false); // midnight: Sunday has no hours that early
  });

  it('keeps the lunch break of the weekly hours', () => {
    expect(isOpenAt(branch, at('2026-11-23T10:30Z'))).toBe(false); // 12:30
    expect(isOpenAt(branch, at('2026-11-23T11:00Z'))).toBe(true); // 13:00
  });
});

describe('pickup windows and exceptions', () => {
  it('offers no pickup window on a holiday and only morning windows on a closed afternoon', () => {
    const branch = { hours, timeZone, exceptions };
    expect(windowsOfDay('2026-11-24', branch, { windowMinutes: 30 })).toEqual([]);
    const wednesday = windowsOfDay('2026-11-25', branch, { windowMinutes: 30 });
    expect(wednesday).toHaveLength(6);
    expect(new Date(wednesday.at(-1)!.end).toISOString()).toBe('2026-11-25T09:00:00.000Z'); // 11:00 local
  });
});
