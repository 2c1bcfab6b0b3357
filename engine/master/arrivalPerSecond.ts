// Open model: iterations started and dropped per second, from the merged totals of consecutive
// snapshots. The totals are exact sums of every worker's counts, so the per-second figures add
// back up to them; the snapshot (and its chart point) carries both, and the panel plots dropped/s.
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';

/** Snapshots closer together than this keep the previous rates (a rate over a sliver is noise). */
const MIN_INTERVAL_MS = 500;

export function createArrivalPerSecond(): (snapshot: RunSnapshot, point: HistoryPoint) => void {
  let base = { elapsedMs: 0, started: 0, dropped: 0 };
  let rates = { startedPerSec: 0, droppedPerSec: 0 };
  return (snapshot, point) => {
    const a = snapshot.arrival;
    if (!a) return;
    const dt = snapshot.elapsedMs - base.elapsedMs;
    if (dt >= MIN_INTERVAL_MS) {
      rates = {
        startedPerSec: ((a.started - base.started) * 1000) / dt,
        droppedPerSec: ((a.dropped - base.dropped) * 1000) / dt,
      };
      base = { elapsedMs: snapshot.elapsedMs, started: a.started, dropped: a.dropped };
    }
    a.startedPerSec = rates.startedPerSec;
    a.droppedPerSec = rates.droppedPerSec;
    point.startedPerSec = rates.startedPerSec;
    point.droppedPerSec = rates.droppedPerSec;
  };
}
