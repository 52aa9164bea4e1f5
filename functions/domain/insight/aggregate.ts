// Statistics as counters that only ever add up: each stored change becomes a few increments
// to one cell (branch, day, service, hour). Sums and histograms, so means and p90s are read
// off the counters; nothing here needs the personal data the changes came from.
import { localClock } from '../branch';
import { localDay } from '../time';

/** Histogram edges in minutes: a value falls in the first bucket whose edge is above it. */
export const minuteEdges = [1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120] as const;
export const bucketOf = (minutes: number) => {
  const i = minuteEdges.findIndex((e) => minutes < e);
  return i < 0 ? minuteEdges.length : i;
};

/** The counters of one cell. Histogram counters are named `<metric>H<bucket>`. */
export type Counters = Record<string, number>;
export interface Delta {
  day: string; // branch-local
  serviceId: string; // or 'pickup-orders', 'bookings', 'survey' rows per service
  hour: number; // branch-local 0–23
  add: Counters;
}

type Image = Record<string, any>;
const minutes = (ms: number) => ms / 60_000;
const cell = (at: number, tz: string) => ({ day: localDay(at, tz), hour: Math.floor(localClock(at, tz).minutes / 60) });
// Sums in whole milliseconds: integer counters add up exactly in any order (stream or backfill).
const timed = (metric: string, ms: number): Counters => ({ [`${metric}SumMs`]: Math.round(ms), [`${metric}Count`]: 1, [`${metric}H${bucketOf(minutes(ms))}`]: 1 });

/**
 * The increments one stored change makes (old → new image of a ticket, order, booking or survey
 * answer). Removals (TTL expiry of personal data) make none: statistics outlive the records.
 */
export function deltasOfChange(before: Image | undefined, after: Image | undefined, timeZone: string): Delta[] {
  if (!after) return [];
  const out: Delta[] = [];
  const push = (at: number, serviceId: string, add: Counters) => out.push({ ...cell(at, timeZone), serviceId, add });
  const changed = (to: string) => after.status === to && before?.status !== to;
  switch (after.entity) {
    case 'ticket': {
      // Everything about a ticket counts in the hour it joined, so a day's row tells one story.
      const at = after.joinedAt as number;
      const sid = after.serviceId as string;
      if (!before) push(at, sid, { tickets: 1 });
      if (before?.status === 'waiting' && after.status === 'called' && !before.requeued) push(at, sid, timed('wait', after.calledAt - after.joinedAt));
      if (changed('done')) push(at, sid, { served: 1, ...timed('service', after.endedAt - (after.servingAt ?? after.calledAt ?? after.endedAt)) });
      if (changed('no_show')) push(at, sid, { noShows: 1 });
      if (changed('cancelled')) push(at, sid, { cancelled: 1, ...(before?.status === 'waiting' && !before.calledAt ? { abandoned: 1 } : {}) });
      break;
    }
    case 'order': {
      if (!before) push(after.createdAt, 'orders', { orders: 1 });
      if (changed('collected')) {
        const add: Counters = { collected: 1 };
        if (after.readyAt) Object.assign(add, timed('leadReadyToCollected', after.collectedAt - after.readyAt));
        if (after.arrivedAt) Object.assign(add, timed('pickupInBranch', after.collectedAt - after.arrivedAt));
        push(after.collectedAt, 'orders', add);
      }
      if (changed('cancelled')) push(after.endedAt, 'orders', { ordersCancelled: 1 });
      if (changed('expired')) push(after.endedAt, 'orders', { ordersExpired: 1 });
      break;
    }
    case 'booking': {
      const at = after.slot.start as number;
      const sid = after.serviceId as string;
      if (!before) push(at, sid, { bookings: 1 });
      if (before && before.slot?.start !== after.slot?.start) {
        // A reschedule moves the booking from one cell to another.
        push(before.slot.start, sid, { bookings: -1 });
        push(at, sid, { bookings: 1 });
      }
      if (changed('no_show')) push(at, sid, { bookingNoShows: 1 });
      if (changed('cancelled')) push(at, sid, { bookingsCancelled: 1 });
      break;
    }
    case 'survey': {
      if (!before) push(after.visitAt, after.serviceId, { surveys: 1, scoreSum: after.score, [`score${after.score}`]: 1 });
      break;
    }
  }
  return out;
}

/** Adds one cell's counters into another (reading a range, or summing hours into a day). */
export function addInto(target: Counters, add: Counters): Counters {
  for (const [k, v] of Object.entries(add)) target[k] = (target[k] ?? 0) + v;
  return target;
}

/** Mean and p90 (upper edge of the bucket holding the 90th percentile) of a timed metric. */
export function summary(c: Counters, metric: string): { count: number; meanMinutes?: number; p90Minutes?: number } {
  const count = c[`${metric}Count`] ?? 0;
  if (count === 0) return { count };
  let seen = 0;
  let p90: number | undefined;
  for (let b = 0; b <= minuteEdges.length; b++) {
    seen += c[`${metric}H${b}`] ?? 0;
    if (seen >= 0.9 * count) {
      p90 = minuteEdges[b] ?? Number.POSITIVE_INFINITY;
      break;
    }
  }
  return { count, meanMinutes: Math.round((c[`${metric}SumMs`]! / count / 60_000) * 10) / 10, p90Minutes: p90 };
}

/**
 * Backfill: the increments a record's history made, rebuilt from its final state (a ticket's
 * times tell when it was called and ended). Re-queued tickets count their last call.
 */
export function deltasOfFinal(r: Image, timeZone: string): Delta[] {
  switch (r.entity) {
    case 'ticket': {
      const created = { ...r, status: 'waiting', calledAt: undefined, requeued: false };
      const out = deltasOfChange(undefined, created, timeZone);
      if (r.calledAt !== undefined) out.push(...deltasOfChange(created, { ...r, status: 'called', requeued: false }, timeZone));
      if (r.status !== 'waiting' && r.status !== 'called' && r.status !== 'serving') {
        const last = r.calledAt !== undefined ? { ...r, status: 'called' } : { ...created };
        out.push(...deltasOfChange(last, r, timeZone));
      }
      return out;
    }
    case 'order':
    case 'booking':
      return [...deltasOfChange(undefined, { ...r, status: r.entity === 'order' ? 'placed' : 'booked' }, timeZone), ...deltasOfChange({ ...r, status: r.entity === 'order' ? 'placed' : 'booked' }, r, timeZone)];
    case 'survey':
      return deltasOfChange(undefined, r, timeZone);
    default:
      return [];
  }
}
