// Pickup windows: slices of opening hours with a capacity and a preparation lead time.
import type { OpeningHours } from '../branch';
import { addDays, localDay, toMinutes, wallClockInstant, weekdayOf } from '../time';
import type { PickupConfig, PickupWindow } from './types';

export interface WindowAvailability extends PickupWindow {
  capacity: number;
  remaining: number;
  available: boolean;
  reason?: 'full' | 'too_soon';
}

/** The windows of one branch-local day, inside its opening hours. */
export function windowsOfDay(day: string, hours: OpeningHours[], timeZone: string, config: Pick<PickupConfig, 'windowMinutes'>): PickupWindow[] {
  const weekday = weekdayOf(day);
  const out: PickupWindow[] = [];
  for (const h of hours.filter((x) => x.weekday === weekday).sort((a, b) => a.open.localeCompare(b.open))) {
    for (let m = toMinutes(h.open); m + config.windowMinutes <= toMinutes(h.close); m += config.windowMinutes) {
      out.push({ start: wallClockInstant(day, m, timeZone), end: wallClockInstant(day, m + config.windowMinutes, timeZone) });
    }
  }
  return out;
}

/** Windows from `from` (a day) for `days` days, with what is left of each. */
export function availability(
  windows: PickupWindow[],
  used: ReadonlyMap<number, number>,
  now: number,
  config: Pick<PickupConfig, 'capacityPerWindow' | 'leadMinutes'>,
): WindowAvailability[] {
  const earliest = now + config.leadMinutes * 60_000;
  return windows.map((w) => {
    const remaining = Math.max(0, config.capacityPerWindow - (used.get(w.start) ?? 0));
    const reason = w.start < earliest ? 'too_soon' : remaining === 0 ? 'full' : undefined;
    return { ...w, capacity: config.capacityPerWindow, remaining, available: reason === undefined, ...(reason ? { reason } : {}) };
  });
}

/** Up to `n` available windows nearest in time to the one asked for. */
export function nearestAlternatives(all: WindowAvailability[], wanted: number, n = 3): WindowAvailability[] {
  return all
    .filter((w) => w.available && w.start !== wanted)
    .sort((a, b) => Math.abs(a.start - wanted) - Math.abs(b.start - wanted) || a.start - b.start)
    .slice(0, n)
    .sort((a, b) => a.start - b.start);
}

/** The branch-local days a customer may choose from, starting today. */
export function bookableDays(now: number, timeZone: string, horizonDays: number): string[] {
  const today = localDay(now, timeZone);
  return Array.from({ length: horizonDays + 1 }, (_, i) => addDays(today, i));
}
