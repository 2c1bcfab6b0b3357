// A SQLite database of runs, written at the end of each run. One file can collect many runs (use
// a path without `{time}`): every table carries `run_id`, so runs can be compared with plain SQL.
import type { EntryStats, RunSnapshot } from '../../common/snapshot';
import type { RunResult } from '../master/types';
import type { Logger } from '../log';
import { logWriteError } from './fileWriter';
import type { SqlDb, SqlValue } from './sqliteDriver';
import { openSqlite } from './sqliteDriver';
import type { Recorder } from './types';

const PCOLS = ['p50', 'p66', 'p75', 'p80', 'p90', 'p95', 'p98', 'p99', 'p99_9', 'p99_99', 'p100'];

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, scenario TEXT NOT NULL, started_at INTEGER NOT NULL, elapsed_ms REAL NOT NULL,
  state TEXT NOT NULL, users INTEGER NOT NULL, requests INTEGER NOT NULL, failures INTEGER NOT NULL, rps REAL NOT NULL,
  mean_ms REAL NOT NULL, p50 REAL NOT NULL, p90 REAL NOT NULL, p95 REAL NOT NULL, p99 REAL NOT NULL, max_ms REAL NOT NULL,
  thresholds_ok INTEGER, error TEXT);
CREATE TABLE IF NOT EXISTS entries (
  run_id TEXT NOT NULL, name TEXT NOT NULL, method TEXT NOT NULL, requests INTEGER NOT NULL, failures INTEGER NOT NULL,
  min_ms REAL NOT NULL, mean_ms REAL NOT NULL, max_ms REAL NOT NULL, bytes INTEGER NOT NULL, rps REAL NOT NULL,
  ${PCOLS.map((c) => `${c} REAL NOT NULL`).join(', ')}, PRIMARY KEY (run_id, name, method));
CREATE TABLE IF NOT EXISTS history (
  run_id TEXT NOT NULL, t_ms REAL NOT NULL, rps REAL NOT NULL, failures_per_sec REAL NOT NULL,
  p50 REAL NOT NULL, p95 REAL NOT NULL, p99 REAL NOT NULL, users INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS errors (
  run_id TEXT NOT NULL, name TEXT NOT NULL, method TEXT NOT NULL, error TEXT NOT NULL, count INTEGER NOT NULL);
`;

const num = (n: number): number => (Number.isFinite(n) ? n : 0);

function entryValues(runId: string, e: EntryStats): SqlValue[] {
  return [runId, e.name, e.method, e.requests, e.failures, e.minMs, e.meanMs, e.maxMs, e.bytes, e.rps, ...Object.values(e.percentiles).map(num)];
}

/** Writes one run (replacing an earlier copy of the same run id) in one transaction. */
export function writeRun(db: SqlDb, result: RunResult): void {
  const s: RunSnapshot = result.snapshot;
  const t = s.total;
  db.exec(SCHEMA);
  db.exec('BEGIN');
  try {
    for (const table of ['runs', 'entries', 'history', 'errors']) db.run(`DELETE FROM ${table} WHERE run_id = ?`, [s.runId]);
    const thresholdsOk = s.thresholds ? (s.thresholds.every((x) => x.ok) ? 1 : 0) : null;
    db.run('INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', [
      s.runId, s.scenario, s.startedAt, s.elapsedMs, s.state, s.targetUsers, t.requests, t.failures, t.rps, t.meanMs,
      t.percentiles.p50, t.percentiles.p90, t.percentiles.p95, t.percentiles.p99, t.maxMs, thresholdsOk, result.error ?? null,
    ]);
    const entrySql = `INSERT INTO entries VALUES (${new Array(10 + PCOLS.length).fill('?').join(',')})`;
    for (const e of s.entries) db.run(entrySql, entryValues(s.runId, e));
    for (const p of result.history) db.run('INSERT INTO history VALUES (?,?,?,?,?,?,?,?)', [s.runId, p.t, p.rps, p.failuresPerSec, p.p50, p.p95, p.p99, p.users]);
    for (const e of s.errors) db.run('INSERT INTO errors VALUES (?,?,?,?,?)', [s.runId, e.name, e.method, e.error, e.count]);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

export function createSqliteRecorder(file: string, log: Logger, prefer?: 'sql.js'): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      let db: SqlDb | undefined;
      try {
        db = await openSqlite(file, prefer);
        log.debug(`SQLite results: ${file} through ${db.driver}`);
        writeRun(db, result);
        await db.save();
        return [file];
      } catch (err) {
        logWriteError(log, 'SQLite results', file, err);
        return [];
      } finally {
        try {
          db?.close();
        } catch {
          // Closing after a failed write: the error above is the one worth reading.
        }
      }
    },
  };
}
