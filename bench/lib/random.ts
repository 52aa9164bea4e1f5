// Seeded randomness so every benchmark run is reproducible.
export function rng(seed: number): () => number {
  // mulberry32: tiny, fast, good enough for simulation (not for secrets).
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const exponential = (r: () => number, mean: number) => -Math.log(1 - r()) * mean;

/** Log-normal with a given mean and coefficient of variation: service times are skewed. */
export function lognormal(r: () => number, mean: number, cv: number): number {
  const sigma2 = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - sigma2 / 2;
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}

/** A configurable service-time distribution (minutes). */
export interface Dist {
  shape: 'lognormal' | 'exponential' | 'fixed';
  mean: number;
  cv?: number; // lognormal only
}

export function draw(r: () => number, d: Dist): number {
  if (d.shape === 'fixed') return d.mean;
  if (d.shape === 'exponential') return exponential(r, d.mean);
  return lognormal(r, d.mean, d.cv ?? 0.5);
}

export const uniform = (r: () => number, lo: number, hi: number) => lo + r() * (hi - lo);

/** A time in [0, bins × binMinutes) drawn from a piecewise-constant intensity (e.g. per hour). */
export function fromProfile(r: () => number, weights: readonly number[], binMinutes: number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = r() * total;
  for (let i = 0; i < weights.length; i++) {
    if (u < weights[i]!) return (i + u / weights[i]!) * binMinutes;
    u -= weights[i]!;
  }
  return weights.length * binMinutes - 1e-9;
}
