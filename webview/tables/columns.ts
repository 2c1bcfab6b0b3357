// Column definitions of the panel's four tables: what each column shows, how it is formatted and
// what it sorts by. Pure data and small functions, so the table code stays generic.
import type { EntryStats, ErrorStats, TrackerResult, WorkerInfo } from '../../common/snapshot';
import { formatBytes, formatCount, formatMs, formatPercent, formatRate } from '../../common/format';
import type { SortValue } from './sort';

export interface Column<T> {
  key: string;
  label: string;
  /** A longer description for the header's tooltip and screen readers. */
  title?: string;
  numeric: boolean;
  value: (row: T) => SortValue;
  format?: (row: T) => string;
  /** A cell's tone (written to data-tone, coloured by the stylesheet): better or worse than a baseline. */
  tone?: (row: T) => string | undefined;
}

function num<T>(
  key: string,
  label: string,
  value: (r: T) => number,
  format: (v: number) => string,
  title?: string,
): Column<T> {
  return { key, label, title, numeric: true, value, format: (r) => format(value(r)) };
}
function text<T>(key: string, label: string, value: (r: T) => string): Column<T> {
  return { key, label, numeric: false, value };
}

/** Average response size; the one division the panel does, because the snapshot carries totals. */
export function avgSize(e: EntryStats): number | undefined {
  return e.requests > 0 ? e.bytes / e.requests : undefined;
}

/** Locust's statistics columns. */
export const ENTRY_COLUMNS: Column<EntryStats>[] = [
  text('name', 'Name', (e) => e.name),
  text('method', 'Method', (e) => e.method),
  num('requests', 'Requests', (e) => e.requests, formatCount),
  num('failures', 'Failures', (e) => e.failures, formatCount),
  num('median', 'Median (ms)', (e) => e.percentiles.p50, formatMs),
  num('p90', 'p90 (ms)', (e) => e.percentiles.p90, formatMs, '90th percentile response time'),
  num('p99', 'p99 (ms)', (e) => e.percentiles.p99, formatMs, '99th percentile response time'),
  num('avg', 'Avg (ms)', (e) => e.meanMs, formatMs),
  num('min', 'Min (ms)', (e) => e.minMs, formatMs),
  num('max', 'Max (ms)', (e) => e.maxMs, formatMs),
  {
    key: 'size',
    label: 'Avg size',
    numeric: true,
    value: avgSize,
    format: (e) => formatBytes(avgSize(e)),
    title: 'Average response body size',
  },
  num('rps', 'Current RPS', (e) => e.currentRps, formatRate, 'Requests per second over the last 10 seconds'),
  num(
    'fps',
    'Current failures/s',
    (e) => e.currentFailuresPerSec,
    formatRate,
    'Failures per second over the last 10 seconds',
  ),
];

export const ERROR_COLUMNS: Column<ErrorStats>[] = [
  num('count', 'Count', (e) => e.count, formatCount),
  text('method', 'Method', (e) => e.method),
  text('name', 'Name', (e) => e.name),
  text('error', 'Error', (e) => e.error),
];

export const WORKER_COLUMNS: Column<WorkerInfo>[] = [
  text('id', 'Worker', (w) => w.id),
  text('host', 'Host', (w) => w.host),
  text('state', 'State', (w) => w.state),
  num('users', 'Users', (w) => w.users, formatCount),
  num('cpu', 'CPU', (w) => w.cpu, formatPercent, 'CPU use of the worker process (100% = one core)'),
];

export const TRACKER_COLUMNS: Column<TrackerResult>[] = [
  text('metric', 'Metric', (t) => t.metric),
  num(
    'stage',
    'Stage',
    (t) => t.stage,
    (v) => String(v + 1),
    'Load stage (tracking session), from 1',
  ),
  num('users', 'Users', (t) => t.users, formatCount),
  num('count', 'Count', (t) => t.count, formatCount),
  num('p50', 'p50 (ms)', (t) => t.p50, formatMs),
  num('p95', 'p95 (ms)', (t) => t.p95, formatMs),
  num('p99', 'p99 (ms)', (t) => t.p99, formatMs),
  num('max', 'Max (ms)', (t) => t.max, formatMs),
  num(
    'incomplete',
    'Incomplete',
    (t) => t.incomplete,
    formatCount,
    'Start events never matched by an end event',
  ),
  num('dropped', 'Dropped', (t) => t.dropped, formatCount, 'Start events dropped because a queue was full'),
  // Trackers that end with an event from outside only; a dash for the others.
  {
    ...num('timedOut', 'Timed out', (t) => t.timedOut ?? -1, formatCount),
    format: (t) => (t.timedOut === undefined ? '\u2013' : formatCount(t.timedOut)),
    title: "Starts with no event from outside within the tracker's timeout",
  },
  {
    ...num('unmatched', 'Unmatched', (t) => t.unmatched ?? -1, formatCount),
    format: (t) => (t.unmatched === undefined ? '\u2013' : formatCount(t.unmatched)),
    title: 'Events from outside that matched no start',
  },
];

/** The text a cell shows. */
export function cellText<T>(col: Column<T>, row: T): string {
  if (col.format) return col.format(row);
  const v = col.value(row);
  return v === undefined ? '\u2013' : String(v);
}
