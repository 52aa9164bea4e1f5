// How wrong is the wait we show? A generated day of walk-ins (seeded) on the one simulator
// (bench/lib/simulator.ts: the product's policy and estimator on a virtual clock), with service
// getting slower after lunch while the configuration still says 6 minutes. At each join we
// keep what the product's estimator showed and what a naive "position × configured mean /
// counters" would say, and compare both with the wait that followed.
import { exponential, lognormal, rng } from './lib/random';
import { simulate, type SimCustomer } from './lib/simulator';
import { mean, round } from './lib/stats';

export interface EstimateErrorResult {
  customers: number;
  counters: number;
  meanWaitMinutes: number;
  maeEstimatorMinutes: number;
  maeNaiveMinutes: number;
  rangeCoverage: number; // share of real waits inside the shown range (±½ minute of rounding)
}

export function runEstimateError(seed = 42): EstimateErrorResult {
  const r = rng(seed);
  const counters = 3;
  const configuredMinutes = 6;
  const dayMinutes = 600;
  // A new form, a system outage…: service slows after lunch and the estimator must follow.
  const serviceMean = (t: number) => (t < 300 ? 5 : 8);
  const arrivalsPerMinute = (t: number) => (t < 300 ? 0.5 : 0.33);
  const people: SimCustomer[] = [];
  for (let t = exponential(r, 2); t < dayMinutes; t += exponential(r, 1 / arrivalsPerMinute(t))) {
    people.push({ cls: 'walkin', serviceId: 'general', channel: 'kiosk', joinAt: t, serviceMinutes: lognormal(r, serviceMean(t), 0.5) });
  }
  const served = simulate(people, {
    services: [{ id: 'general', kind: 'walkin', expectedMinutes: configuredMinutes }],
    counters: Array.from({ length: counters }, (_, i) => ({ id: `c${i + 1}`, number: i + 1, serviceIds: ['general'], pickup: false })),
    ranking: 'dalpak',
  });
  const actual = served.map((o) => o.firstCallAt - o.joinAt);
  const shown = served.map((o) => o.shown!);
  return {
    customers: served.length,
    counters,
    meanWaitMinutes: round(mean(actual), 2),
    maeEstimatorMinutes: round(mean(shown.map((s, i) => Math.abs((s.low + s.high) / 2 - actual[i]!))), 2),
    maeNaiveMinutes: round(mean(shown.map((s, i) => Math.abs(s.naive - actual[i]!))), 2),
    rangeCoverage: round(shown.filter((s, i) => actual[i]! >= s.low - 0.5 && actual[i]! <= s.high + 0.5).length / served.length, 2),
  };
}
