import { describe, expect, it } from 'vitest';
import { branchDay, endOfBranchDay, formatTicketNumber, startOfBranchDay } from '../../../functions/domain/queue/numbering';

const tz = 'Asia/Jerusalem';
const hour = 3_600_000;

describe('ticket numbers and the branch day', () => {
  it('formats prefix and at least three digits', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 17)).toBe('B017');
    expect(formatTicketNumber('C', 1234)).toBe('C1234');
  });

  it('uses the branch timezone, not UTC, for the day', () => {
    // 23:30 UTC on 22 Nov is 01:30 on 23 Nov in Jerusalem (UTC+2 in winter).
    const t = Date.UTC(2026, 10, 22, 23, 30);
    expect(branchDay(t, tz)).toBe('2026-11-23');
    expect(branchDay(t, 'UTC')).toBe('2026-11-22');
  });

  it('ends the day at local midnight on an ordinary day', () => {
    const noon = Date.UTC(2026, 10, 23, 10, 0);
    expect(new Date(endOfBranchDay(noon, tz)).toISOString()).toBe('2026-11-23T22:00:00.000Z');
  });

  it('survives the spring-forward night (Israel, Friday 27 March 2026: 02:00 → 03:00)', () => {
    const noonBefore = Date.UTC(2026, 2, 26, 10, 0);
    const end = endOfBranchDay(noonBefore, tz);
    expect(new Date(end).toISOString()).toBe('2026-03-26T22:00:00.000Z'); // midnight still at +02:00
    expect(branchDay(end, tz)).toBe('2026-03-27');
    expect(branchDay(end - 1, tz)).toBe('2026-03-26');
    // The short day itself is 23 hours long.
    const next = endOfBranchDay(end, tz);
    expect(next - end).toBe(23 * hour);
    expect(branchDay(next, tz)).toBe('2026-03-28');
  });

  it('survives the fall-back night (Israel, Sunday 25 October 2026: 02:00 → 01:00)', () => {
    const start = startOfBranchDay('2026-10-25', tz);
    const end = endOfBranchDay(start, tz);
    expect(end - start).toBe(25 * hour);
    expect(branchDay(start, tz)).toBe('2026-10-25');
    expect(branchDay(end, tz)).toBe('2026-10-26');
    expect(branchDay(end - 1, tz)).toBe('2026-10-25');
  });

  it('finds the start of each day of a year exactly at local midnight', () => {
    for (let d = 0; d < 365; d++) {
      const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
      const start = startOfBranchDay(day, tz);
      expect(branchDay(start, tz)).toBe(day);
      expect(branchDay(start - 1, tz)).not.toBe(day);
    }
  });
});
