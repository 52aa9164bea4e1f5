// The rules between the fields of a branch's set-up, which a schema alone cannot say: what the
// numbering, the call-next policy, the estimator and the board rely on. Pure: no AWS, no HTTP.
// Each problem names its field the way the API names a schema failure (`body.services.2.prefix`).
import type { FieldIssue } from '../errors';
import type { Service, ServiceKind } from '../queue/types';
import { toMinutes } from '../time';

export interface SetupInterval {
  open: string;
  close: string;
}
export interface SetupDraft {
  timeZone: string;
  hours: (SetupInterval & { weekday: number })[];
  exceptions: { day: string; hours: SetupInterval[] }[];
  services: { id: string; prefix: string; kind: ServiceKind }[];
  counters: { id?: string; number: number; serviceIds: string[]; pickup: boolean }[];
}

/** An IANA zone the platform knows (Intl throws a RangeError for anything else). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const isCalendarDay = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/** Open before close, and no two intervals of one day overlapping. */
function checkIntervals(list: readonly SetupInterval[], field: (i: number) => string, issues: FieldIssue[]) {
  const seen: { open: number; close: number; i: number }[] = [];
  list.forEach((h, i) => {
    const open = toMinutes(h.open);
    const close = toMinutes(h.close);
    if (close <= open) return issues.push({ field: `${field(i)}.close`, reason: 'closes before it opens' });
    if (seen.some((s) => open < s.close && s.open < close)) issues.push({ field: `${field(i)}.open`, reason: 'overlaps other hours of the same day' });
    seen.push({ open, close, i });
  });
}

export function validateSetup(s: SetupDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isTimeZone(s.timeZone)) issues.push({ field: 'body.timeZone', reason: 'not a known IANA time zone' });

  for (let weekday = 0; weekday <= 6; weekday++) {
    const idx = s.hours.flatMap((h, i) => (h.weekday === weekday ? [i] : []));
    checkIntervals(
      idx.map((i) => s.hours[i]!),
      (k) => `body.hours.${idx[k]}`,
      issues,
    );
  }
  const days = new Set<string>();
  s.exceptions.forEach((e, i) => {
    if (!isCalendarDay(e.day)) issues.push({ field: `body.exceptions.${i}.day`, reason: 'not a calendar date' });
    else if (days.has(e.day)) issues.push({ field: `body.exceptions.${i}.day`, reason: 'this day is listed twice' });
    days.add(e.day);
    checkIntervals(e.hours, (k) => `body.exceptions.${i}.hours.${k}`, issues);
  });

  const ids = new Set<string>();
  const prefixes = new Set<string>();
  let pickups = 0;
  s.services.forEach((svc, i) => {
    if (ids.has(svc.id)) issues.push({ field: `body.services.${i}.id`, reason: 'another service has this id' });
    if (prefixes.has(svc.prefix)) issues.push({ field: `body.services.${i}.prefix`, reason: 'another service has this prefix' });
    // Check-in of an order looks for the branch's one pickup lane.
    if (svc.kind === 'pickup' && ++pickups > 1) issues.push({ field: `body.services.${i}.kind`, reason: 'only one pickup service per branch' });
    ids.add(svc.id);
    prefixes.add(svc.prefix);
  });
  if (!s.services.some((svc) => svc.kind === 'walkin')) issues.push({ field: 'body.services', reason: 'at least one walk-in service is needed' });

  const numbers = new Set<number>();
  const counterIds = new Set<string>();
  s.counters.forEach((c, i) => {
    if (numbers.has(c.number)) issues.push({ field: `body.counters.${i}.number`, reason: 'another counter has this number' });
    numbers.add(c.number);
    if (c.id !== undefined) {
      if (counterIds.has(c.id)) issues.push({ field: `body.counters.${i}.id`, reason: 'another counter has this id' });
      counterIds.add(c.id);
    }
    if (c.serviceIds.length === 0) issues.push({ field: `body.counters.${i}.serviceIds`, reason: 'serves no service' });
    if (new Set(c.serviceIds).size !== c.serviceIds.length) issues.push({ field: `body.counters.${i}.serviceIds`, reason: 'a service is listed twice' });
    c.serviceIds.forEach((id, j) => {
      if (!ids.has(id)) issues.push({ field: `body.counters.${i}.serviceIds.${j}`, reason: 'no such service' });
    });
    if (c.pickup && !c.serviceIds.some((id) => s.services.find((svc) => svc.id === id)?.kind === 'pickup')) {
      issues.push({ field: `body.counters.${i}.pickup`, reason: 'a pickup counter must serve the pickup service' });
    }
  });
  return issues;
}

export interface SetupChange {
  removedServices: string[];
  /** Services whose kind changes: tickets already waiting were issued under the old kind. */
  retypedServices: string[];
  removedCounters: string[];
}

/** What a save removes or changes in ways live tickets and counters care about. */
export function changeOf(before: { services: Pick<Service, 'id' | 'kind'>[]; counters: { id: string }[] }, after: SetupDraft): SetupChange {
  const next = new Map(after.services.map((s) => [s.id, s]));
  const keptCounters = new Set(after.counters.flatMap((c) => (c.id ? [c.id] : [])));
  return {
    removedServices: before.services.filter((s) => !next.has(s.id)).map((s) => s.id),
    retypedServices: before.services.filter((s) => next.has(s.id) && next.get(s.id)!.kind !== s.kind).map((s) => s.id),
    removedCounters: before.counters.filter((c) => !keptCounters.has(c.id)).map((c) => c.id),
  };
}

/** An id for a new counter, from its number, not clashing with one kept or removed today. */
export function newCounterId(number: number, taken: ReadonlySet<string>): string {
  let id = `c${number}`;
  for (let n = 2; taken.has(id); n++) id = `c${number}-${n}`;
  return id;
}
