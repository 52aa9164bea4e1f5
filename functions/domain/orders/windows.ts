// Pickup windows: slices of the day's opening hours (exceptions included) with a capacity
// and a preparation lead time. The slicing itself is shared with appointment slots.
import type { Branch } from '../branch';
import { intervalsOn } from '../hours';
import { availability as sliceAvailability, slicesOfDay, type SliceAvailability } from '../slices';
import type { PickupConfig, PickupWindow } from './types';

export { bookableDays, nearestAlternatives } from '../slices';
export type WindowAvailability = SliceAvailability;

/** The windows of one branch-local day, inside its opening hours. */
export function windowsOfDay(day: string, branch: Pick<Branch, 'hours' | 'exceptions' | 'timeZone'>, config: Pick<PickupConfig, 'windowMinutes'>): PickupWindow[] {
  return slicesOfDay(day, intervalsOn(day, branch.hours, branch.exceptions), branch.timeZone, config.windowMinutes);
}

/** Each window with what is left of it, given how many orders hold each (by window start). */
export function availability(
  windows: readonly PickupWindow[],
  used: ReadonlyMap<number, number>,
  now: number,
  config: Pick<PickupConfig, 'capacityPerWindow' | 'leadMinutes'>,
): WindowAvailability[] {
  return sliceAvailability(windows, used, now, { capacity: config.capacityPerWindow, leadMinutes: config.leadMinutes });
}
