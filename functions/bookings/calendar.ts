import type { BranchBundle } from '../data/branches-repo';
import type { StoredBooking } from '../data/bookings-repo';
import { bookingCalendar } from '../domain/bookings/calendar';

/** The booking as an .ics file, in the booking's language. */
export function bookingCalendarFile(b: StoredBooking, { branch, services }: BranchBundle): string {
  const lang = b.language;
  const service = services.find((s) => s.id === b.serviceId)?.name[lang] ?? b.serviceId;
  return bookingCalendar({
    uid: `${b.id}@dalpak`,
    start: b.slot.start,
    end: b.slot.end,
    summary: `${service} · ${branch.name[lang]}`,
    description: lang === 'he' ? `קוד התור: ${b.code}. הציגו אותו בקיוסק כשתגיעו.` : `Booking code: ${b.code}. Show it at the kiosk when you arrive.`,
    location: branch.address[lang],
    stamp: b.rescheduledAt ?? b.createdAt,
    sequence: b.reschedules, // a moved booking replaces the event in the calendar
  });
}
