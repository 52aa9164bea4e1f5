// Numbers, times and waits via Intl, always in the branch's time zone (a phone abroad
// must still see the branch's opening hours).
import type { BranchSummary, WaitEstimate } from './types';
import type { Messages } from './i18n/en';

export function formatTime(epochMs: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(epochMs);
}

export function formatDateTime(epochMs: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(epochMs);
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** 0 = Sunday, as the API's opening hours count days, in the branch's zone. */
export function weekdayIn(timeZone: string, at = Date.now()): number {
  const short = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone }).format(at);
  return weekdayIndex[short] ?? 0;
}

/** "08:00–20:00" for today, or undefined when closed today. */
export function hoursToday(branch: Pick<BranchSummary, 'hours' | 'timeZone'>, at = Date.now()): string | undefined {
  const day = weekdayIn(branch.timeZone, at);
  const spans = branch.hours.filter((h) => h.weekday === day).sort((a, b) => a.open.localeCompare(b.open));
  // Wrapped in LTR isolates so "08:00–20:00" never flips in Hebrew text.
  return spans.length ? spans.map((h) => `\u2066${h.open}–${h.close}\u2069`).join(', ') : undefined;
}

/** An honest wait range, e.g. "about 10–15 min", or why there is none. */
export function waitText(t: Messages, e: WaitEstimate | undefined): string {
  if (!e) return t.dash;
  if (e.noCounterOpen) return t.noCounterOpen;
  if (e.highMinutes <= 1) return t.noWait;
  return t.estimateRange(Math.max(1, e.lowMinutes), e.highMinutes);
}

export function minutesSince(epochMs: number, now = Date.now()): number {
  return Math.max(0, Math.floor((now - epochMs) / 60_000));
}

/** A price in agorot as shekels, e.g. "₪20.00". */
export function formatPrice(agorot: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'ILS' }).format(agorot / 100);
}

/** The branch-local calendar day of an instant, as YYYY-MM-DD. */
export function localDayOf(epochMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(epochMs);
}

/** "Tue 14 Jan" for a day tab or heading. */
export function formatDay(epochMs: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(epochMs);
}

/** A calendar day "YYYY-MM-DD" as "Mon 23 Nov" (read at noon UTC: the day itself, in any zone). */
export function formatDayOf(day: string, locale: string): string {
  return formatDay(Date.parse(`${day}T12:00:00Z`), locale, 'UTC');
}

/** Text that must read left to right inside any sentence (a time, a date with digits). */
export const ltr = (text: string): string => `\u2066${text}\u2069`;

/** "10:00–10:15", isolated left to right so it never flips inside Hebrew text, and never split over two lines. */
export function formatRange(start: number, end: number, locale: string, timeZone?: string): string {
  return `\u2066${formatTime(start, locale, timeZone)}\u2060–\u2060${formatTime(end, locale, timeZone)}\u2069`;
}
