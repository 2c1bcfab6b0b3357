// Columns of the "Compared with baseline" table: for each request (and the total), the baseline's
// value, the current one and the change, coloured by the verdict the host computed
// (common/baseline.ts). Pure data and formatting.
import type { EntryComparison, MetricDelta } from '../../common/baseline';
import { formatChange, formatMs, formatPercent, formatPointsChange, formatRate } from '../../common/format';
import type { Column } from './columns';

/** `base → current (change)`: what a delta cell says. */
export function deltaText(
  d: MetricDelta,
  format: (v: number) => string,
  change: (d: MetricDelta) => string,
): string {
  return `${format(d.base)} → ${format(d.current)} (${change(d)})`;
}

const relative = (d: MetricDelta): string => formatChange(d.relative);
const ms = (v: number): string => `${formatMs(v)} ms`;

function delta(
  key: string,
  label: string,
  pick: (e: EntryComparison) => MetricDelta,
  format: (v: number) => string,
  change: (d: MetricDelta) => string,
  title: string,
): Column<EntryComparison> {
  return {
    key,
    label,
    title,
    numeric: true,
    value: (e) => pick(e).relative ?? pick(e).change,
    format: (e) => deltaText(pick(e), format, change),
    tone: (e) => (pick(e).verdict === 'same' ? undefined : pick(e).verdict),
  };
}

export const COMPARISON_COLUMNS: Column<EntryComparison>[] = [
  { key: 'name', label: 'Name', numeric: false, value: (e) => e.name },
  { key: 'method', label: 'Method', numeric: false, value: (e) => e.method },
  delta(
    'rps',
    'RPS',
    (e) => e.rps,
    formatRate,
    relative,
    'Requests per second over the whole run: baseline → this run',
  ),
  delta(
    'failures',
    'Failures',
    (e) => e.failures,
    formatPercent,
    (d) => formatPointsChange(d.change),
    'Share of requests that failed: baseline → this run (change in percentage points)',
  ),
  delta('p50', 'p50', (e) => e.p50, ms, relative, 'Median response time: baseline → this run'),
  delta('p95', 'p95', (e) => e.p95, ms, relative, '95th percentile response time: baseline → this run'),
  delta('p99', 'p99', (e) => e.p99, ms, relative, '99th percentile response time: baseline → this run'),
];
