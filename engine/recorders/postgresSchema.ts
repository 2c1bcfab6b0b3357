// The PostgreSQL recorder's tables, made on first use and changed only by numbered migrations:
// `stampede_schema_version` holds one row per migration applied, so a later Stampede adds columns
// with migration N+1 and an older database catches up on its next run. Migrations run in one
// transaction under an advisory lock, so two runs starting at once against an empty database do
// not both create the tables. Every table carries `run_id`: one database collects many runs.
import type { ClientBase } from 'pg';
import { PERCENTILES } from '../../common/snapshot';

/** A percentile's column: `p99.9` is not a plain SQL name, so its dot becomes `_` (p99_9). */
export const percentileColumn = (p: number): string => `p${String(p).replace('.', '_')}`;

/**
 * `stampede_entries`' percentile columns, one per PERCENTILES entry, in its order. Migration 1 has
 * shipped with these eleven: if PERCENTILES ever changes, freeze migration 1's list as written
 * today and add the new column in a new migration (test/unit/recorders/postgresColumns.test.ts
 * fails until then).
 */
export const PERCENTILE_COLUMNS: readonly string[] = PERCENTILES.map(percentileColumn);

/** Migration N is MIGRATIONS[N - 1]. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE stampede_runs (
  run_id text PRIMARY KEY, scenario text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz,
  elapsed_ms double precision NOT NULL, state text NOT NULL, users integer NOT NULL,
  requests bigint NOT NULL, failures bigint NOT NULL, rps double precision NOT NULL,
  mean_ms double precision NOT NULL, p50 double precision NOT NULL, p90 double precision NOT NULL,
  p95 double precision NOT NULL, p99 double precision NOT NULL, max_ms double precision NOT NULL,
  thresholds_ok boolean, error text);
CREATE TABLE stampede_history (
  run_id text NOT NULL, at timestamptz NOT NULL, t_ms double precision NOT NULL,
  rps double precision NOT NULL, failures_per_sec double precision NOT NULL,
  p50 double precision NOT NULL, p95 double precision NOT NULL, p99 double precision NOT NULL,
  users integer NOT NULL, arrival_rate double precision, dropped bigint);
CREATE INDEX stampede_history_run ON stampede_history (run_id, at);
CREATE TABLE stampede_entries (
  run_id text NOT NULL, name text NOT NULL, method text NOT NULL, requests bigint NOT NULL, failures bigint NOT NULL,
  min_ms double precision NOT NULL, mean_ms double precision NOT NULL, max_ms double precision NOT NULL,
  bytes bigint NOT NULL, rps double precision NOT NULL,
  ${PERCENTILE_COLUMNS.map((c) => `${c} double precision NOT NULL`).join(', ')},
  PRIMARY KEY (run_id, name, method));
CREATE TABLE stampede_errors (
  run_id text NOT NULL, name text NOT NULL, method text NOT NULL, error text NOT NULL, count bigint NOT NULL);
CREATE INDEX stampede_errors_run ON stampede_errors (run_id);
CREATE TABLE stampede_trackers (
  run_id text NOT NULL, metric text NOT NULL, stage integer NOT NULL, users integer NOT NULL, count bigint NOT NULL,
  min_ms double precision NOT NULL, mean_ms double precision NOT NULL, p50 double precision NOT NULL,
  p90 double precision NOT NULL, p95 double precision NOT NULL, p99 double precision NOT NULL,
  max_ms double precision NOT NULL, incomplete bigint NOT NULL, dropped bigint NOT NULL,
  PRIMARY KEY (run_id, metric, stage));
CREATE TABLE stampede_thresholds (
  run_id text NOT NULL, source text NOT NULL, ok boolean NOT NULL, actual double precision NOT NULL,
  PRIMARY KEY (run_id, source));
`,
];

/** The schema version this Stampede writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** An arbitrary constant: the advisory lock every Stampede takes while migrating. */
const MIGRATION_LOCK = 0x5374616d;

/**
 * Brings the database to SCHEMA_VERSION; resolves with the migrations applied (numbers). Throws
 * (the driver's error) when it cannot, e.g. no right to create tables, or a database written by a
 * newer Stampede (a version above ours: its columns may be required).
 */
export async function migrate(client: ClientBase): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS stampede_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const res = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM stampede_schema_version',
    );
    const current = res.rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION)
      throw new Error(
        `the tables are at schema version ${current}, written by a newer Stampede than this one (version ${SCHEMA_VERSION}): upgrade Stampede, or write to another database`,
      );
    const applied: number[] = [];
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      await client.query(MIGRATIONS[v - 1]);
      await client.query('INSERT INTO stampede_schema_version (version) VALUES ($1)', [v]);
      applied.push(v);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Makes `stampede_history` a TimescaleDB hypertable when the extension is installed in this
 * database and it is not one yet. Returns a note for the log: what was done, or why not. Creating
 * the extension is left to the database's owner (it needs a superuser); Stampede only uses it.
 */
export async function useTimescale(client: ClientBase): Promise<string> {
  const ext = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  if (ext.rowCount === 0) {
    const available = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    return available.rowCount
      ? 'TimescaleDB is available but not created in this database (CREATE EXTENSION timescaledb, as its owner): stampede_history stays a plain table'
      : 'TimescaleDB is not installed: stampede_history stays a plain table';
  }
  const hyper = await client.query(
    "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'stampede_history'",
  );
  if (hyper.rowCount) return 'stampede_history is a TimescaleDB hypertable';
  await client.query("SELECT create_hypertable('stampede_history', 'at', migrate_data => true)");
  return 'stampede_history is now a TimescaleDB hypertable';
}
