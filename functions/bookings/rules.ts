import { getBranchBundle, type BranchBundle } from '../data/branches-repo';
import { slotUse } from '../data/bookings-repo';
import { listSlots, slotAt, slotRulesOf, type SlotRules } from '../domain/bookings/slots';
import { appointmentConfigOf, type AppointmentConfig } from '../domain/bookings/types';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { Service } from '../domain/queue/types';
import { nearestAlternatives, type Slice, type SliceAvailability } from '../domain/slices';
import { addDays, localDay } from '../domain/time';

/** Everything a booking operation needs to know about its branch and service, in one read. */
export interface BookingSetup {
  bundle: BranchBundle;
  service: Service;
  config: AppointmentConfig;
  rules: SlotRules;
}

export async function bookingSetup(branchId: string, serviceId: string, field = 'body.serviceId'): Promise<BookingSetup> {
  const bundle = await getBranchBundle(branchId);
  const service = bundle.services.find((s) => s.id === serviceId && s.kind === 'appointment');
  if (!service) {
    if (field.startsWith('path')) throw new NotFoundError('No appointment service with this id at this branch');
    throw new ValidationError('Not an appointment service of this branch', [{ field, reason: 'choose a service with appointments' }]);
  }
  const config = appointmentConfigOf(bundle.branch);
  return { bundle, service, config, rules: slotRulesOf(service, bundle.counters, config) };
}

/** Slots with what is left, for the given branch-local days (one query per day). */
export async function slotsWithAvailability(setup: BookingSetup, days: string[], now: number): Promise<SliceAvailability[]> {
  const { bundle, service, rules } = setup;
  const used = await Promise.all(days.map((d) => slotUse(bundle.branch.id, service.id, d)));
  return listSlots(bundle.branch, days, new Map(used.flatMap((m) => [...m])), now, rules);
}

/**
 * The slot a request names, checked: a real slot of the service, inside the horizon, not too
 * soon (staff may book any slot that has not ended: the caller is at the counter or on the phone).
 */
export async function requestedSlot(setup: BookingSetup, start: number, now: number, by: 'customer' | 'staff'): Promise<Slice> {
  const { bundle, rules } = setup;
  const tz = bundle.branch.timeZone;
  const slot = slotAt(bundle.branch, rules.lengthMinutes, start);
  if (!slot) throw new ValidationError('Not a slot of this service', [{ field: 'body.slotStart', reason: 'choose a slot from listSlots' }]);
  const lastDay = addDays(localDay(now, tz), rules.horizonDays);
  if (localDay(slot.start, tz) > lastDay) throw new ValidationError('Outside the booking horizon', [{ field: 'body.slotStart', reason: `up to ${rules.horizonDays} days ahead` }]);
  if (by === 'staff' ? slot.end <= now : slot.start < now + rules.leadMinutes * 60_000) await refuseSlot(setup, slot.start, now, 'too_soon');
  return slot;
}

/** A 409 that offers the nearest free slots, so the customer can pick again at once. */
export async function refuseSlot(setup: BookingSetup, wanted: number, now: number, reason: 'full' | 'too_soon'): Promise<never> {
  const day = localDay(wanted, setup.bundle.branch.timeZone);
  const around = await slotsWithAvailability(setup, [addDays(day, -1), day, addDays(day, 1)], now);
  throw new ConflictError(
    reason === 'full' ? 'That slot is fully booked' : `That slot is too soon: book at least ${setup.rules.leadMinutes} minutes ahead`,
    reason === 'full' ? 'slot_full' : 'slot_too_soon',
    [{ field: 'body.slotStart', reason }],
    { alternatives: nearestAlternatives(around, wanted) },
  );
}

export function refuseContactLimit(config: AppointmentConfig): never {
  throw new ConflictError(`One contact may hold ${config.maxPerContactPerDay} bookings a day at this branch`, 'booking_limit', [{ field: 'body.contact', reason: 'too many bookings that day' }], {
    max: config.maxPerContactPerDay,
  });
}
