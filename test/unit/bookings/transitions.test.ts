import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBookingAction,
  bookingTransitions,
  checkInWindow,
  isActiveBooking,
  isNoShowDue,
  remindersDue,
  type BookingAction,
  type BookingActionType,
} from '../../../functions/domain/bookings/transitions';
import { bookingStatuses, defaultAppointmentConfig as config, type Booking, type BookingStatus } from '../../../functions/domain/bookings/types';
import { ConflictError } from '../../../functions/domain/errors';

const minute = 60_000;
const start = Date.UTC(2026, 10, 23, 8, 0); // 10:00 in the branch
const booking = (over: Partial<Booking> = {}): Booking => ({
  id: 'B1', branchId: 'b', serviceId: 'loans', code: 'ACDEFG', status: 'booked', slot: { start, end: start + 30 * minute },
  contact: { name: 'נועה', phone: '0501234567' }, language: 'he', needs: [], createdAt: start - 2 * 1440 * minute, createdBy: 'customer',
  reschedules: 0, version: 1, ...over,
});
const later = { start: start + 1440 * minute, end: start + 1470 * minute };

const sample: Record<string, BookingAction> = {
  reschedule: { type: 'reschedule', slot: later },
  'cancel:customer': { type: 'cancel', by: 'customer' },
  'cancel:staff': { type: 'cancel', by: 'staff' },
  checkIn: { type: 'checkIn' },
  noShow: { type: 'noShow' },
  complete: { type: 'complete' },
};
// A moment at which each action's timing rule is met, so only the table decides.
const goodTime: Record<BookingActionType, number> = {
  reschedule: start - 60 * minute,
  cancel: start - 60 * minute,
  checkIn: start,
  noShow: start + (config.graceMinutes + 1) * minute,
  complete: start + 20 * minute,
};

function conflictCode(fn: () => unknown): { code: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConflictError);
    return e as ConflictError;
  }
  throw new Error('expected a ConflictError');
}

describe('booking transition table', () => {
  for (const status of bookingStatuses) {
    for (const [name, action] of Object.entries(sample)) {
      const legal = (bookingTransitions[action.type].from as readonly BookingStatus[]).includes(status);
      it(`${status} + ${name} is ${legal ? 'allowed' : 'refused'}`, () => {
        const before = booking({ status });
        const now = goodTime[action.type];
        if (legal) {
          const after = applyBookingAction(before, action, now, config);
          expect(after.status).toBe(bookingTransitions[action.type].to);
          expect(after.version).toBe(before.version + 1);
        } else {
          const e = conflictCode(() => applyBookingAction(before, action, now, config));
          expect(e.code).toBe('illegal_transition');
          expect(e.details).toEqual({ status, action: action.type });
        }
      });
    }
  }

  it('walks booked → checked_in → completed with times recorded', () => {
    let b = applyBookingAction(booking(), { type: 'checkIn', ticketId: 'T9' }, start - 5 * minute, config);
    expect(b).toMatchObject({ status: 'checked_in', checkedInAt: start - 5 * minute, ticketId: 'T9', version: 2 });
    b = applyBookingAction(b, { type: 'complete' }, start + 25 * minute, config);
    expect(b).toMatchObject({ status: 'completed', endedAt: start + 25 * minute, version: 3 });
    expect(isActiveBooking(b.status)).toBe(false);
  });

  it('is active only while booked or checked in', () => {
    expect(bookingStatuses.filter(isActiveBooking)).toEqual(['booked', 'checked_in']);
  });
});

describe('reschedule and cancel', () => {
  it('moves the booking to the new slot and counts the move', () => {
    const b = applyBookingAction(booking(), { type: 'reschedule', slot: later }, start - minute, config);
    expect(b).toMatchObject({ status: 'booked', slot: later, rescheduledAt: start - minute, reschedules: 1, version: 2 });
  });

  it('refuses the customer once the slot has started, up to the last millisecond before it', () => {
    for (const action of [sample.reschedule!, sample['cancel:customer']!]) {
      expect(applyBookingAction(booking(), action, start - 1, config).version).toBe(2);
      const e = conflictCode(() => applyBookingAction(booking(), action, start, config));
      expect(e.code).toBe('too_late');
      expect(e.details).toEqual({ startsAt: start });
    }
  });

  it('lets staff cancel or move a booking whose time has begun', () => {
    expect(applyBookingAction(booking(), sample['cancel:staff']!, start + 5 * minute, config)).toMatchObject({ status: 'cancelled', cancelledBy: 'staff', endedAt: start + 5 * minute });
    expect(applyBookingAction(booking(), { type: 'reschedule', slot: later, by: 'staff' }, start + 5 * minute, config).slot).toEqual(later);
  });
});

describe('check-in window', () => {
  const { opensAt, closesAt } = checkInWindow(booking(), config);

  it('opens checkInEarlyMinutes before the slot and closes graceMinutes after its start', () => {
    expect(opensAt).toBe(start - 60 * minute);
    expect(closesAt).toBe(start + 15 * minute);
  });

  it('accepts a check-in exactly when the window opens and exactly when it closes', () => {
    expect(applyBookingAction(booking(), sample.checkIn!, opensAt, config).status).toBe('checked_in');
    expect(applyBookingAction(booking(), sample.checkIn!, closesAt, config).status).toBe('checked_in');
  });

  it('refuses a check-in a millisecond early, saying when it opens, and a millisecond late', () => {
    const early = conflictCode(() => applyBookingAction(booking(), sample.checkIn!, opensAt - 1, config));
    expect(early.code).toBe('too_early');
    expect(early.details).toEqual({ opensAt });
    expect(conflictCode(() => applyBookingAction(booking(), sample.checkIn!, closesAt + 1, config)).code).toBe('too_late');
  });

  it('follows the branch settings', () => {
    const own = { ...config, checkInEarlyMinutes: 10, graceMinutes: 5 };
    expect(checkInWindow(booking(), own)).toEqual({ opensAt: start - 10 * minute, closesAt: start + 5 * minute });
    expect(conflictCode(() => applyBookingAction(booking(), sample.checkIn!, start - 11 * minute, own)).code).toBe('too_early');
  });
});

describe('no-show', () => {
  const closesAt = start + config.graceMinutes * minute;

  it('is due only after the check-in window closes', () => {
    expect(isNoShowDue(booking(), closesAt, config)).toBe(false);
    expect(isNoShowDue(booking(), closesAt + 1, config)).toBe(true);
    expect(isNoShowDue(booking({ status: 'checked_in' }), closesAt + 1, config)).toBe(false);
  });

  it('refuses to mark a no-show while the customer may still check in', () => {
    const e = conflictCode(() => applyBookingAction(booking(), sample.noShow!, closesAt, config));
    expect(e.code).toBe('not_yet');
    expect(applyBookingAction(booking(), sample.noShow!, closesAt + 1, config)).toMatchObject({ status: 'no_show', endedAt: closesAt + 1 });
  });
});

describe('reminders', () => {
  it('are due a day and an hour before, earliest first', () => {
    expect(remindersDue(booking(), config)).toEqual([
      { at: start - 1440 * minute, minutesBefore: 1440 },
      { at: start - 60 * minute, minutesBefore: 60 },
    ]);
  });

  it('skip those that would fall before the booking was made', () => {
    expect(remindersDue(booking({ createdAt: start - 3 * 60 * minute }), config)).toEqual([{ at: start - 60 * minute, minutesBefore: 60 }]);
    expect(remindersDue(booking({ createdAt: start - 60 * minute }), config)).toEqual([]); // not one at the very moment of booking
  });

  it('count from the last reschedule, and stop once the booking is no longer booked', () => {
    expect(remindersDue(booking({ rescheduledAt: start - 2 * 60 * minute }), config)).toEqual([{ at: start - 60 * minute, minutesBefore: 60 }]);
    expect(remindersDue(booking({ status: 'cancelled' }), config)).toEqual([]);
    expect(remindersDue(booking({ status: 'checked_in' }), config)).toEqual([]);
  });

  it('follow the branch settings', () => {
    expect(remindersDue(booking(), { remindersMinutesBefore: [30, 120, 30] }).map((r) => r.minutesBefore)).toEqual([120, 30]);
  });
});

describe('any sequence of actions (property)', () => {
  it('stays inside the table, bumps the version by one per applied move, and leaves a refused booking untouched', () => {
    const action = fc.constantFrom(...Object.values(sample));
    const offset = fc.integer({ min: -180, max: 180 }).map((m) => start + m * minute);
    fc.assert(
      fc.property(fc.array(fc.tuple(action, offset), { maxLength: 20 }), (steps) => {
        let b = booking();
        for (const [a, now] of steps) {
          const before = b;
          try {
            b = applyBookingAction(b, a, now, config);
            const rule = bookingTransitions[a.type];
            expect(rule.from as readonly BookingStatus[]).toContain(before.status);
            expect(b.status).toBe(rule.to);
            expect(b.version).toBe(before.version + 1);
          } catch (e) {
            expect(e).toBeInstanceOf(ConflictError);
            expect(b).toBe(before);
          }
          expect(bookingStatuses).toContain(b.status);
          if (!isActiveBooking(b.status)) expect(b.endedAt).toBeDefined();
        }
        expect(b.version).toBe(1 + b.reschedules + (b.status === 'booked' ? 0 : b.status === 'completed' ? 2 : 1));
      }),
      { numRuns: 500 },
    );
  });
});
