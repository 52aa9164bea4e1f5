// The reason Dalpak exists, in figures: a busy branch day (walk-ins, remote joiners, booked
// appointments and click-and-collect pickups) played on a virtual clock by the one simulator
// (bench/lib/simulator.ts), which runs the product's own call-next policy, ticket transitions
// and wait estimator. Baseline: the same people and staff, one first-come-first-served line,
// nobody joins from home, nothing is booked or ordered ahead (a pickup customer buys at a
// counter). Seeded: the same figures every run.
import type { Counter, Service } from '../functions/domain/queue/types';
import { draw, fromProfile, rng, uniform, type Dist } from './lib/random';
import { simulate, type CustomerClass, type SimCustomer, type SimOutcome } from './lib/simulator';
import { erlangCWait, mean, quantile, round } from './lib/stats';

export interface BranchDayConfig {
  seed: number;
  hours: number;
  customers: Record<CustomerClass, number>;
  generalCounters: number;
  /** The pickup counter also calls walk-ins when no pickup is waiting. */
  pickupCounterServesWalkins: boolean;
  service: { general: Dist; appointment: Dist; handover: Dist; buyAtCounter: Dist };
  /** What the branch configured for general service (seeds the estimator; reality differs). */
  configuredGeneralMinutes: number;
  travelMinutes: [number, number];
  leadMinutes: number;
  /** Relative arrival rate of walk-ins and remote joiners per hour of the day. */
  hourlyProfile: number[];
}

export const defaultBranchDay: BranchDayConfig = {
  seed: 7,
  hours: 10,
  customers: { walkin: 300, remote: 120, appointment: 60, pickup: 120 }, // 600
  generalCounters: 4,
  pickupCounterServesWalkins: true,
  service: {
    general: { shape: 'lognormal', mean: 4, cv: 0.7 },
    appointment: { shape: 'lognormal', mean: 8, cv: 0.5 },
    handover: { shape: 'lognormal', mean: 1, cv: 0.4 }, // the bag is packed: check the code, hand it over
    buyAtCounter: { shape: 'lognormal', mean: 5, cv: 0.5 }, // no ordering ahead: find, pay, pack
  },
  configuredGeneralMinutes: 5,
  travelMinutes: [5, 15], // remote joiners wait nearby: home, office, a café
  leadMinutes: 30,
  // 08:00–18:00 with a lunch rush and an after-work bump.
  hourlyProfile: [0.7, 0.9, 1, 1.2, 1.5, 1.4, 1, 0.8, 1, 1.1],
};

/** The day's people, drawn once per seed: both systems serve exactly the same ones. */
function people(cfg: BranchDayConfig): (SimCustomer & { buyMinutes: number })[] {
  const r = rng(cfg.seed);
  const day = cfg.hours * 60;
  const out: (SimCustomer & { buyMinutes: number })[] = [];
  const n = cfg.customers;
  for (let i = 0; i < n.walkin; i++) out.push({ cls: 'walkin', serviceId: 'general', channel: 'kiosk', joinAt: fromProfile(r, cfg.hourlyProfile, 60), serviceMinutes: draw(r, cfg.service.general), buyMinutes: 0 });
  for (let i = 0; i < n.remote; i++) {
    out.push({ cls: 'remote', serviceId: 'general', channel: 'mobile', joinAt: Math.min(fromProfile(r, cfg.hourlyProfile, 60), day - 30), travelMinutes: uniform(r, ...cfg.travelMinutes), serviceMinutes: draw(r, cfg.service.general), buyMinutes: 0 });
  }
  for (let i = 0; i < n.appointment; i++) {
    const slot = Math.floor(uniform(r, 0, day - 30) / 15) * 15;
    out.push({ cls: 'appointment', serviceId: 'appointments', channel: 'booking', appointmentAt: slot, joinAt: Math.max(0, slot + uniform(r, -10, 5)), serviceMinutes: draw(r, cfg.service.appointment), buyMinutes: 0 });
  }
  for (let i = 0; i < n.pickup; i++) {
    const window = Math.floor(uniform(r, cfg.leadMinutes, day - 30) / 15) * 15;
    const joinAt = Math.max(0, window + uniform(r, -4, 11)); // most come inside their window
    // One bag in ten is packed late (a missing item, a busy back office).
    const readyAt = r() < 0.1 ? joinAt + uniform(r, 0, 10) : window - uniform(r, 0, cfg.leadMinutes);
    out.push({ cls: 'pickup', serviceId: 'pickup', channel: 'pickup', joinAt, readyAt, serviceMinutes: draw(r, cfg.service.handover), buyMinutes: draw(r, cfg.service.buyAtCounter) });
  }
  return out;
}

const services = (cfg: BranchDayConfig): Pick<Service, 'id' | 'kind' | 'expectedMinutes'>[] => [
  { id: 'general', kind: 'walkin', expectedMinutes: cfg.configuredGeneralMinutes },
  { id: 'appointments', kind: 'appointment', expectedMinutes: cfg.service.appointment.mean },
  { id: 'pickup', kind: 'pickup', expectedMinutes: 2 },
];

function dalpak(cfg: BranchDayConfig, ps: SimCustomer[]): SimOutcome[] {
  const counters: Pick<Counter, 'id' | 'number' | 'serviceIds' | 'pickup'>[] = [
    ...Array.from({ length: cfg.generalCounters }, (_, i) => ({ id: `c${i + 1}`, number: i + 1, serviceIds: ['general', 'appointments'], pickup: false })),
    { id: 'p', number: cfg.generalCounters + 1, serviceIds: cfg.pickupCounterServesWalkins ? ['pickup', 'general'] : ['pickup'], pickup: true },
  ];
  return simulate(ps, { services: services(cfg), counters, ranking: 'dalpak' });
}

function fifo(cfg: BranchDayConfig, ps: (SimCustomer & { buyMinutes: number })[]): SimOutcome[] {
  const line = ps.map((p): SimCustomer => ({
    cls: p.cls,
    serviceId: 'general',
    channel: 'kiosk',
    // Without the app, a remote joiner walks in once the journey is done; a pickup buys at the counter.
    joinAt: p.cls === 'remote' ? p.joinAt + p.travelMinutes! : p.joinAt,
    serviceMinutes: p.cls === 'pickup' ? p.buyMinutes : p.serviceMinutes,
  }));
  const counters = Array.from({ length: cfg.generalCounters + 1 }, (_, i) => ({ id: `c${i + 1}`, number: i + 1, serviceIds: ['general'], pickup: false }));
  return simulate(line, { services: services(cfg), counters, ranking: 'fifo' });
}

function figures(os: SimOutcome[]) {
  const wait = (o: SimOutcome) => o.startAt - o.arriveAt;
  const of = (xs: SimOutcome[]) => {
    const w = xs.map(wait);
    return { n: xs.length, meanWait: round(mean(w)), p90Wait: round(quantile(w, 0.9)), maxWait: round(Math.max(...w)), over5MinPct: round((100 * w.filter((x) => x > 5).length) / w.length) };
  };
  const byClass = Object.fromEntries((['walkin', 'remote', 'appointment', 'pickup', 'all'] as const).map((c) => [c, of(c === 'all' ? os : os.filter((o) => o.cls === c))]));
  const pickups = os.filter((o) => o.cls === 'pickup').map((o) => o.endAt - o.arriveAt);
  const remote = os.filter((o) => o.cls === 'remote' && o.shown);
  const actual = (o: SimOutcome) => o.firstCallAt - o.joinAt; // until their turn came
  const err = (f: (o: SimOutcome) => number) => round(mean(remote.map((o) => Math.abs(f(o) - actual(o)))), 2);
  const bias = (f: (o: SimOutcome) => number) => round(mean(remote.map((o) => f(o) - actual(o))), 2);
  return {
    inBranchWaitMinutes: byClass,
    pickupInBranchMinutes: { p50: round(quantile(pickups, 0.5)), p90: round(quantile(pickups, 0.9)) },
    remoteEstimate: remote.length
      ? {
          tickets: remote.length,
          maeOursMinutes: err((o) => (o.shown!.low + o.shown!.high) / 2),
          maeNaiveMinutes: err((o) => o.shown!.naive),
          biasOursMinutes: bias((o) => (o.shown!.low + o.shown!.high) / 2), // < 0: said too little
          biasNaiveMinutes: bias((o) => o.shown!.naive),
          meanActualMinutes: round(mean(remote.map(actual)), 1),
          insideRangePct: round((100 * remote.filter((o) => actual(o) >= o.shown!.low && actual(o) <= o.shown!.high).length) / remote.length),
          // Called twice while still on the way (the no-show grace ran out): a new ticket on arrival.
          missedTurns: remote.filter((o) => o.missedTurn).length,
        }
      : undefined,
  };
}

/** Erlang C for the day's load: Poisson arrivals, exponential service of the same mean, the same counters. */
function erlangC(cfg: BranchDayConfig, os: SimOutcome[]) {
  const lambda = os.length / (cfg.hours * 60);
  const work = mean(os.map((o) => o.serviceMinutes));
  const c = cfg.generalCounters + 1;
  return { lambdaPerMinute: round(lambda, 2), meanServiceMinutes: round(work, 2), counters: c, utilisationPct: round((100 * lambda * work) / c), meanWaitMinutes: round(erlangCWait(lambda, work, c), 2) };
}

export function runBranchDay(cfg: BranchDayConfig = defaultBranchDay) {
  const ps = people(cfg);
  const shared = dalpak({ ...cfg, pickupCounterServesWalkins: true }, ps);
  const dedicated = dalpak({ ...cfg, pickupCounterServesWalkins: false }, ps);
  const baseline = fifo(cfg, ps);
  return {
    setup: { seed: cfg.seed, hours: cfg.hours, customers: cfg.customers, counters: `${cfg.generalCounters} general + 1 pickup`, service: cfg.service, configuredGeneralMinutes: cfg.configuredGeneralMinutes },
    dalpak: { ...figures(shared), erlangC: erlangC(cfg, shared) },
    dalpakDedicatedPickupCounter: figures(dedicated),
    fifoNoPreorder: { ...figures(baseline), erlangC: erlangC(cfg, baseline) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(runBranchDay(), null, 2));
