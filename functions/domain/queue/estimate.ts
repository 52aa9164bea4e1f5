// Honest waits: service times measured per branch and service (exponentially weighted,
// seeded from the configured duration), turned into a range rather than a promise.

export interface ServiceStats {
  meanMs: number;
  varMs2: number;
  samples: number;
}

/** Below this many measurements the estimate leans on the configured duration: say so. */
export const thinBelowSamples = 5;
const minute = 60_000;
// A forgotten "complete" must not poison the average: clamp what one service can weigh.
const minServiceMs = 10_000;
const maxServiceMs = 4 * 60 * minute;

export function seedStats(expectedMinutes: number): ServiceStats {
  const meanMs = expectedMinutes * minute;
  return { meanMs, varMs2: (meanMs / 2) ** 2, samples: 0 };
}

/** Fold one measured duration into the running mean and variance (EWMA, West's form). */
export function updateServiceStats(prev: ServiceStats | undefined, durationMs: number, expectedMinutes: number, alpha = 0.2): ServiceStats {
  const s = prev ?? seedStats(expectedMinutes);
  const x = Math.min(maxServiceMs, Math.max(minServiceMs, durationMs));
  const diff = x - s.meanMs;
  const step = alpha * diff;
  return { meanMs: s.meanMs + step, varMs2: (1 - alpha) * (s.varMs2 + diff * step), samples: s.samples + 1 };
}

export interface WaitEstimate {
  lowMinutes: number;
  highMinutes: number;
  thin: boolean; // few measurements yet: the range leans on the configured duration
  noCounterOpen: boolean; // nobody serves this service right now: the range assumes one counter opens
}

export interface EstimateInput {
  ahead: number;
  openCounters: number;
  stats: ServiceStats | undefined;
  expectedMinutes: number;
}

export function estimateWait({ ahead, openCounters, stats, expectedMinutes }: EstimateInput): WaitEstimate {
  const s = stats ?? seedStats(expectedMinutes);
  const thin = s.samples < thinBelowSamples;
  const counters = Math.max(1, openCounters);
  // Your turn comes after those ahead, spread over the counters, plus part of a service in progress.
  const centre = ((ahead + 0.5) * s.meanMs) / counters;
  const sd = Math.sqrt(Math.max(0, s.varMs2));
  const spread = (Math.sqrt(ahead + 1) * sd) / counters * (thin ? 1.3 : 1);
  const low = Math.max(0, Math.floor((centre - spread) / minute));
  const high = Math.max(low + 1, Math.ceil((centre + spread) / minute));
  return { lowMinutes: low, highMinutes: high, thin, noCounterOpen: openCounters === 0 };
}

/** The usual "position × mean service time / counters", for comparison in the benchmarks. */
export function naiveEstimateMinutes(ahead: number, meanMinutes: number, counters: number): number {
  return (ahead * meanMinutes) / Math.max(1, counters);
}
