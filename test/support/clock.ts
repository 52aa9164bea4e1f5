import { localDay, wallClockInstant } from '../../functions/domain/time';

// A start for a simulated stretch of `spanMinutes` that stays on one local day: queues and
// statistics are per day, so a run that starts at 23:40 must not spill into tomorrow.
export function startWithinOneDay(spanMinutes: number, timeZone: string, now = Date.now()): number {
  return Math.min(now, wallClockInstant(localDay(now, timeZone), 24 * 60 - spanMinutes, timeZone));
}
