// Deterministic sample generators for the stats tests (a seeded PRNG, so failures reproduce).
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export const distributions: Record<string, (r: () => number) => number> = {
  'uniform 1..1000 ms': (r) => 1 + r() * 999,
  'lognormal around 20 ms': (r) => Math.exp(Math.log(20) + 0.8 * normal(r)),
  'bimodal 2 ms / 400 ms': (r) => (r() < 0.7 ? 2 + r() * 0.5 : 400 + r() * 100),
  'sub-millisecond 0.05..0.9 ms': (r) => 0.05 + r() * 0.85,
  'wide 0.1 ms .. 10 min': (r) => 0.1 * Math.pow(6e6, r()),
};

export function samples(name: string, n: number, seed = 42): number[] {
  const gen = distributions[name];
  const r = rng(seed);
  return Array.from({ length: n }, () => gen(r));
}

/** The exact percentile of sorted values, with the histogram's rank rule. */
export function exactPercentile(sorted: number[], p: number): number {
  if (p <= 0) return sorted[0];
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}
