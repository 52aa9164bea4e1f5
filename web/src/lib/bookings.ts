// Appointments: the refusals a customer or a clerk can meet, in words (with the times the
// server names, in the branch's zone).
import { fieldReason, type ApiError } from './api';
import { formatDay, formatTime, localDayOf, ltr } from './format';
import { errorText, i18n } from './i18n/index.svelte';
import type { BookingStatus } from './types';

/** A moment the server names: the time alone when it is today, else with its day. */
function when(ms: unknown, timeZone?: string): string | undefined {
  if (typeof ms !== 'number') return undefined;
  const time = formatTime(ms, i18n.locale, timeZone);
  return ltr(localDayOf(ms, timeZone) === localDayOf(Date.now(), timeZone) ? time : `${formatDay(ms, i18n.locale, timeZone)} ${time}`);
}

/** Any refusal about a booking: moved on meanwhile, begun, full, over the daily limit… */
export function bookingErrorText(e: ApiError, timeZone?: string): string {
  const m = i18n.t.bookingErrors;
  const status = e.details.status;
  if ((e.code === 'illegal_transition' || e.code === 'booking_closed') && typeof status === 'string') {
    const now: Partial<Record<BookingStatus, string>> = { cancelled: m.cancelled, completed: m.completed, no_show: m.noShow, checked_in: m.checkedIn };
    return now[status as BookingStatus] ?? m.changed;
  }
  if (e.code === 'stale') return m.changed;
  if (e.code === 'too_late' && typeof e.details.startsAt === 'number') return m.begun;
  if (e.code === 'booking_limit' && typeof e.details.max === 'number') return m.limit(e.details.max);
  if (e.code === 'not_yet') {
    const due = when(e.details.dueAfter, timeZone);
    if (due) return m.notYet(due);
  }
  return errorText(e);
}

/** True when a booking code itself is the problem (malformed, or no such booking here). */
export const isBookingCodeProblem = (e: ApiError): boolean =>
  (e.status === 400 && (e.fields.length === 0 || e.fields.some((f) => f.field === 'body.code'))) || e.status === 404;

/** Checking in for an appointment (kiosk or phone), refused: why, and when it will work. */
export function bookingCheckInErrorText(e: ApiError, timeZone?: string): string {
  const m = i18n.t.bookingCheckInErrors;
  if (e.status === 400) return m.malformed;
  if (e.status === 404) return m.unknown;
  if (e.code === 'too_early') {
    const opens = when(e.details.opensAt, timeZone);
    return opens ? m.tooEarlyAt(opens) : m.tooEarly;
  }
  if (e.code === 'too_late') return m.tooLate;
  if (e.code === 'branch_closed') return m.closed;
  return bookingErrorText(e, timeZone);
}

/** The chosen time was refused (taken meanwhile, or too soon): said at the time picker, with alternatives. */
export const isSlotRefusal = (e: ApiError | undefined): boolean => e?.code === 'slot_full' || e?.code === 'slot_too_soon';

/** The heading over the offered alternatives, saying why the chosen time was refused. */
export const alternativesTitle = (e: ApiError | undefined): string =>
  e?.code === 'slot_too_soon' ? i18n.t.slotTooSoonAlternativesTitle : i18n.t.slotAlternativesTitle;

/** What to say at the time picker: a time is missing, or was refused (unless alternatives say so), or the server's reason. */
export function slotProblem(missing: boolean, e: ApiError | undefined, hasAlternatives: boolean): string | undefined {
  if (missing) return i18n.t.check.slot;
  if (hasAlternatives) return undefined;
  return isSlotRefusal(e) ? errorText(e) : fieldReason(e, 'slotStart');
}
