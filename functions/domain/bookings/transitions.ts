// The booking lifecycle as an explicit table: booked → checked_in → completed, or
// cancelled / no_show from booked. Every move goes through applyBookingAction.
import { ConflictError } from '../errors';
import type { Slice } from '../slices';
import { defaultAppointmentConfig, type AppointmentConfig, type Booking, type BookingStatus } from './types';

export type BookingAction =
  // `by` defaults to the customer, the stricter rule; staff may still move a booking whose time has begun.
  | { type: 'reschedule'; slot: Slice; by?: 'customer' | 'staff' }
  | { type: 'cancel'; by: 'customer' | 'staff' }
  | { type: 'checkIn'; ticketId?: string }
  | { type: 'noShow' }
  | { type: 'complete' };

export type BookingActionType = BookingAction['type'];

/** From which statuses each action may start, and where it leads. Anything else is an illegal move. */
export const bookingTransitions = {
  reschedule: { from: ['booked'], to: 'booked' },
  cancel: { from: ['booked'], to: 'cancelled' },
  checkIn: { from: ['booked'], to: 'checked_in' },
  noShow: { from: ['booked'], to: 'no_show' },
  complete: { from: ['checked_in'], to: 'completed' },
} as const satisfies Record<BookingActionType, { from: readonly BookingStatus[]; to: BookingStatus }>;

/** Booked or in the branch: holds its slot and is shown on the console. */
export const isActiveBooking = (s: BookingStatus) => s === 'booked' || s === 'checked_in';

type Timing = Pick<AppointmentConfig, 'checkInEarlyMinutes' | 'graceMinutes'>;
const minute = 60_000;

/** When the kiosk or phone accepts a check-in, both ends included. */
export function checkInWindow(booking: Pick<Booking, 'slot'>, config: Timing): { opensAt: number; closesAt: number } {
  return { opensAt: booking.slot.start - config.checkInEarlyMinutes * minute, closesAt: booking.slot.start + config.graceMinutes * minute };
}

/** Booked, and the check-in window has closed. */
export function isNoShowDue(booking: Pick<Booking, 'status' | 'slot'>, now: number, config: Timing): boolean {
  return booking.status === 'booked' && now > checkInWindow(booking, config).closesAt;
}

/** Reminders for a booked slot, earliest first; only those after the booking was made or last moved. */
export function remindersDue(booking: Pick<Booking, 'status' | 'slot' | 'createdAt' | 'rescheduledAt'>, config: Pick<AppointmentConfig, 'remindersMinutesBefore'>): { at: number; minutesBefore: number }[] {
  if (booking.status !== 'booked') return [];
  const since = Math.max(booking.createdAt, booking.rescheduledAt ?? booking.createdAt);
  return [...new Set(config.remindersMinutesBefore)]
    .map((minutesBefore) => ({ at: booking.slot.start - minutesBefore * minute, minutesBefore }))
    .filter((r) => r.at > since)
    .sort((a, b) => a.at - b.at);
}

export function applyBookingAction<T extends Booking>(booking: T, action: BookingAction, now: number, config: Timing = defaultAppointmentConfig): T {
  const rule = bookingTransitions[action.type];
  if (!(rule.from as readonly BookingStatus[]).includes(booking.status)) {
    throw new ConflictError(`A ${booking.status} booking cannot take "${action.type}"`, 'illegal_transition', undefined, { status: booking.status, action: action.type });
  }
  const next = { ...booking, status: rule.to, version: booking.version + 1 };
  switch (action.type) {
    case 'reschedule':
      refuseOnceStarted(booking, action.by ?? 'customer', now, 'moved');
      return { ...next, slot: action.slot, rescheduledAt: now, reschedules: booking.reschedules + 1 };
    case 'cancel':
      refuseOnceStarted(booking, action.by, now, 'cancelled');
      return { ...next, cancelledBy: action.by, endedAt: now };
    case 'checkIn': {
      const { opensAt, closesAt } = checkInWindow(booking, config);
      if (now < opensAt) throw new ConflictError('Check-in is not open yet for this booking', 'too_early', undefined, { opensAt });
      if (now > closesAt) throw new ConflictError('Check-in has closed for this booking', 'too_late', undefined, { closesAt });
      return { ...next, checkedInAt: now, ...(action.ticketId ? { ticketId: action.ticketId } : {}) };
    }
    case 'noShow':
      if (!isNoShowDue(booking, now, config)) {
        throw new ConflictError('The customer may still check in', 'not_yet', undefined, { dueAfter: checkInWindow(booking, config).closesAt });
      }
      return { ...next, endedAt: now };
    case 'complete':
      return { ...next, endedAt: now };
  }
}

function refuseOnceStarted(booking: Booking, by: 'customer' | 'staff', now: number, verb: string) {
  if (by === 'customer' && now >= booking.slot.start) {
    throw new ConflictError(`The appointment has begun and can no longer be ${verb} online`, 'too_late', undefined, { startsAt: booking.slot.start });
  }
}
