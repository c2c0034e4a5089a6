/** Seeded randomness for the differential tests: the same input on every run. */

export type Rng = () => number;

/** mulberry32: small, seeded, good enough to spread shapes. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/**
 * A suite's fixed seed, or another one to explore with: HEADSUP_TEST_SEED=N mixes N into every suite's
 * seed (CI leaves it unset, so its input never changes). A failure names the seed that found it.
 */
export function suiteSeed(fixed: number): number {
  const extra = process.env.HEADSUP_TEST_SEED;
  if (!extra) return fixed;
  const n = Number(extra);
  if (!Number.isInteger(n)) throw new Error(`HEADSUP_TEST_SEED must be an integer, not '${extra}'`);
  return (fixed ^ Math.imul(n, 0x9e3779b1)) >>> 0;
}

/** A suite's case count, times HEADSUP_TEST_SCALE (default 1) for a longer exploration. */
export function suiteCount(count: number): number {
  const scale = Number(process.env.HEADSUP_TEST_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.round(count * scale)) : count;
}
