// The snapshot history of one run, as the extension keeps it for the results panel: the latest
// snapshot plus the chart points, at the resolution every view of a run shares
// (common/history.ts: 1 s for the last hour, then 10 s, then 1 min). Pure (no vscode, no Node).
import { BoundedHistory } from '../common/history';
import type { HistoryPoint, RunSnapshot } from '../common/snapshot';

export class RunHistory {
  private snapshot: RunSnapshot | null = null;
  private readonly points = new BoundedHistory();

  /** Records one snapshot and its chart point (a point not after the last replaces it). */
  add(snapshot: RunSnapshot, point: HistoryPoint): void {
    this.snapshot = snapshot;
    this.points.add(point);
  }

  get latest(): RunSnapshot | null {
    return this.snapshot;
  }

  /** A copy: callers post it to a webview or write it to disk while the run goes on. */
  get history(): HistoryPoint[] {
    return this.points.toArray();
  }

  get size(): number {
    return this.points.size;
  }
}
