// Percentiles for hand-made snapshots in tests: Locust's whole set from the three a test cares
// about (p50, p95, p99), the others placed in order between them so the set is monotonic.
import type { Percentiles } from '../../common/snapshot';

export function fillPercentiles(p50: number, p95: number, p99: number): Percentiles {
  const between = (a: number, b: number, f: number): number => a + (b - a) * f;
  return {
    p50,
    p66: between(p50, p95, 0.35),
    p75: between(p50, p95, 0.55),
    p80: between(p50, p95, 0.65),
    p90: between(p50, p95, 0.85),
    p95,
    p98: between(p95, p99, 0.75),
    p99,
    'p99.9': p99,
    'p99.99': p99,
    p100: p99,
  };
}
