import { bookableDays } from '../domain/slices';
import { addDays, localDay } from '../domain/time';
import type { OperationRequest } from '../http/handler';
import { bookingSetup, slotsWithAvailability } from './rules';
import { slotsOfDay } from '../domain/bookings/slots';

/** Free and full slots per day; days without hours (weekend, holiday) say so. */
export async function listSlots({ params, query, now }: OperationRequest) {
  const setup = await bookingSetup(params.branchId, params.serviceId, 'path.serviceId');
  const { bundle, service, rules } = setup;
  const tz = bundle.branch.timeZone;
  const from = query.from ?? localDay(now, tz);
  const open = new Set(bookableDays(now, tz, rules.horizonDays));
  const days = Array.from({ length: query.days }, (_, i) => addDays(from, i)).filter((d) => open.has(d));
  const slots = await slotsWithAvailability(setup, days, now);
  return {
    branchId: bundle.branch.id,
    serviceId: service.id,
    timeZone: tz,
    slotMinutes: rules.lengthMinutes,
    leadMinutes: rules.leadMinutes,
    horizonDays: rules.horizonDays,
    days: days.map((day) => ({
      day,
      closed: slotsOfDay(day, bundle.branch, rules.lengthMinutes).length === 0,
      slots: slots.filter((s) => localDay(s.start, tz) === day && s.end > now),
    })),
  };
}
