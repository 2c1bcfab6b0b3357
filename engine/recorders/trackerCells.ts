// The duration-tracker table as text cells: the terminal's final report (engine/cli/report.ts) and
// the HTML report show the same columns with the same figures, from this one definition (two copies
// of the headers once let the HTML report miss the event trackers' columns).
import { formatCount, formatMs } from '../../common/format';
import type { RunSnapshot, TrackerResult } from '../../common/snapshot';

interface TrackerColumn {
  header: string;
  /** Right-aligned (every column but the tracker's name). */
  numeric: boolean;
  cell: (t: TrackerResult) => string;
}

const timed = (pick: (t: TrackerResult) => number) => (t: TrackerResult) => formatMs(t.count ? pick(t) : NaN);
const count = (n: number | undefined): string => formatCount(n);

const ALWAYS: TrackerColumn[] = [
  { header: 'Tracker', numeric: false, cell: (t) => t.metric },
  // Stages are 0-based in data, 1-based for people (as in the progress line and the panel).
  { header: 'Stage', numeric: true, cell: (t) => String(t.stage + 1) },
  { header: 'Users', numeric: true, cell: (t) => count(t.users) },
  { header: 'Count', numeric: true, cell: (t) => count(t.count) },
  { header: 'Min', numeric: true, cell: timed((t) => t.min) },
  { header: 'Mean', numeric: true, cell: timed((t) => t.mean) },
  { header: 'p50', numeric: true, cell: timed((t) => t.p50) },
  { header: 'p90', numeric: true, cell: timed((t) => t.p90) },
  { header: 'p95', numeric: true, cell: timed((t) => t.p95) },
  { header: 'p99', numeric: true, cell: timed((t) => t.p99) },
  { header: 'Max', numeric: true, cell: timed((t) => t.max) },
  { header: 'Incomplete', numeric: true, cell: (t) => count(t.incomplete) },
];
const DROPPED: TrackerColumn = { header: 'Dropped', numeric: true, cell: (t) => count(t.dropped) };
// Timed out and unmatched exist for trackers that end with an event from outside only.
const FROM_OUTSIDE: TrackerColumn[] = [
  { header: 'Timed out', numeric: true, cell: (t) => count(t.timedOut) },
  { header: 'Unmatched', numeric: true, cell: (t) => count(t.unmatched) },
];

export interface TrackerTable {
  headers: string[];
  numeric: boolean[];
  rows: string[][];
}

/** The columns a run's trackers need: Dropped when a start was dropped, the event columns when an end comes from outside. */
export function trackerCells(s: Pick<RunSnapshot, 'trackers'>): TrackerTable {
  const columns = [...ALWAYS];
  if (s.trackers.some((t) => t.dropped > 0)) columns.push(DROPPED);
  if (s.trackers.some((t) => t.timedOut !== undefined)) columns.push(...FROM_OUTSIDE);
  return {
    headers: columns.map((c) => c.header),
    numeric: columns.map((c) => c.numeric),
    rows: s.trackers.map((t) => columns.map((c) => c.cell(t))),
  };
}
