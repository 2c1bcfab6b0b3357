// Bounded chart history with its own downsampling. chart.js's decimation plugin stops showing new
// points when data is appended live (chart.js#11929), so the panel keeps at most `capacity` points
// itself: when full, neighbouring points are merged pairwise and later points are gathered into
// buckets twice as wide. The whole run stays on the x axis at uniform resolution, and the newest
// (partial) bucket is always shown so the live edge moves every second.
import type { HistoryPoint } from '../../common/snapshot';

/** What `HistoryBuffer` keeps across hide/show (via vscode.setState). Plain JSON. */
export interface HistoryBufferState {
  capacity: number;
  /** Raw points per completed bucket. */
  width: number;
  buckets: HistoryPoint[];
  pending: HistoryPoint[];
}

const DEFAULT_CAPACITY = 600;

function mean(ps: readonly HistoryPoint[], pick: (p: HistoryPoint) => number): number {
  let sum = 0;
  for (const p of ps) sum += pick(p);
  return sum / ps.length;
}
function max(ps: readonly HistoryPoint[], pick: (p: HistoryPoint) => number): number {
  let m = -Infinity;
  for (const p of ps) m = Math.max(m, pick(p));
  return m;
}
function optional(
  ps: readonly HistoryPoint[],
  pick: (p: HistoryPoint) => number | undefined,
  agg: typeof mean,
): number | undefined {
  const present = ps.filter((p) => pick(p) !== undefined);
  return present.length ? agg(present, (p) => pick(p)!) : undefined;
}

/**
 * Merges consecutive points into one for display. Rates are averaged (their sum over the bucket is
 * preserved); response times take the bucket's maximum so a latency spike never disappears when
 * zoomed out (the conservative reading of a load test); users and time take the bucket's last value.
 */
export function mergePoints(ps: readonly HistoryPoint[]): HistoryPoint {
  if (ps.length === 0) throw new Error('mergePoints: no points to merge');
  if (ps.length === 1) return ps[0];
  const last = ps[ps.length - 1];
  const merged: HistoryPoint = {
    t: last.t,
    rps: mean(ps, (p) => p.rps),
    failuresPerSec: mean(ps, (p) => p.failuresPerSec),
    p50: max(ps, (p) => p.p50),
    p95: max(ps, (p) => p.p95),
    p99: max(ps, (p) => p.p99),
    users: last.users,
  };
  const arrivalRate = optional(ps, (p) => p.arrivalRate, mean);
  if (arrivalRate !== undefined) merged.arrivalRate = arrivalRate;
  const dropped = optional(ps, (p) => p.dropped, max);
  if (dropped !== undefined) merged.dropped = dropped;
  const startedPerSec = optional(ps, (p) => p.startedPerSec, mean);
  if (startedPerSec !== undefined) merged.startedPerSec = startedPerSec;
  const droppedPerSec = optional(ps, (p) => p.droppedPerSec, mean);
  if (droppedPerSec !== undefined) merged.droppedPerSec = droppedPerSec;
  return merged;
}

export class HistoryBuffer {
  private readonly capacity: number;
  private width = 1;
  private buckets: HistoryPoint[] = [];
  private pending: HistoryPoint[] = [];

  /** `capacity` is the most points `points()` returns (rounded up to an even number, at least 4). */
  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = Math.max(4, Math.ceil(capacity / 2) * 2);
  }

  static restore(state: HistoryBufferState | undefined): HistoryBuffer {
    const b = new HistoryBuffer(state?.capacity);
    if (state && state.width >= 1 && Array.isArray(state.buckets) && Array.isArray(state.pending)) {
      b.width = state.width;
      b.buckets = state.buckets.slice();
      b.pending = state.pending.slice();
    }
    return b;
  }

  state(): HistoryBufferState {
    return {
      capacity: this.capacity,
      width: this.width,
      buckets: this.buckets.slice(),
      pending: this.pending.slice(),
    };
  }

  /** Elapsed ms of the newest point, or -Infinity when empty. */
  get lastT(): number {
    const last = this.pending[this.pending.length - 1] ?? this.buckets[this.buckets.length - 1];
    return last ? last.t : -Infinity;
  }

  /** Raw points per displayed point (1 until the first compaction). */
  get resolution(): number {
    return this.width;
  }

  clear(): void {
    this.width = 1;
    this.buckets = [];
    this.pending = [];
  }

  /**
   * Appends one point. A point not newer than the last one is ignored and false is returned: an
   * update that raced with a hydrate carrying the same point must not draw a loop back in time.
   */
  push(p: HistoryPoint): boolean {
    if (!(p.t > this.lastT)) return false;
    this.pending.push(p);
    if (this.pending.length >= this.width) {
      this.buckets.push(mergePoints(this.pending));
      this.pending = [];
      if (this.buckets.length >= this.capacity) this.compact();
    }
    return true;
  }

  pushAll(ps: readonly HistoryPoint[]): void {
    for (const p of ps) this.push(p);
  }

  /** The points to draw, oldest first; never more than `capacity`. */
  points(): HistoryPoint[] {
    return this.pending.length ? [...this.buckets, mergePoints(this.pending)] : this.buckets.slice();
  }

  private compact(): void {
    const next: HistoryPoint[] = [];
    for (let i = 0; i + 1 < this.buckets.length; i += 2)
      next.push(mergePoints([this.buckets[i], this.buckets[i + 1]]));
    this.buckets = next;
    this.width *= 2;
  }
}
