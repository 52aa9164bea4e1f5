import type { QueuePolicyConfig } from './queue/types';
import type { PickupConfig } from './orders/types';
import type { AppointmentConfig } from './bookings/types';
import { intervalsOn, type HoursException } from './hours';
import { localDay } from './time';
import type { RetentionSettings } from './privacy/retention';

export interface OpeningHours {
  weekday: number; // 0 = Sunday, in the branch's time zone
  open: string; // HH:MM
  close: string; // HH:MM
}

export interface Branch {
  id: string;
  name: { he: string; en: string };
  address: { he: string; en: string };
  timeZone: string;
  hours: OpeningHours[];
  policy?: Partial<QueuePolicyConfig>;
  pickup?: Partial<PickupConfig>;
  /** Dates whose hours differ from the weekly pattern (holidays, a closed afternoon). */
  exceptions?: HoursException[];
  appointments?: Partial<AppointmentConfig>;
  /** "N ahead of you" goes to a remote ticket when this many people or fewer are ahead (default 3). */
  notifyAheadAt?: number;
  /** How long personal data is kept after a visit / a booked slot (defaults: the stage's, else 30 / 90 days). */
  retention?: Partial<RetentionSettings>;
  /** Joining the queue from home (issue 7): verifyPhone asks for a phone confirmed by a one-time SMS code (default off). */
  remoteJoin?: { verifyPhone?: boolean };
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Building a formatter is far dearer than using one; slot listings ask thousands of times.
const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday and minutes since midnight of an instant, on the branch's wall clock. */
export function localClock(now: number, timeZone: string): { weekday: number; minutes: number } {
  let f = clockFormatters.get(timeZone);
  if (!f) clockFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = f.formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: weekdays.indexOf(get('weekday')), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Open now, by the weekly hours or the day's exception. */
export function isOpenAt(branch: Pick<Branch, 'hours' | 'timeZone' | 'exceptions'>, now: number): boolean {
  const { minutes } = localClock(now, branch.timeZone);
  return intervalsOn(localDay(now, branch.timeZone), branch.hours, branch.exceptions).some((i) => minutes >= i.open && minutes < i.close);
}
