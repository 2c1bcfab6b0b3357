// Exact splitting of users and arrival rate across workers by largest remainder: every worker gets
// the floor of its share, and the units left over go to the largest fractional parts (ties to the
// earlier worker). 10 users on 3 workers is 4+3+3, never 3+3+3: nothing is lost to floor division.

/** Splits a non-negative integer `total` in proportion to `weights`; the parts always sum to `total`. */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const units = Math.max(0, Math.round(total));
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const w = sum > 0 ? weights.map((x) => Math.max(0, x)) : weights.map(() => 1);
  const weightSum = sum > 0 ? sum : n;
  const exact = w.map((x) => (units * x) / weightSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - Math.floor(x) }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k].i] += 1;
  return parts;
}

/** Arrival rates may be fractional: split in thousandths of an iteration per second, exactly. */
export function splitRate(rate: number, count: number): number[] {
  return splitLargestRemainder(Math.round(rate * 1000), new Array<number>(count).fill(1)).map(
    (m) => m / 1000,
  );
}

/** Splits `total` evenly over `count` workers. */
export function splitEvenly(total: number, count: number): number[] {
  return splitLargestRemainder(total, new Array<number>(count).fill(1));
}
