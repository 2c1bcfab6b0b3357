// One (name, method) entry, or the aggregated total, as merged by the master: exact counters, the
// whole-run histogram, and a sliding "current window" kept incrementally. Each report's encoded
// histogram is added once and kept (grouped by wall-clock second); when its second leaves the
// window it is parsed again and subtracted. So the window costs O(non-zero buckets) per report,
// not a re-merge of ten seconds of histograms every second.
import type { WireEntry } from '../../common/protocol/engine';
import type { EntryStats, PercentileKey, Percentiles } from '../../common/snapshot';
import { PERCENTILES } from '../../common/snapshot';
import { Histogram } from './histogram';

/** Length of the current window in seconds. */
export const WINDOW_SECONDS = 10;
/** Per-second counts kept before the percentile window: reports arrive up to a few seconds late. */
const KEEP_SECONDS_BEHIND = 5;

/**
 * Which seconds a rate may count: those before `untilMs` are complete (every live worker has
 * reported past them), and load began at `loadSinceMs` (epoch ms).
 */
export interface RateCoverage {
  untilMs: number;
  loadSinceMs: number;
}

/** Coverage when nothing better is known: whole seconds before now, load from the run's start. */
export function wholeSecondsBefore(nowMs: number, elapsedMs: number): RateCoverage {
  return { untilMs: Math.floor(nowMs / 1000) * 1000, loadSinceMs: nowMs - elapsedMs };
}

const PERCENTILE_KEYS = PERCENTILES.map((p) => `p${p}` as PercentileKey);

/** The histograms that arrived for one wall-clock second, with their exact extremes. */
interface SecondSlices {
  encoded: Uint8Array[];
  minMs: number;
  maxMs: number;
}

export class EntryAggregate {
  requests = 0;
  failures = 0;
  bytes = 0;
  readonly histogram = new Histogram();
  private readonly window = new Histogram();
  private readonly both: readonly Histogram[] = [this.histogram, this.window];
  private readonly onlyRun: readonly Histogram[] = [this.histogram];
  private readonly slices = new Map<number, SecondSlices>();
  /** Seconds before this one have left the window; a late slice for them is not added to it. */
  private windowStart = -Infinity;
  /** Requests and failures per epoch second, kept only for the recent seconds the window needs. */
  private readonly perSecond = new Map<number, [number, number]>();

  constructor(
    readonly name: string,
    readonly method: string,
  ) {}

  /**
   * Merges one interval: a report's entry as it came off the wire. Its histogram
   * (Histogram.encode()) has the exact min and max of the entry; `second` is the interval's last
   * wall-clock second (it keys the histogram in the window); per-second rows are flat
   * [epoch second, requests, failures] triples.
   */
  add(e: Readonly<WireEntry>, second: number): void {
    this.addCounts(e);
    const encoded = e[7];
    const inWindow = second >= this.windowStart;
    Histogram.addEncodedInto(encoded, inWindow ? this.both : this.onlyRun, 1);
    if (inWindow && e[1] > 0) {
      const s = this.slices.get(second);
      if (s) {
        s.encoded.push(encoded);
        s.minMs = Math.min(s.minMs, e[4]);
        s.maxMs = Math.max(s.maxMs, e[5]);
      } else this.slices.set(second, { encoded: [encoded], minMs: e[4], maxMs: e[5] });
    }
  }

  /**
   * Merges an interval's counters and per-second rows but not its histogram: the aggregated
   * total's histograms are the sum of its entries' (`view` with `parts`), built once per view
   * rather than parsing every report's histograms a second time (half the merge at 1,000 workers).
   */
  addCounts(e: Readonly<WireEntry>): void {
    const perSecond = e[8];
    this.requests += e[1];
    this.failures += e[2];
    this.bytes += e[6];
    for (let k = 0; k + 2 < perSecond.length; k += 3) {
      const sec = perSecond[k];
      if (sec < this.windowStart - KEEP_SECONDS_BEHIND) continue;
      const row = this.perSecond.get(sec);
      if (row) {
        row[0] += perSecond[k + 1];
        row[1] += perSecond[k + 2];
      } else this.perSecond.set(sec, [perSecond[k + 1], perSecond[k + 2]]);
    }
  }

  /**
   * The entry's stats at `nowMs` (epoch ms) for a run that has lasted `elapsedMs`. Current rps and
   * failures/s count the complete seconds of the last 10 (`coverage` says which seconds every
   * worker has reported in full), divided by the time those seconds actually held load: the first
   * second of a run counts only from when the load began, so the rate is right from the start.
   * Current percentiles cover the reports of the last 10 seconds, the current one included.
   */
  view(
    elapsedMs: number,
    nowMs: number,
    coverage: RateCoverage = wholeSecondsBefore(nowMs, elapsedMs),
    parts?: readonly EntryAggregate[],
  ): EntryStats {
    const nowSec = Math.floor(nowMs / 1000);
    this.evict(nowSec - WINDOW_SECONDS + 1);
    if (parts) this.sumHistograms(parts);
    const endSec = Math.floor(coverage.untilMs / 1000);
    const window = this.rate(
      Math.max(endSec - WINDOW_SECONDS, Math.floor(coverage.loadSinceMs / 1000)),
      endSec,
      coverage.loadSinceMs,
    );
    const h = this.histogram;
    const percentiles = keyed(h.percentiles(PERCENTILES));
    const current = keyed(this.window.percentiles(PERCENTILES));
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
      currentRps: window.rps,
      currentFailuresPerSec: window.failuresPerSec,
      percentiles,
      current,
    };
  }

  /**
   * Makes the whole-run and window histograms the sum of `parts`' (already viewed at the same
   * time, so their windows cover the same seconds): exact, as bucket counts add up. Costs the
   * parts' bucket ranges once per view, against every report's buckets when merged one by one.
   */
  private sumHistograms(parts: readonly EntryAggregate[]): void {
    this.histogram.reset();
    this.window.reset();
    for (const p of parts) {
      this.histogram.add(p.histogram);
      this.window.add(p.window);
    }
  }

  /** Requests and failures per second in the last complete second (the charts' per-second points). */
  lastSecond(coverage: RateCoverage): { rps: number; failuresPerSec: number } {
    const endSec = Math.floor(coverage.untilMs / 1000);
    return this.rate(endSec - 1, endSec, coverage.loadSinceMs);
  }

  /** Rates over the seconds [fromSec, endSec), counting time only from `loadSinceMs`. */
  private rate(
    fromSec: number,
    endSec: number,
    loadSinceMs: number,
  ): { rps: number; failuresPerSec: number } {
    const heldMs = endSec * 1000 - Math.max(fromSec * 1000, loadSinceMs);
    if (heldMs <= 0) return { rps: 0, failuresPerSec: 0 };
    let requests = 0;
    let failures = 0;
    for (const [sec, [r, f]] of this.perSecond) {
      if (sec >= fromSec && sec < endSec) {
        requests += r;
        failures += f;
      }
    }
    return { rps: (requests * 1000) / heldMs, failuresPerSec: (failures * 1000) / heldMs };
  }

  /** Subtracts the histograms of seconds before `start` (epoch second) and drops old per-second rows. */
  private evict(start: number): void {
    if (start <= this.windowStart) return;
    this.windowStart = start;
    const window = [this.window];
    let evicted = false;
    for (const [sec, s] of this.slices) {
      if (sec >= start) continue;
      for (const buf of s.encoded) Histogram.addEncodedInto(buf, window, -1);
      this.slices.delete(sec);
      evicted = true;
    }
    if (this.slices.size === 0) this.window.reset();
    else if (evicted) {
      let min = Infinity;
      let max = -Infinity;
      for (const s of this.slices.values()) {
        min = Math.min(min, s.minMs);
        max = Math.max(max, s.maxMs);
      }
      this.window.setExtremes(min, max);
    }
    // Rates may look up to a few seconds behind the window (workers report once a second).
    for (const sec of this.perSecond.keys())
      if (sec < start - KEEP_SECONDS_BEHIND) this.perSecond.delete(sec);
  }
}

function keyed(values: readonly number[]): Percentiles {
  const out = {} as Percentiles;
  PERCENTILE_KEYS.forEach((k, i) => (out[k] = values[i]));
  return out;
}
