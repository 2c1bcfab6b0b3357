// Choosing by weight. Tasks are picked at random per iteration (so users do not march in step);
// user kinds follow a deterministic smooth weighted round-robin over a global user index, so the
// mix is exact across workers and stays exact as users are added and removed.

/** Random choice by weight; items with weight <= 0 are never chosen (unless all are). */
export class RandomPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += Math.max(0, weight(item));
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(): T {
    const items = this.items;
    if (items.length === 1 || this.total <= 0) return items[0];
    const r = Math.random() * this.total;
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (r < c[i]) return items[i];
    return items[items.length - 1];
  }
}

/**
 * The n-th element of the smooth weighted round-robin sequence (nginx's algorithm): over any
 * window of sum(weights) consecutive indices each item appears in proportion to its weight, and
 * the items are spread out rather than bunched.
 */
export class RoundRobinSequence {
  private readonly sequence: number[] = [];
  private readonly current: number[];
  private readonly total: number;
  /** The sequence repeats with this period (sum of integer weights), so memory stays bounded. */
  private readonly period: number;

  constructor(private readonly weights: readonly number[]) {
    this.current = weights.map(() => 0);
    this.total = weights.reduce((a, w) => a + Math.max(0, w), 0);
    const integral = weights.every((w) => Number.isInteger(w));
    this.period = integral && this.total <= 1_000_000 ? this.total : 100_000;
  }

  at(index: number): number {
    if (this.weights.length <= 1 || this.total <= 0) return 0;
    const n = index % this.period;
    while (this.sequence.length <= n) this.sequence.push(this.next());
    return this.sequence[n];
  }

  private next(): number {
    let best = 0;
    for (let i = 0; i < this.weights.length; i++) {
      this.current[i] += Math.max(0, this.weights[i]);
      if (this.current[i] > this.current[best]) best = i;
    }
    this.current[best] -= this.total;
    return best;
  }
}

/**
 * Users of each kind among `users` users of one worker at `segment`: the worker's l-th user has
 * the global index l * count + index, and global index n is of kind `sequence.at(n)`. Over the
 * live workers (users split by largest remainder) the global indices are exactly 0..total-1, so
 * the run's mix is within one user of the weights however many workers there are.
 */
export function kindCounts(
  sequence: RoundRobinSequence,
  kindCount: number,
  users: number,
  segment: { index: number; count: number },
): number[] {
  const counts = new Array<number>(kindCount).fill(0);
  if (kindCount === 0) return counts;
  for (let l = 0; l < users; l++) counts[sequence.at(l * segment.count + segment.index)]++;
  return counts;
}
