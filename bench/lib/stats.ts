// Small statistics shared by the benchmarks.
export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);

/** Nearest-rank quantile (q in 0..1) of a sample. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Erlang C: the mean wait in queue of an M/M/c system (Poisson arrivals at `lambda` per
 * minute, exponential service of mean `meanService` minutes, `c` servers). Infinity when
 * the load is at or above capacity.
 */
export function erlangCWait(lambda: number, meanService: number, c: number): number {
  const a = lambda * meanService; // offered load in Erlangs
  if (a >= c) return Infinity;
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const tail = (term * c) / (c - a); // a^c / c! · c / (c − a)
  const pWait = tail / (sum + tail);
  return pWait / (c / meanService - lambda);
}
