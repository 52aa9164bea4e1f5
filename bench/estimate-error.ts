// How wrong is the wait we show? A generated branch day (seeded): walk-ins arrive at
// random, counters serve them first come first served, and service times drift during
// the day. At each arrival we record what the product's estimator (functions/domain,
// the same code the API runs) and a naive "position × configured mean / counters" said,
// and compare with the wait that really followed.
import { estimateWait, naiveEstimateMinutes, updateServiceStats, type ServiceStats } from '../functions/domain/queue/estimate';
import { exponential, lognormal, rng } from './lib/random';

export interface EstimateErrorResult {
  customers: number;
  counters: number;
  meanWaitMinutes: number;
  maeEstimatorMinutes: number;
  maeNaiveMinutes: number;
  rangeCoverage: number; // share of real waits inside the shown range
}

export function runEstimateError(seed = 42): EstimateErrorResult {
  const r = rng(seed);
  const counters = 3;
  const configuredMinutes = 6;
  const dayMinutes = 600;
  // Service gets slower after lunch (a new form, a system outage…): the estimator must follow.
  const serviceMean = (t: number) => (t < 300 ? 5 : 8);
  const arrivalsPerMinute = (t: number) => (t < 300 ? 0.5 : 0.33);

  const free: number[] = Array(counters).fill(0); // when each counter is next free
  let stats: ServiceStats | undefined;
  const completions: { at: number; duration: number }[] = [];
  const errors: { est: number; naive: number; inRange: boolean; actual: number }[] = [];

  let t = 0;
  const arrivals: number[] = [];
  while ((t += exponential(r, 1 / arrivalsPerMinute(t))) < dayMinutes) arrivals.push(t);

  // FIFO with c counters: the start of each customer is the earliest free counter.
  const starts: number[] = [];
  for (const a of arrivals) {
    const i = free.indexOf(Math.min(...free));
    const start = Math.max(a, free[i]!);
    const duration = lognormal(r, serviceMean(start), 0.5);
    free[i] = start + duration;
    starts.push(start);
    completions.push({ at: start + duration, duration });
  }
  completions.sort((x, y) => x.at - y.at);

  let folded = 0;
  arrivals.forEach((a, k) => {
    // The estimator only knows services completed before this arrival.
    while (folded < completions.length && completions[folded]!.at <= a) {
      stats = updateServiceStats(stats, completions[folded]!.duration * 60_000, configuredMinutes);
      folded++;
    }
    const ahead = starts.slice(0, k).filter((s) => s > a).length;
    const e = estimateWait({ ahead, openCounters: counters, stats, expectedMinutes: configuredMinutes });
    const actual = starts[k]! - a;
    const mid = (e.lowMinutes + e.highMinutes) / 2;
    errors.push({ est: Math.abs(mid - actual), naive: Math.abs(naiveEstimateMinutes(ahead, configuredMinutes, counters) - actual), inRange: actual >= e.lowMinutes - 0.5 && actual <= e.highMinutes + 0.5, actual });
  });
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);
  return {
    customers: arrivals.length,
    counters,
    meanWaitMinutes: round(mean(errors.map((e) => e.actual))),
    maeEstimatorMinutes: round(mean(errors.map((e) => e.est))),
    maeNaiveMinutes: round(mean(errors.map((e) => e.naive))),
    rangeCoverage: round(errors.filter((e) => e.inRange).length / Math.max(errors.length, 1)),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
