// A busy branch day with click-and-collect, on a virtual clock, driven by the real call-next
// policy (functions/domain). Walk-ins queue for general service; pickup customers ordered
// ahead, arrive around their window, check in and are called at the pickup counter when their
// bag is ready. Baseline: the same people and staff, no ordering ahead — everyone buys at a
// counter from one first-come-first-served line.
import { rankForCounter } from '../functions/domain/queue/policy';
import { defaultPolicy, type Counter, type Ticket } from '../functions/domain/queue/types';
import { exponential, lognormal, rng } from './lib/random';

const minute = 60_000;
const services = [
  { id: 'general', kind: 'walkin' as const },
  { id: 'pickup', kind: 'pickup' as const },
];

interface Person {
  kind: 'walkin' | 'pickup';
  arrival: number; // minutes
  service: number; // minutes at the counter once called
  readyAt: number; // pickup: when the bag is packed
  start?: number;
  end?: number;
}

function people(seed: number, dayMinutes: number, walkinsPerMinute: number, pickups: number, leadMinutes: number): Person[] {
  const r = rng(seed);
  const out: Person[] = [];
  for (let t = exponential(r, 1 / walkinsPerMinute); t < dayMinutes; t += exponential(r, 1 / walkinsPerMinute)) {
    out.push({ kind: 'walkin', arrival: t, service: lognormal(r, 5, 0.6), readyAt: 0 });
  }
  for (let i = 0; i < pickups; i++) {
    const windowStart = Math.floor((r() * (dayMinutes - 30)) / 15) * 15;
    const arrival = Math.max(0, windowStart + (r() - 0.3) * 15); // most come inside their window
    // One bag in ten is packed late (a missing item, a busy back office).
    const readyAt = r() < 0.1 ? arrival + r() * 10 : windowStart - leadMinutes * r();
    out.push({ kind: 'pickup', arrival, service: lognormal(r, 1, 0.4), readyAt });
  }
  return out.sort((a, b) => a.arrival - b.arrival);
}

/** Dalpak: tickets ranked by the product's policy; counter 5 is the pickup counter. */
function simulateDalpak(ps: Person[], generalCounters: number, pickupCounterServesWalkins: boolean): void {
  const counters: (Counter & { busyUntil: number })[] = [
    ...Array.from({ length: generalCounters }, (_, i) => ({ id: `c${i + 1}`, number: i + 1, serviceIds: ['general'], pickup: false, status: 'open' as const, busyUntil: 0 })),
    { id: 'pickup', number: generalCounters + 1, serviceIds: pickupCounterServesWalkins ? ['pickup', 'general'] : ['pickup'], pickup: true, status: 'open' as const, busyUntil: 0 },
  ];
  const tickets = new Map<Ticket, Person>();
  let next = 0;
  const step = 0.05;
  for (let now = 0; next < ps.length || [...tickets.keys()].some((t) => t.status === 'waiting'); now += step) {
    while (next < ps.length && ps[next]!.arrival <= now) {
      const p = ps[next++]!;
      tickets.set(
        { id: `T${next}`, branchId: 'b', day: 'd', serviceId: p.kind === 'pickup' ? 'pickup' : 'general', number: '', seq: next, status: 'waiting', channel: p.kind === 'pickup' ? 'pickup' : 'kiosk', language: 'he', priority: 0, needs: [], joinedAt: p.arrival * minute, recalls: 0, requeued: false, customerState: 'arrived', version: 1, orderReady: p.kind === 'pickup' && p.readyAt <= p.arrival },
        p,
      );
    }
    for (const [t, p] of tickets) if (t.status === 'waiting' && p.kind === 'pickup' && !t.orderReady && p.readyAt <= now) t.orderReady = true;
    for (const c of counters) {
      if (c.busyUntil > now) continue;
      const waiting = [...tickets.keys()].filter((t) => t.status === 'waiting');
      const best = rankForCounter(waiting, c, { now: now * minute, policy: defaultPolicy, services })[0];
      if (!best) continue;
      const p = tickets.get(best)!;
      best.status = 'done';
      p.start = now;
      // Called before the bag is ready, the customer waits at the counter for it.
      p.end = Math.max(now, p.kind === 'pickup' ? p.readyAt : now) + p.service;
      c.busyUntil = p.end;
    }
  }
}

/** Baseline: no ordering ahead; a pickup customer buys at the counter (find, pay, pack). */
function simulateFifo(ps: Person[], counters: number, buyMinutes: (p: Person) => number): void {
  const free = Array<number>(counters).fill(0);
  for (const p of ps) {
    const i = free.indexOf(Math.min(...free));
    p.start = Math.max(p.arrival, free[i]!);
    p.end = p.start + (p.kind === 'pickup' ? buyMinutes(p) : p.service);
    free[i] = p.end;
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

function figures(ps: Person[]) {
  const by = (kind: Person['kind']) => ps.filter((p) => p.kind === kind);
  const waits = (xs: Person[]) => xs.map((p) => p.start! - p.arrival);
  const inBranch = (xs: Person[]) => xs.map((p) => p.end! - p.arrival);
  const walk = waits(by('walkin'));
  const pick = inBranch(by('pickup'));
  return {
    walkinMeanWait: r1(walk.reduce((s, x) => s + x, 0) / walk.length),
    walkinP90Wait: r1(quantile(walk, 0.9)),
    walkinMaxWait: r1(Math.max(...walk)),
    walkinShareOver5: r1((100 * walk.filter((x) => x > 5).length) / walk.length),
    pickupInBranchP50: r1(quantile(pick, 0.5)),
    pickupInBranchP90: r1(quantile(pick, 0.9)),
    pickupShareUnder2: r1((100 * pick.filter((x) => x <= 2).length) / pick.length),
  };
}

export function runPickupDay(seed = 7) {
  const setup = { seed, hours: 10, walkins: 0.75, pickups: 150, generalCounters: 4, pickupCounters: 1, leadMinutes: 30 };
  // The pickup counter either takes walk-ins when no bag is waiting (shared) or only pickups (dedicated).
  const shared = people(seed, setup.hours * 60, setup.walkins, setup.pickups, setup.leadMinutes);
  simulateDalpak(shared, setup.generalCounters, true);
  const dedicated = people(seed, setup.hours * 60, setup.walkins, setup.pickups, setup.leadMinutes);
  simulateDalpak(dedicated, setup.generalCounters, false);
  const baseline = people(seed, setup.hours * 60, setup.walkins, setup.pickups, setup.leadMinutes);
  const r = rng(seed + 1);
  simulateFifo(baseline, setup.generalCounters + setup.pickupCounters, () => lognormal(r, 6, 0.5));
  return { setup: { ...setup, customers: shared.length }, minutes: { dalpakSharedPickupCounter: figures(shared), dalpakDedicatedPickupCounter: figures(dedicated), fifoNoPreorder: figures(baseline) } };
}
