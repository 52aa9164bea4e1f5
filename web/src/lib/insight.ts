// Staff insight: the call-back list and the branch statistics (issue 8). Types come from the
// server's schemas; the figures a manager reads (means, p90s, rates) are worked out with the
// server's own aggregate rules, so the dashboard and the API never disagree.
import type { z } from 'zod';
import type { momentView, momentsView, statsRow, statsView } from '../../../functions/schemas/insight';
import { addInto, minuteEdges, summary, type Counters } from '../../../functions/domain/insight/aggregate';
import { request, type RequestOptions } from './api';

export type Moment = z.output<typeof momentView>;
export type MomentKind = Moment['kind'];
export type MomentsView = z.output<typeof momentsView>;
export type StatsRow = z.output<typeof statsRow>;
export type StatsView = z.output<typeof statsView>;

const seg = encodeURIComponent;

const staffCall = <T>(method: string, path: string, opts: Omit<RequestOptions, 'staff'> = {}) => request<T>(method, path, { ...opts, staff: true });
const range = (from: string, to: string) => `?${new URLSearchParams({ from, to })}`;

export const insightApi = {
  listMoments: (branchId: string, o: { signal?: AbortSignal } = {}) => staffCall<MomentsView>('GET', `/branches/${seg(branchId)}/moments?status=active`, o),
  /** Called or resolved, with the version the clerk saw: 409 `stale` when someone moved it first. */
  moveMoment: (branchId: string, momentId: string, status: 'called' | 'resolved', version: number) =>
    staffCall<Moment>('POST', `/branches/${seg(branchId)}/moments/${seg(momentId)}`, { body: { status, version } }),
  getStats: (branchId: string, from: string, to: string, o: { signal?: AbortSignal } = {}) =>
    staffCall<StatsView>('GET', `/branches/${seg(branchId)}/stats${range(from, to)}`, o),
  /** The CSV needs the staff token (a header), so it is fetched and handed to the browser as a file. */
  async downloadStatsCsv(branchId: string, from: string, to: string): Promise<void> {
    const csv = await staffCall<string>('GET', `/branches/${seg(branchId)}/stats.csv${range(from, to)}`, { accept: 'text/csv' });
    const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: `dalpak-${branchId}-${from}_${to}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** At most this many days at once (the server's limit in functions/insight/stats.ts). */
export const maxStatsDays = 62;

/** Rows that are queue services (tickets), not the pickup-orders row. */
const isQueueRow = (r: StatsRow) => r.serviceId !== 'orders';

function sumCounters(rows: readonly StatsRow[]): Counters {
  const c: Counters = {};
  for (const r of rows) addInto(c, r.counters);
  return c;
}
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);

export interface Figures {
  tickets: number;
  served: number;
  waitMean?: number;
  waitP90?: number;
  serviceMean?: number;
  noShows: number;
  /** No-shows among the tickets that were called and ended (served or no-show). */
  noShowRate?: number;
  abandoned: number;
  surveys: number;
  scoreMean?: number;
  orders: number;
  collected: number;
  pickupInBranchMean?: number;
  bookings: number;
  bookingNoShows: number;
}

/** The headline figures of a range, from the totals per service (the same counters summed). */
export function figuresOf(totals: readonly StatsRow[]): Figures {
  const c = sumCounters(totals);
  const n = (k: string) => c[k] ?? 0;
  const wait = summary(c, 'wait');
  const pickup = summary(c, 'pickupInBranch');
  return {
    tickets: n('tickets'),
    served: n('served'),
    waitMean: wait.meanMinutes,
    waitP90: wait.p90Minutes,
    serviceMean: summary(c, 'service').meanMinutes,
    noShows: n('noShows'),
    noShowRate: ratio(n('noShows'), n('served') + n('noShows')),
    abandoned: n('abandoned'),
    surveys: n('surveys'),
    scoreMean: n('surveys') ? Math.round((n('scoreSum') / n('surveys')) * 10) / 10 : undefined,
    orders: n('orders'),
    collected: n('collected'),
    pickupInBranchMean: pickup.meanMinutes,
    bookings: n('bookings'),
    bookingNoShows: n('bookingNoShows'),
  };
}

export interface HourWait {
  hour: number;
  tickets: number;
  mean?: number;
  p90?: number;
}
/** Waits by the hour the tickets joined, over every queue service and day of the range. */
export function waitByHour(rows: readonly StatsRow[]): HourWait[] {
  const byHour = new Map<number, StatsRow[]>();
  for (const r of rows.filter(isQueueRow)) byHour.set(r.hour, [...(byHour.get(r.hour) ?? []), r]);
  return [...byHour.keys()]
    .sort((a, b) => a - b)
    .map((hour) => {
      const c = sumCounters(byHour.get(hour)!);
      const s = summary(c, 'wait');
      return { hour, tickets: c.tickets ?? 0, mean: s.meanMinutes, p90: s.p90Minutes };
    })
    .filter((h) => h.tickets > 0 || h.mean !== undefined);
}

/** Bucket i holds values below minuteEdges[i] (and at or above the previous edge); the last is open. */
export const buckets = [...minuteEdges.map((edge, i) => ({ from: i === 0 ? 0 : minuteEdges[i - 1]!, to: edge as number | undefined })), { from: minuteEdges.at(-1)!, to: undefined }];

/** How many values of a timed metric fell in each minute bucket over the rows. */
export function histogramOf(rows: readonly StatsRow[], metric: 'service' | 'pickupInBranch'): number[] {
  const c = sumCounters(rows);
  return buckets.map((_, i) => c[`${metric}H${i}`] ?? 0);
}

export interface DayTrend {
  day: string;
  tickets: number;
  noShows: number;
  noShowRate?: number;
  surveys: number;
  scoreMean?: number;
  bookings: number;
  bookingNoShows: number;
}
/** Per day of the range (days without anything counted included, so gaps show as gaps). */
export function trendByDay(rows: readonly StatsRow[], days: readonly string[]): DayTrend[] {
  return days.map((day) => {
    const f = figuresOf(rows.filter((r) => r.day === day));
    return { day, tickets: f.tickets, noShows: f.noShows, noShowRate: f.noShowRate, surveys: f.surveys, scoreMean: f.scoreMean, bookings: f.bookings, bookingNoShows: f.bookingNoShows };
  });
}

/** Every day from `from` to `to` (YYYY-MM-DD), inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T12:00:00Z`); out.length <= maxStatsDays; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (d > to) break;
    out.push(d);
  }
  return out;
}
export const shiftDay = (d: string, by: number) => new Date(Date.parse(`${d}T12:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/** Contact links: a phone number as tel: (spaces and dashes dropped), an email as mailto:. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
export const mailHref = (email: string) => `mailto:${email}`;
