// The rows one run puts in the PostgreSQL tables (postgresSchema.ts), as column lists and values:
// pure, so the recorder's buffering and the SQL it sends stay apart from what a row holds.
import { PERCENTILES, type EntryStats, type HistoryPoint, type RunSnapshot } from '../../common/snapshot';
import type { RunResult } from '../master/types';
import { PERCENTILE_COLUMNS } from './postgresSchema';

export type PostgresTable =
  | 'stampede_runs'
  | 'stampede_history'
  | 'stampede_entries'
  | 'stampede_errors'
  | 'stampede_trackers'
  | 'stampede_thresholds';

export interface PostgresRow {
  table: PostgresTable;
  values: unknown[];
}

/** Column lists written as words: one table's columns on one line. */
const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

export const COLUMNS: Record<PostgresTable, readonly string[]> = {
  stampede_runs: words(`run_id scenario started_at ended_at elapsed_ms state users requests failures rps
    mean_ms p50 p90 p95 p99 max_ms thresholds_ok error`),
  stampede_history: words('run_id at t_ms rps failures_per_sec p50 p95 p99 users arrival_rate dropped'),
  stampede_entries: [
    ...words('run_id name method requests failures min_ms mean_ms max_ms bytes rps'),
    ...PERCENTILE_COLUMNS,
  ],
  stampede_errors: words('run_id name method error count'),
  stampede_trackers: words(
    'run_id metric stage users count min_ms mean_ms p50 p90 p95 p99 max_ms incomplete dropped',
  ),
  stampede_thresholds: words('run_id source ok actual'),
};

/** NaN and infinities (an empty histogram's mean) have no place in a NOT NULL double column. */
const num = (n: number): number => (Number.isFinite(n) ? n : 0);

/** The run's row: written when the run starts (state running) and replaced at the end. */
export function runRow(s: RunSnapshot, end?: RunResult): PostgresRow {
  const t = s.total;
  const thresholdsOk = s.thresholds ? s.thresholds.every((x) => x.ok) : null;
  return {
    table: 'stampede_runs',
    // prettier-ignore
    values: [
      s.runId, s.scenario, new Date(s.startedAt), end ? new Date(s.startedAt + s.elapsedMs) : null,
      num(s.elapsedMs), s.state, s.targetUsers, t.requests, t.failures, num(t.rps), num(t.meanMs),
      num(t.percentiles.p50), num(t.percentiles.p90), num(t.percentiles.p95), num(t.percentiles.p99),
      num(t.maxMs), thresholdsOk, end?.error ?? null,
    ],
  };
}

export function historyRow(runId: string, startedAt: number, p: HistoryPoint): PostgresRow {
  return {
    table: 'stampede_history',
    // prettier-ignore
    values: [
      runId, new Date(startedAt + p.t), p.t, num(p.rps), num(p.failuresPerSec), num(p.p50), num(p.p95),
      num(p.p99), p.users, p.arrivalRate ?? null, p.dropped ?? null,
    ],
  };
}

function entryRow(runId: string, e: EntryStats): PostgresRow {
  // By name, in PERCENTILE_COLUMNS' order: a snapshot's keys need not be in that order.
  return {
    table: 'stampede_entries',
    // prettier-ignore
    values: [
      runId, e.name, e.method, e.requests, e.failures, num(e.minMs), num(e.meanMs), num(e.maxMs), e.bytes,
      num(e.rps), ...PERCENTILES.map((p) => num(e.percentiles[`p${p}`])),
    ],
  };
}

/** Everything known only at the end: the final run row, entries, errors, trackers, thresholds. */
export function finalRows(result: RunResult): PostgresRow[] {
  const s = result.snapshot;
  const id = s.runId;
  return [
    runRow(s, result),
    ...s.entries.map((e) => entryRow(id, e)),
    ...s.errors.map((e): PostgresRow => ({
      table: 'stampede_errors',
      values: [id, e.name, e.method, e.error, e.count],
    })),
    ...s.trackers.map((k): PostgresRow => ({
      table: 'stampede_trackers',
      // prettier-ignore
      values: [
        id, k.metric, k.stage, k.users, k.count, num(k.min), num(k.mean), num(k.p50), num(k.p90), num(k.p95),
        num(k.p99), num(k.max), k.incomplete, k.dropped,
      ],
    })),
    ...(s.thresholds ?? []).map((x): PostgresRow => ({
      table: 'stampede_thresholds',
      values: [id, x.source, x.ok, num(x.actual)],
    })),
  ];
}

/** One INSERT for consecutive rows of one table; the run's row replaces an earlier copy. */
export function insertStatement(
  table: PostgresTable,
  rows: readonly PostgresRow[],
): { text: string; values: unknown[] } {
  const cols = COLUMNS[table];
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    const start = values.length;
    values.push(...r.values);
    return `(${cols.map((_, i) => `$${start + i + 1}`).join(',')})`;
  });
  const upsert =
    table === 'stampede_runs'
      ? ` ON CONFLICT (run_id) DO UPDATE SET ${cols
          .slice(1)
          .map((c) => `${c} = EXCLUDED.${c}`)
          .join(', ')}`
      : '';
  return { text: `INSERT INTO ${table} (${cols.join(',')}) VALUES ${tuples.join(',')}${upsert}`, values };
}
