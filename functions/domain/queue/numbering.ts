// Displayed numbers and the branch-local day they belong to. Numbers restart at the
// branch's midnight in its own timezone, whatever the server's clock zone or DST.
import { addDays, localDay, wallClockInstant } from '../time';

/** The branch-local calendar day of an instant, as YYYY-MM-DD. */
export const branchDay = (now: number, timeZone: string): string => localDay(now, timeZone);

/** A042: the prefix and at least three digits. */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** The instant of local midnight that starts a branch day (YYYY-MM-DD). */
export const startOfBranchDay = (day: string, timeZone: string): number => wallClockInstant(day, 0, timeZone);

/** The instant the branch day containing `now` ends: the next local midnight. */
export function endOfBranchDay(now: number, timeZone: string): number {
  return startOfBranchDay(addDays(branchDay(now, timeZone), 1), timeZone);
}
