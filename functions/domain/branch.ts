import type { QueuePolicyConfig } from './queue/types';
import type { PickupConfig } from './orders/types';
import { toMinutes } from './time';

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
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Weekday and minutes since midnight of an instant, on the branch's wall clock. */
export function localClock(now: number, timeZone: string): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: weekdays.indexOf(get('weekday')), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}


export function isOpenAt(branch: Pick<Branch, 'hours' | 'timeZone'>, now: number): boolean {
  const { weekday, minutes } = localClock(now, branch.timeZone);
  return branch.hours.some((h) => h.weekday === weekday && minutes >= toMinutes(h.open) && minutes < toMinutes(h.close));
}
