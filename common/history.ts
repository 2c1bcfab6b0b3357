// Chart history of a run with a stated resolution, so a long run stays bounded in memory and its
// recent past stays sharp: every point of the last hour (1 s apart at the engine's 1 Hz), one
// point per 10 s from one hour to one day back, one per minute before that. A 25-day soak keeps
// about 3,600 + 8,280 + 34,560 points instead of 2.2 million. Thinning keeps the last point of
// each interval (a sample, as every point is: rates and percentiles of that moment), never drops
// the first point of the run, and keeps time order. Used by the master (RunResult.history, the
// result files) and by the extension (the panel's charts), so both say the same.
import type { HistoryPoint } from './snapshot';

/** Age (ms before the newest point) up to which each resolution (ms between points) holds. */
export const HISTORY_RESOLUTION: ReadonlyArray<{ untilAgeMs: number; stepMs: number }> = [
  { untilAgeMs: 3_600_000, stepMs: 1_000 },
  { untilAgeMs: 86_400_000, stepMs: 10_000 },
  { untilAgeMs: Infinity, stepMs: 60_000 },
];

/** Thin only every so many points: thinning walks the whole history. */
const THIN_EVERY = 60;

export class BoundedHistory {
  private readonly points: HistoryPoint[] = [];
  private sinceThinned = 0;

  /** Adds a point; one whose time is not after the last replaces the last (a repeated last second). */
  add(point: HistoryPoint): void {
    const last = this.points[this.points.length - 1];
    if (last !== undefined && point.t <= last.t) {
      this.points[this.points.length - 1] = point;
      return;
    }
    this.points.push(point);
    if (++this.sinceThinned >= THIN_EVERY) this.thin();
  }

  /** A copy, in time order. */
  toArray(): HistoryPoint[] {
    return this.points.slice();
  }

  get size(): number {
    return this.points.length;
  }

  private thin(): void {
    this.sinceThinned = 0;
    const newest = this.points[this.points.length - 1]?.t ?? 0;
    const stepFor = (t: number): number =>
      HISTORY_RESOLUTION.find((r) => newest - t <= r.untilAgeMs)?.stepMs ?? 60_000;
    const kept: HistoryPoint[] = [];
    for (let i = 0; i < this.points.length; i++) {
      const p = this.points[i];
      const next = this.points[i + 1];
      const step = stepFor(p.t);
      // Keep the first point, and the last point of each interval at this point's resolution.
      if (
        i === 0 ||
        next === undefined ||
        step <= 1_000 ||
        Math.floor(next.t / step) !== Math.floor(p.t / step)
      )
        kept.push(p);
    }
    this.points.splice(0, this.points.length, ...kept);
  }
}
