import { ulid } from 'ulid';
import type { Reminder, StoredBooking } from '../data/bookings-repo';
import { keys } from '../data/keys';
import type { OutboxMessage } from '../data/outbox';
import { remindersDue } from '../domain/bookings/transitions';
import type { AppointmentConfig } from '../domain/bookings/types';

type Template = 'booking_confirmed' | 'booking_rescheduled' | 'booking_cancelled' | 'booking_missed';

// The customer's link carries their token: it is in the messages they receive (confirmation,
// reminders), never in anything staff see. Links are built from these params by the notifier.
const paramsOf = (b: StoredBooking, token?: string) => ({
  bookingId: b.id,
  branchId: b.branchId,
  serviceId: b.serviceId,
  code: b.code,
  start: b.slot.start,
  end: b.slot.end,
  ...(token ? { token } : {}),
});

export function bookingMessage(b: StoredBooking, template: Template, now: number, token?: string): OutboxMessage {
  return { id: ulid(now), template, language: b.language, to: b.contact, params: paramsOf(b, token), createdAt: now };
}

/** Reminders still ahead for the booking's slot, each with its fixed id (a move overwrites it). */
export function bookingReminders(b: StoredBooking, config: AppointmentConfig, now: number, token?: string): Reminder[] {
  return remindersDue(b, config)
    .filter((r) => r.at > now)
    .map((r) => ({
      id: keys.reminderId(b.id, r.minutesBefore),
      template: 'booking_reminder',
      language: b.language,
      to: b.contact,
      params: { ...paramsOf(b, token), minutesBefore: r.minutesBefore },
      createdAt: now,
      sendAt: r.at,
    }));
}

/** Every reminder id a booking may have: deleted when it is cancelled, checked in or missed. */
export const allReminderIds = (b: Pick<StoredBooking, 'id'>, config: AppointmentConfig) => config.remindersMinutesBefore.map((m) => keys.reminderId(b.id, m));
