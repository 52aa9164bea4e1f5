// Appointment slots: slices of the day's opening hours, one service's length long,
// holding as many bookings as the service serves in parallel.
import type { Branch } from '../branch';
import { intervalsOn } from '../hours';
import type { Counter, Service } from '../queue/types';
import { availability, bookableDays, slicesOfDay, type Slice, type SliceAvailability } from '../slices';
import { localDay } from '../time';
import { capacityOf, type AppointmentConfig } from './types';

export type BranchHours = Pick<Branch, 'hours' | 'exceptions' | 'timeZone'>;

export interface SlotRules {
  lengthMinutes: number;
  capacity: number;
  leadMinutes: number;
  horizonDays: number;
}

/** The slots of one branch-local day. */
export function slotsOfDay(day: string, branch: BranchHours, lengthMinutes: number): Slice[] {
  return slicesOfDay(day, intervalsOn(day, branch.hours, branch.exceptions), branch.timeZone, lengthMinutes);
}

/** The slot that starts at `start`, if it is one: how a requested time is checked. */
export function slotAt(branch: BranchHours, lengthMinutes: number, start: number): Slice | undefined {
  return slotsOfDay(localDay(start, branch.timeZone), branch, lengthMinutes).find((s) => s.start === start);
}

/** Length, capacity, lead time and horizon of a service's slots at a branch. */
export function slotRulesOf(service: Pick<Service, 'id' | 'expectedMinutes' | 'appointmentCapacity'>, counters: readonly Pick<Counter, 'serviceIds'>[], config: AppointmentConfig): SlotRules {
  return { lengthMinutes: config.slotMinutes ?? service.expectedMinutes, capacity: capacityOf(service, counters), leadMinutes: config.leadMinutes, horizonDays: config.horizonDays };
}

/**
 * The slots of the asked days with what is left in each (`used`: bookings held per slot start).
 * Days before today or past the booking horizon yield nothing.
 */
export function listSlots(branch: BranchHours, days: readonly string[], used: ReadonlyMap<number, number>, now: number, rules: SlotRules): SliceAvailability[] {
  const open = new Set(bookableDays(now, branch.timeZone, rules.horizonDays));
  return [...new Set(days)]
    .filter((d) => open.has(d))
    .sort()
    .flatMap((day) => availability(slotsOfDay(day, branch, rules.lengthMinutes), used, now, rules));
}
