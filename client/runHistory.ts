// The snapshot history of one run, as the extension keeps it for the results panel: the latest
// snapshot plus one chart point per snapshot. Pure (no vscode, no Node) so it is unit-tested.
import type { HistoryPoint, RunSnapshot } from '../common/snapshot';

/** About 12 hours at 1 Hz before the first halving; the webview downsamples further for drawing. */
export const DEFAULT_MAX_POINTS = 43_200;

export class RunHistory {
  private snapshot: RunSnapshot | null = null;
  private readonly points: HistoryPoint[] = [];

  constructor(private readonly maxPoints = DEFAULT_MAX_POINTS) {
    if (!Number.isInteger(maxPoints) || maxPoints < 2)
      throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
  }

  /**
   * Records one snapshot. A point whose time is not after the last one (the engine repeats the
   * last second when it stops) replaces the last point instead of adding a step backwards in time.
   * When the cap is reached, every second point is dropped, so a long run stays bounded in memory
   * and still spans from its start to now.
   */
  add(snapshot: RunSnapshot, point: HistoryPoint): void {
    this.snapshot = snapshot;
    const last = this.points[this.points.length - 1];
    if (last !== undefined && point.t <= last.t) {
      this.points[this.points.length - 1] = point;
      return;
    }
    this.points.push(point);
    if (this.points.length > this.maxPoints) this.halve();
  }

  get latest(): RunSnapshot | null {
    return this.snapshot;
  }

  /** A copy: callers post it to a webview or write it to disk while the run goes on. */
  get history(): HistoryPoint[] {
    return this.points.slice();
  }

  get size(): number {
    return this.points.length;
  }

  /** Keeps the first point, every second point after it, and always the newest one. */
  private halve(): void {
    const newest = this.points[this.points.length - 1];
    const kept = this.points.filter((_, i) => i % 2 === 0);
    if (kept[kept.length - 1] !== newest) kept.push(newest);
    this.points.splice(0, this.points.length, ...kept);
  }
}
