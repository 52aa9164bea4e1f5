import { describe, expect, it } from 'vitest';
import { exponential, rng } from '../../bench/lib/random';
import { simulate, type SimCustomer } from '../../bench/lib/simulator';
import { erlangCWait, mean } from '../../bench/lib/stats';

// The benchmarks' simulator (bench/lib/simulator.ts, driving the product's queue policy)
// against queueing theory: Poisson arrivals, exponential service, first come first served.
// Not a timed test: a fixed seed, enough customers for the mean to settle.
function poissonDay(seed: number, customers: number, lambda: number, meanService: number): SimCustomer[] {
  const r = rng(seed);
  const out: SimCustomer[] = [];
  for (let i = 0, t = 0; i < customers; i++) {
    t += exponential(r, 1 / lambda);
    out.push({ cls: 'walkin', serviceId: 'general', channel: 'kiosk', joinAt: t, serviceMinutes: exponential(r, meanService) });
  }
  return out;
}

const meanWait = (customers: SimCustomer[], counters: number) => {
  const served = simulate(customers, {
    services: [{ id: 'general', kind: 'walkin', expectedMinutes: 1 }],
    counters: Array.from({ length: counters }, (_, i) => ({ id: `c${i + 1}`, number: i + 1, serviceIds: ['general'], pickup: false })),
    ranking: 'dalpak',
  });
  expect(served.every((o) => o.startAt >= o.arriveAt && o.endAt > o.startAt)).toBe(true);
  return mean(served.map((o) => o.startAt - o.arriveAt));
};

// Each case simulates 80,000 customers: a few seconds, so no 5 s default timeout (nothing here is timed).
const roomy = { timeout: 60_000 };

describe('branch simulator', () => {
  it('matches M/M/1: mean wait in queue ρ/(μ − λ) within 10 %', roomy, () => {
    const lambda = 0.6; // per minute
    const mu = 1; // services per minute
    const expected = lambda / mu / (mu - lambda); // 1.5 minutes
    const measured = meanWait(poissonDay(1, 80_000, lambda, 1 / mu), 1);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.1);
  });

  it('matches M/M/3 (Erlang C) within 10 %', roomy, () => {
    const expected = erlangCWait(2.1, 1, 3); // λ = 2.1/min, mean service 1 min, 3 counters: ρ = 0.7
    expect(expected).toBeCloseTo(0.547, 3);
    const measured = meanWait(poissonDay(3, 80_000, 2.1, 1), 3);
    expect(Math.abs(measured - expected) / expected).toBeLessThan(0.1);
  });

  it('computes Erlang C as the textbook does', () => {
    expect(erlangCWait(2, 1, 3)).toBeCloseTo(4 / 9, 6); // a = 2 Erlangs on 3 servers: P(wait) = 4/9, cμ − λ = 1
    expect(erlangCWait(0.5, 1, 1)).toBeCloseTo(1, 6); // M/M/1: ρ/(μ − λ)
    expect(erlangCWait(3, 1, 3)).toBe(Infinity);
  });
});
