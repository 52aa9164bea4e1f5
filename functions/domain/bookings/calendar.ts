// An .ics file for "add to my calendar": one event in UTC (the phone shows it in its own
// zone) with a reminder an hour before. Pure: the caller passes every value, stamp included.
import ical, { ICalAlarmType } from 'ical-generator';

export interface CalendarEvent {
  uid: string; // stable per booking, so a re-download updates the event instead of adding one
  start: number; // epoch ms
  end: number;
  summary: string;
  description: string;
  location: string;
  url?: string;
  /** When this version of the event was made (DTSTAMP); defaults to `start` to keep the output deterministic. */
  stamp?: number;
  /** Raise on each reschedule (e.g. the booking's version) so calendars take the new time. */
  sequence?: number;
}

export function bookingCalendar(e: CalendarEvent): string {
  const calendar = ical({ prodId: { company: 'Dalpak', product: 'Appointments', language: 'EN' } });
  const event = calendar.createEvent({
    id: e.uid,
    start: new Date(e.start),
    end: new Date(e.end),
    stamp: new Date(e.stamp ?? e.start),
    sequence: e.sequence ?? 0,
    summary: e.summary,
    description: e.description,
    location: e.location,
    ...(e.url ? { url: e.url } : {}),
  });
  event.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: e.summary });
  return calendar.toString();
}
