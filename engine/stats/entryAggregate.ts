// One (name, method) entry, or the aggregated total, as merged by the master: exact counters, the
// whole-run histogram, and a sliding "current window" kept incrementally. Each report's histogram
// is added as a sparse slice and subtracted again when it leaves the window, so the window costs
// O(non-zero buckets) per report instead of re-merging ten histograms every second.
import type { EntryStats, PercentileKey, Percentiles } from '../../common/snapshot';
import { PERCENTILES } from '../../common/snapshot';
import type { SparseHistogram } from './histogram';
import { Histogram } from './histogram';

/** Length of the current window in seconds. */
export const WINDOW_SECONDS = 10;

const PERCENTILE_KEYS = PERCENTILES.map((p) => `p${p}` as PercentileKey);
const CURRENT_PS = [50, 95, 99];

interface Slice {
  second: number;
  data: SparseHistogram;
}

export class EntryAggregate {
  requests = 0;
  failures = 0;
  bytes = 0;
  readonly histogram = new Histogram();
  private readonly window = new Histogram();
  private slices: Slice[] = [];
  /** Seconds before this one have left the window; a late slice for them is not added to it. */
  private windowStart = -Infinity;
  /** Requests and failures per epoch second, kept only for the recent seconds the window needs. */
  private readonly perSecond = new Map<number, [number, number]>();

  constructor(
    readonly name: string,
    readonly method: string,
  ) {}

  /**
   * Merges one interval. `second` is the interval's last wall-clock second (it keys the slice in
   * the window); `perSecond` rows are [epoch second, requests, failures].
   */
  add(requests: number, failures: number, bytes: number, data: SparseHistogram, second: number, perSecond: ReadonlyArray<readonly [number, number, number]>): void {
    this.requests += requests;
    this.failures += failures;
    this.bytes += bytes;
    this.histogram.addSparse(data);
    if (second >= this.windowStart && data.count > 0) {
      this.window.addSparse(data);
      this.slices.push({ second, data });
    }
    for (const [sec, r, f] of perSecond) {
      if (sec < this.windowStart - 1) continue;
      const row = this.perSecond.get(sec);
      if (row) {
        row[0] += r;
        row[1] += f;
      } else this.perSecond.set(sec, [r, f]);
    }
  }

  /**
   * The entry's stats at `nowMs` (epoch ms) for a run that has lasted `elapsedMs`.
   * Current rps and failures/s count the 10 whole seconds before the current one (the current
   * second is still arriving); current percentiles cover the reports of the last 10 seconds,
   * the current one included.
   */
  view(elapsedMs: number, nowMs: number): EntryStats {
    const nowSec = Math.floor(nowMs / 1000);
    this.evict(nowSec - WINDOW_SECONDS + 1);
    const runStartSec = Math.floor((nowMs - elapsedMs) / 1000);
    const from = Math.max(nowSec - WINDOW_SECONDS, runStartSec);
    let windowRequests = 0;
    let windowFailures = 0;
    for (const [sec, [r, f]] of this.perSecond) {
      if (sec >= from && sec < nowSec) {
        windowRequests += r;
        windowFailures += f;
      }
    }
    const seconds = Math.max(1, nowSec - from);
    const h = this.histogram;
    const values = h.percentiles(PERCENTILES);
    const percentiles = {} as Percentiles;
    PERCENTILE_KEYS.forEach((k, i) => (percentiles[k] = values[i]));
    const [p50, p95, p99] = this.window.percentiles(CURRENT_PS);
    return {
      name: this.name,
      method: this.method,
      requests: this.requests,
      failures: this.failures,
      minMs: h.min,
      maxMs: h.max,
      meanMs: h.mean,
      bytes: this.bytes,
      rps: elapsedMs > 0 ? this.requests / (elapsedMs / 1000) : 0,
      currentRps: windowRequests / seconds,
      currentFailuresPerSec: windowFailures / seconds,
      percentiles,
      current: { p50, p95, p99 },
    };
  }

  /** Drops slices and per-second rows older than `start` (epoch second). */
  private evict(start: number): void {
    if (start <= this.windowStart) return;
    this.windowStart = start;
    const keep: Slice[] = [];
    for (const s of this.slices) {
      if (s.second < start) this.window.addSparse(s.data, -1);
      else keep.push(s);
    }
    this.slices = keep;
    if (keep.length === 0) this.window.reset();
    else {
      let min = Infinity;
      let max = -Infinity;
      for (const s of keep) {
        if (s.data.minMs < min) min = s.data.minMs;
        if (s.data.maxMs > max) max = s.data.maxMs;
      }
      this.window.setExtremes(min, max);
    }
    for (const sec of this.perSecond.keys()) if (sec < start - 1) this.perSecond.delete(sec);
  }
}
