// Time slices with a capacity: pickup windows and appointment slots are both cut from
// opening hours this way, and both say what is left in each slice the same way.
import { localClock } from './branch';
import type { Interval } from './hours';
import { addDays, localDay } from './time';

export interface Slice {
  start: number; // epoch ms
  end: number;
}

export interface SliceAvailability extends Slice {
  capacity: number;
  remaining: number;
  available: boolean;
  reason?: 'full' | 'too_soon';
}

const minute = 60_000;
const dayMs = 86_400_000;

/** The zone's wall clock at a whole-minute instant, written as if it were UTC. */
const wallOf = (instant: number, timeZone: string) => Date.parse(localDay(instant, timeZone)) + localClock(instant, timeZone).minutes * minute;

/**
 * The clock of one local day: the instants it reads a time of the day (earliest first: none in a
 * spring-forward gap, two in a fall-back overlap), and what it reads at an instant near the day.
 */
function clockOf(day: string, timeZone: string) {
  const midnight = Date.parse(day);
  // The offsets in force a day before and a day after cover both sides of any change on this day.
  const offsets = [...new Set([midnight - dayMs, midnight + 2 * dayMs].map((t) => wallOf(t, timeZone) - t))];
  const steady = offsets.length === 1 ? offsets[0]! : undefined; // most days: no change, no lookups
  const reading = (instant: number) => (steady === undefined ? wallOf(instant, timeZone) : instant + steady);
  const instantsAt = (minutes: number) => {
    const wall = midnight + minutes * minute;
    return offsets
      .map((offset) => wall - offset)
      .filter((t) => reading(t) === wall)
      .sort((a, b) => a - b);
  };
  return { instantsAt, reading, midnight };
}

/**
 * Consecutive slices of a branch-local day, `lengthMinutes` long, from each interval's open;
 * each is over before the clock reads its interval's close. Slices sit on the day's wall-clock grid
 * (open, open + length, …) like on any other day, and each lasts exactly `lengthMinutes` of real time.
 * Daylight saving: a grid time the clocks skip (spring forward) gives no slice, and a slice that would
 * overlap the one before it (when the jump is not a multiple of the length) is dropped. A grid time the
 * clocks show twice (fall back) gives one slice, at its first occurrence, so no two slices share a label
 * and none overlap; the repeated hour's second pass has no slices, which costs capacity only at night.
 */
export function slicesOfDay(day: string, intervals: readonly Interval[], timeZone: string, lengthMinutes: number): Slice[] {
  if (!Number.isInteger(lengthMinutes) || lengthMinutes <= 0) throw new RangeError(`Slice length must be a positive whole number of minutes, got ${lengthMinutes}`);
  const clock = clockOf(day, timeZone);
  const out: Slice[] = [];
  for (const { open, close } of [...intervals].sort((a, b) => a.open - b.open)) {
    const closing = clock.midnight + close * minute; // the close as the clock reads it
    for (let m = open; m + lengthMinutes <= close; m += lengthMinutes) {
      const start = clock.instantsAt(m)[0];
      if (start === undefined) continue;
      const end = start + lengthMinutes * minute;
      const previous = out.at(-1);
      // The last minute must still read before the close: a slice across the spring jump runs later by the clock.
      if (clock.reading(end - minute) >= closing || (previous && start < previous.end)) continue;
      out.push({ start, end });
    }
  }
  return out;
}

/** What is left in each slice, and why a slice cannot be chosen (too soon beats full). */
export function availability(slices: readonly Slice[], used: ReadonlyMap<number, number>, now: number, rules: { capacity: number; leadMinutes: number }): SliceAvailability[] {
  const earliest = now + rules.leadMinutes * minute;
  const capacity = Math.max(0, rules.capacity);
  return slices.map(({ start, end }) => {
    const remaining = Math.max(0, capacity - (used.get(start) ?? 0));
    const reason = start < earliest ? 'too_soon' : remaining === 0 ? 'full' : undefined;
    return { start, end, capacity, remaining, available: reason === undefined, ...(reason ? { reason } : {}) };
  });
}

/** Up to `n` available slices nearest in time to the one asked for, in time order. */
export function nearestAlternatives<T extends SliceAvailability>(all: readonly T[], wanted: number, n = 3): T[] {
  return all
    .filter((s) => s.available && s.start !== wanted)
    .sort((a, b) => Math.abs(a.start - wanted) - Math.abs(b.start - wanted) || a.start - b.start)
    .slice(0, n)
    .sort((a, b) => a.start - b.start);
}

/** The branch-local days a customer may choose from: today and `horizonDays` more. */
export function bookableDays(now: number, timeZone: string, horizonDays: number): string[] {
  const today = localDay(now, timeZone);
  return Array.from({ length: Math.max(0, horizonDays) + 1 }, (_, i) => addDays(today, i));
}
