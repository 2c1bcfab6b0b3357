// Writes a run to PostgreSQL while it runs: the run's row when it starts, a history row every
// second, and the final figures (run, entries, errors, trackers, thresholds) at the end. The
// database was checked before the load started (postgresConnect.ts, exit 2); if it fails later
// the run goes on: rows wait in a bounded buffer and are retried with a growing pause (and a
// few times more at the end), and whatever could still not be written is said in the summary.
import type pg from 'pg';
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Logger } from '../log';
import type { PostgresTarget } from './postgresConfig';
import { connectReady, describePostgresError } from './postgresConnect';
import {
  finalRows,
  historyRow,
  insertStatement,
  runRow,
  type PostgresRow,
  type PostgresTable,
} from './postgresRows';
import type { Recorder } from './types';

export interface PostgresRecorderOptions {
  /** History rows kept while the database is away (the oldest are dropped beyond it, and counted). */
  maxBufferedRows?: number;
  /** Attempts at the end for rows still waiting, and the pause between them. */
  finishAttempts?: number;
  finishRetryMs?: number;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters for the widest table (21 columns). */
const ROWS_PER_STATEMENT = 500;
const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createPostgresRecorder(
  target: PostgresTarget,
  rawLog: Logger,
  options: PostgresRecorderOptions = {},
): Recorder {
  const log = target.mask.logger(rawLog);
  const maxBuffered = options.maxBufferedRows ?? 36_000;
  const queue: PostgresRow[] = [];
  let client: pg.Client | undefined;
  let flushing: Promise<void> | undefined;
  let failures = 0;
  let nextTryAt = 0;
  let lastProblem: string | undefined;
  let droppedRows = 0;
  let runId: string | undefined;
  let startedAt = 0;
  let lastT = -Infinity;

  const push = (row: PostgresRow): void => {
    // The final run row replaces the first one: if that is still waiting, only the final is sent.
    if (row.table === 'stampede_runs') {
      const earlier = queue.findIndex((r) => r.table === 'stampede_runs');
      if (earlier >= 0) queue.splice(earlier, 1);
    }
    queue.push(row);
    if (queue.length <= maxBuffered) return;
    // Over the bound only during a long outage: the oldest history rows go first (the final rows
    // are few and hold the run's figures).
    const i = queue.findIndex((r) => r.table === 'stampede_history');
    if (i >= 0) {
      queue.splice(i, 1);
      droppedRows++;
    }
  };

  /** Sends every queued row, in order, in one transaction per call; rows leave the queue only once committed. */
  const writeQueued = async (): Promise<void> => {
    client ??= await connectReady(target, log);
    const batch = queue.slice();
    await client.query('BEGIN');
    try {
      for (let i = 0; i < batch.length;) {
        const table: PostgresTable = batch[i].table;
        // The run's row goes alone: an upsert may not touch one row twice in one statement.
        let j = i + 1;
        if (table !== 'stampede_runs')
          while (j < batch.length && j - i < ROWS_PER_STATEMENT && batch[j].table === table) j++;
        await client.query(insertStatement(table, batch.slice(i, j)));
        i = j;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    // Rows pushed while the transaction ran stay queued; those beyond the bound may have pushed
    // some of this batch out already, so remove by identity, not by count.
    const sent = new Set(batch);
    for (let i = queue.length - 1; i >= 0; i--) if (sent.has(queue[i])) queue.splice(i, 1);
  };

  const flush = async (): Promise<void> => {
    if (queue.length === 0) return;
    try {
      await writeQueued();
      if (failures > 0) log.info(`PostgreSQL results: writing to ${target.where} again`);
      failures = 0;
      lastProblem = undefined;
    } catch (err) {
      lastProblem = describePostgresError(err, target);
      if (failures === 0)
        log.warn(
          `PostgreSQL results: cannot write (${lastProblem}); the run goes on, rows are kept and retried`,
        );
      failures++;
      nextTryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
      const broken = client;
      client = undefined;
      await broken?.end().catch(() => undefined);
    }
  };

  const kick = (): void => {
    if (flushing || Date.now() < nextTryAt) return;
    flushing = flush().finally(() => (flushing = undefined));
  };

  const pushHistory = (p: HistoryPoint): void => {
    if (runId === undefined || p.t <= lastT) return;
    lastT = p.t;
    push(historyRow(runId, startedAt, p));
  };

  const unwritten = (): string => {
    const byTable = new Map<string, number>();
    for (const r of queue) byTable.set(r.table, (byTable.get(r.table) ?? 0) + 1);
    const parts = [...byTable].map(([t, n]) => `${t.replace('stampede_', '')} ${n}`);
    if (droppedRows) parts.push(`history ${droppedRows} dropped while the buffer was full`);
    return `${queue.length + droppedRows} rows could not be written to ${target.where} (${parts.join(', ')})`;
  };

  return {
    onSnapshot(snapshot: RunSnapshot, point: HistoryPoint) {
      if (snapshot.state === 'starting') return;
      if (runId === undefined) {
        runId = snapshot.runId;
        startedAt = snapshot.startedAt;
        push(runRow(snapshot));
      }
      pushHistory(point);
      kick();
    },
    async finish(result) {
      runId ??= result.snapshot.runId;
      startedAt ||= result.snapshot.startedAt;
      for (const p of result.history) pushHistory(p);
      for (const row of finalRows(result)) push(row);
      await flushing;
      const attempts = options.finishAttempts ?? 3;
      for (let i = 0; i < attempts && queue.length > 0; i++) {
        if (i > 0) await sleep(options.finishRetryMs ?? 1000);
        await flush();
      }
      await client?.end().catch(() => undefined);
      client = undefined;
      if (queue.length > 0 || droppedRows > 0) {
        log.warn(`PostgreSQL results: ${unwritten()}${lastProblem ? `: ${lastProblem}` : ''}`);
        return queue.length > 0 ? [] : [`${target.where} (run ${runId}, with gaps)`];
      }
      return [`${target.where} (run ${runId})`];
    },
  };
}
