import { getBranch } from '../data/branches-repo';
import { listDayBookings } from '../data/bookings-repo';
import { readDay, replaceDay, type Cell } from '../data/insight-repo';
import { listDayOrders } from '../data/orders-repo';
import { listDayTickets } from '../data/tickets-repo';
import { addInto, deltasOfFinal, summary, type Counters } from '../domain/insight/aggregate';
import { ValidationError } from '../domain/errors';
import { addDays } from '../domain/time';
import { assertBranch, assertManager } from '../http/auth';
import type { OperationRequest } from '../http/handler';
import { listSurveysOfDay } from '../data/insight-repo';

const maxDays = 62;

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= maxDays; d = addDays(d, 1)) out.push(d);
  if (out.length > maxDays || from > to) throw new ValidationError(`Ask for 1 to ${maxDays} days`, [{ field: 'query.to', reason: `from ≤ to, at most ${maxDays} days` }]);
  return out;
}

/** One row: a cell's counters and what a manager reads off them. */
export function rowOf(c: Cell) {
  const k = c.counters;
  const score = k.surveys ? Math.round((k.scoreSum! / k.surveys) * 10) / 10 : undefined;
  return {
    day: c.day,
    serviceId: c.serviceId,
    hour: c.hour,
    tickets: k.tickets ?? 0,
    served: k.served ?? 0,
    wait: summary(k, 'wait'),
    service: summary(k, 'service'),
    noShows: k.noShows ?? 0,
    cancelled: k.cancelled ?? 0,
    abandoned: k.abandoned ?? 0,
    orders: k.orders ?? 0,
    collected: k.collected ?? 0,
    ordersExpired: k.ordersExpired ?? 0,
    pickupInBranch: summary(k, 'pickupInBranch'),
    readyToCollected: summary(k, 'leadReadyToCollected'),
    bookings: k.bookings ?? 0,
    bookingNoShows: k.bookingNoShows ?? 0,
    surveys: k.surveys ?? 0,
    scoreMean: score,
    scores: [1, 2, 3, 4, 5].map((s) => k[`score${s}`] ?? 0),
    counters: k,
  };
}

async function rows(branchId: string, from: string, to: string) {
  const cells = (await Promise.all(daysBetween(from, to).map((d) => readDay(branchId, d)))).flat();
  return cells.sort((a, b) => a.day.localeCompare(b.day) || a.serviceId.localeCompare(b.serviceId) || a.hour - b.hour).map(rowOf);
}

export async function getBranchStats({ params, query, staff, now }: OperationRequest) {
  assertBranch(staff!, params.branchId);
  const branch = await getBranch(params.branchId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: branch.timeZone }).format(now);
  const from = query.from ?? today;
  const to = query.to ?? from;
  const all = await rows(branch.id, from, to);
  // Totals per service over the range: the same counters summed.
  const byService = new Map<string, Counters>();
  for (const r of all) addInto(byService.get(r.serviceId) ?? byService.set(r.serviceId, {}).get(r.serviceId)!, r.counters);
  const totals = [...byService].map(([serviceId, counters]) => ({ ...rowOf({ day: `${from}..${to}`, serviceId, hour: -1, counters }) }));
  return { branchId: branch.id, timeZone: branch.timeZone, from, to, rows: all, totals };
}

const csvCell = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export async function exportBranchStats(req: OperationRequest) {
  const { rows: all } = await getBranchStats(req);
  const head = ['day', 'service', 'hour', 'tickets', 'served', 'wait_mean_min', 'wait_p90_min', 'service_mean_min', 'no_shows', 'cancelled', 'abandoned', 'orders', 'collected', 'pickup_in_branch_mean_min', 'pickup_in_branch_p90_min', 'bookings', 'booking_no_shows', 'surveys', 'score_mean'];
  const lines = all.map((r) => [r.day, r.serviceId, r.hour, r.tickets, r.served, r.wait.meanMinutes, r.wait.p90Minutes, r.service.meanMinutes, r.noShows, r.cancelled, r.abandoned, r.orders, r.collected, r.pickupInBranch.meanMinutes, r.pickupInBranch.p90Minutes, r.bookings, r.bookingNoShows, r.surveys, r.scoreMean].map(csvCell).join(','));
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}

/** Recomputes a range's statistics from the raw records still kept (a manager's repair tool). */
export async function backfillStats({ params, body, staff }: OperationRequest) {
  assertManager(staff!, params.branchId);
  const branch = await getBranch(params.branchId);
  const days = daysBetween(body.from, body.to);
  const wanted = new Set(days);
  const cells = new Map<string, Cell>();
  const around = [addDays(days[0]!, -1), ...days, addDays(days.at(-1)!, 1)];
  const records = (
    await Promise.all(
      around.map(async (d) => [
        ...(await listDayTickets(branch.id, d)).map((r) => ({ ...r, entity: 'ticket' })),
        ...(await listDayOrders(branch.id, d)).map((r) => ({ ...r, entity: 'order' })),
        ...(await listDayBookings(branch.id, d)).map((r) => ({ ...r, entity: 'booking' })),
        ...(await listSurveysOfDay(branch.id, d)),
      ]),
    )
  ).flat();
  const seen = new Set<string>();
  for (const r of records as Record<string, any>[]) {
    const id = `${r.entity ?? ''}${r.id ?? r.visitId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const d of deltasOfFinal(r, branch.timeZone)) {
      if (!wanted.has(d.day)) continue;
      const k = `${d.day}|${d.serviceId}|${d.hour}`;
      const cell = cells.get(k) ?? cells.set(k, { day: d.day, serviceId: d.serviceId, hour: d.hour, counters: {} }).get(k)!;
      addInto(cell.counters, d.add);
    }
  }
  for (const day of days) await replaceDay(branch.id, day, [...cells.values()].filter((c) => c.day === day));
  return { branchId: branch.id, from: body.from, to: body.to, cells: cells.size };
}
