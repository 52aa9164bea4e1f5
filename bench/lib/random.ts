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
