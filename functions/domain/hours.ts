// Opening hours of one branch-local day: the weekly pattern, unless an exception
// (a holiday, a closed afternoon) says otherwise for that date.
import type { OpeningHours } from './branch';
import { toMinutes, weekdayOf } from './time';

export interface HoursException {
  day: string; // YYYY-MM-DD, branch-local
  hours: { open: string; close: string }[]; // [] = closed all day
  label?: { he: string; en: string }; // shown to customers: "Passover", "Staff training"
}

/** Minutes since local midnight; a close of '24:00' is 1440. */
export interface Interval {
  open: number;
  close: number;
}

/** The exception that governs a day, if any (the first listed wins). */
export const exceptionOn = (day: string, exceptions: readonly HoursException[] = []) => exceptions.find((e) => e.day === day);

/** The open intervals of a day, sorted; an exception for the day replaces the weekly hours. */
export function intervalsOn(day: string, hours: readonly OpeningHours[], exceptions?: readonly HoursException[]): Interval[] {
  const weekday = weekdayOf(day);
  const source = exceptionOn(day, exceptions)?.hours ?? hours.filter((h) => h.weekday === weekday);
  return source
    .map((h) => ({ open: toMinutes(h.open), close: toMinutes(h.close) }))
    .filter((i) => i.close > i.open) // an empty or inverted entry opens nothing
    .sort((a, b) => a.open - b.open || a.close - b.close);
}
