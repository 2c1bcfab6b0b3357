// `output: { postgres: ... }` against a real PostgreSQL (test/system/postgres.ts: Debian's
// binaries, a fresh cluster on a free loopback port, password logins), through the bundled CLI
// against the embedded demo target: the tables hold what the run's JSON summary says; the Grafana
// dashboard's every query returns rows; a wrong password and a database that is down stop the run
// before any load (exit 2, no password printed); a database that stops mid-run does not stop the
// run, and the summary says what could not be written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../integration/distributed/helpers';
import { startTestPostgres, type TestPostgres } from './postgres';

const CLI = path.resolve('dist/cli.js');
const DASHBOARD = path.resolve('docs/grafana/stampede-postgres.json');

interface Cli {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stderr has matched `re`. */
  waitFor(re: RegExp): Promise<void>;
  interrupt(): void;
}

function cli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    for (const w of waiters.splice(0))
      if (w.re.test(err)) w.resolve();
      else waiters.push(w);
  });
  const code = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout: () => out,
    stderr: () => err,
    waitFor: (re) =>
      re.test(err)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ re, resolve })),
            code.then(() => {
              throw new Error(`the CLI exited before printing ${re}: ${err}`);
            }),
          ]),
    interrupt: () => child.kill('SIGINT'),
  };
}

function scenarioFile(url: string, duration: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-pg-run-'));
  const file = path.join(dir, 'pg.load.yaml');
  fs.writeFileSync(
    file,
    `name: pg results
load: { users: 4, spawnRate: 100, duration: ${duration} }
workers: 1
users:
  - name: u
    think: 20ms
    tasks:
      - name: job
        steps:
          - name: submit job
            post: /jobs
            json: { durationMs: 50 }
            capture: { jobId: json.id }
          - name: job status
            get: /jobs/{{ jobId }}
            repeat: { until: { json.state: done }, every: 20ms, max: 20 }
          - name: missing
            get: /no-such-page
            check: { status: 200 }
trackers:
  - metric: job latency
    start: request[name="submit job"]
    end: request[name="job status", json.state="done"]:first
thresholds:
  - p95 < 10s
  - failures < 50%
output:
  postgres: ${url}
`,
  );
  return file;
}

interface Summary {
  requests: number;
  failures: number;
  entries: Array<{ name: string; method: string; requests: number; failures: number }>;
  errors: Array<{ name: string; error: string; count: number }>;
  trackers?: Array<{ metric: string; stage: number; count: number }>;
  thresholds?: Array<{ source: string; ok: boolean }>;
}

const lastJson = (stdout: string): Summary => JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary;

/** Grafana's macros as the PostgreSQL data source expands them, for a time range and a run. */
function expandGrafana(sql: string, runId: string): string {
  return sql
    .replace(/\$__timeFilter\((\w+)\)/g, "$1 BETWEEN now() - interval '1 day' AND now() + interval '1 hour'")
    .replace(/\$\{run:sqlstring\}/g, `'${runId}'`);
}

async function withPostgres(body: (db: TestPostgres) => Promise<void>): Promise<void> {
  const db = await startTestPostgres();
  try {
    await body(db);
  } finally {
    db.destroy();
  }
}

test('a run lands in PostgreSQL as its JSON summary says; every Grafana query returns rows', () =>
  withPostgres(async (db) => {
    const url = `postgres://${db.user}:{{ env.PGPASSWORD }}@127.0.0.1:${db.port}/${db.database}`;
    const file = scenarioFile(url, '3s');
    const run = cli(['run', file, '--json', '--quiet', '--demo-target'], { PGPASSWORD: db.password });
    assert.equal(await run.code, 0, run.stderr());
    const out = run.stdout() + run.stderr();
    assert.ok(!out.includes(db.password), 'the password is never printed');
    assert.match(
      run.stderr(),
      /made the tables in postgres:\/\/stampede@127\.0\.0\.1:\d+\/loadtests \(schema version 1\)/,
    );
    // Debian bookworm has no TimescaleDB: the history stays a plain table, and the log says so.
    assert.match(run.stderr(), /TimescaleDB is not installed: stampede_history stays a plain table/);
    const summary = lastJson(run.stdout());

    const [runRow] = await db.query<{
      run_id: string;
      requests: string;
      failures: string;
      state: string;
      thresholds_ok: boolean;
    }>('SELECT run_id, requests, failures, state, thresholds_ok FROM stampede_runs');
    assert.equal(Number(runRow.requests), summary.requests);
    assert.equal(Number(runRow.failures), summary.failures);
    assert.ok(summary.failures > 0, 'the missing page fails every time');
    assert.equal(runRow.state, 'stopped');
    assert.equal(runRow.thresholds_ok, true);
    assert.match(
      run.stderr(),
      new RegExp(`wrote postgres://stampede@127\\.0\\.0\\.1:${db.port}/loadtests \\(run ${runRow.run_id}\\)`),
    );

    const entries = await db.query<{ name: string; method: string; requests: string; failures: string }>(
      'SELECT name, method, requests, failures FROM stampede_entries WHERE run_id = $1 ORDER BY name',
      [runRow.run_id],
    );
    assert.deepEqual(
      entries.map((e) => [e.name, e.method, Number(e.requests), Number(e.failures)]),
      [...summary.entries]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((e) => [e.name, e.method, e.requests, e.failures]),
    );
    const errors = await db.query<{ count: string }>('SELECT count FROM stampede_errors WHERE run_id = $1', [
      runRow.run_id,
    ]);
    assert.equal(
      errors.reduce((a, e) => a + Number(e.count), 0),
      summary.errors.reduce((a, e) => a + e.count, 0),
    );
    const trackers = await db.query<{ metric: string; stage: number; count: string }>(
      'SELECT metric, stage, count FROM stampede_trackers WHERE run_id = $1',
      [runRow.run_id],
    );
    assert.deepEqual(
      trackers.map((t) => [t.metric, t.stage, Number(t.count)]),
      (summary.trackers ?? []).map((t) => [t.metric, t.stage, t.count]),
    );
    assert.ok(trackers.length > 0 && Number(trackers[0].count) > 0, 'the tracker paired jobs');
    const thresholds = await db.query<{ source: string; ok: boolean }>(
      'SELECT source, ok FROM stampede_thresholds WHERE run_id = $1 ORDER BY source',
      [runRow.run_id],
    );
    assert.deepEqual(
      thresholds.map((t) => [t.source, t.ok]),
      (summary.thresholds ?? []).map((t) => [t.source, t.ok]).sort(),
    );
    const history = await db.query<{ n: string; rps: number }>(
      'SELECT count(*) AS n, max(rps) AS rps FROM stampede_history WHERE run_id = $1',
      [runRow.run_id],
    );
    assert.ok(Number(history[0].n) >= 2 && history[0].rps > 0, `history rows: ${JSON.stringify(history)}`);
    const [kind] = await db.query<{ relkind: string }>(
      "SELECT relkind FROM pg_class WHERE relname = 'stampede_history'",
    );
    assert.equal(kind.relkind, 'r');

    // The dashboard reads these tables: every query it holds returns rows for this run.
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as {
      panels: Array<{ title: string; targets: Array<{ rawSql: string }> }>;
      templating: { list: Array<{ name: string; query: string }> };
    };
    const queries = [
      ...dashboard.templating.list.map((v) => [`variable ${v.name}`, v.query]),
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => [p.title, t.rawSql])),
    ];
    assert.ok(queries.length >= 9, `the dashboard's queries: ${queries.length}`);
    for (const [title, sql] of queries) {
      const rows = await db.query(expandGrafana(sql, runRow.run_id));
      assert.ok(rows.length > 0, `the dashboard's "${title}" returns rows: ${sql}`);
    }

    // A second run into the same database: the tables are there (no migration), two runs side by side.
    const again = cli(['run', file, '--json', '--quiet', '--demo-target'], { PGPASSWORD: db.password });
    assert.equal(await again.code, 0, again.stderr());
    assert.doesNotMatch(again.stderr(), /made the tables/);
    const runs = await db.query<{ n: string }>('SELECT count(*) AS n FROM stampede_runs');
    assert.equal(Number(runs[0].n), 2);
    const versions = await db.query<{ version: number }>('SELECT version FROM stampede_schema_version');
    assert.deepEqual(
      versions.map((v) => v.version),
      [1],
    );
  }));

test('a wrong password stops the run before any load: exit 2, the reason, no password printed', () =>
  withPostgres(async (db) => {
    const file = scenarioFile(db.url, '30s');
    const wrong = `${db.password}-wrong`;
    const run = cli(['run', file, '--quiet', '--demo-target'], { PGPASSWORD: wrong });
    assert.equal(await run.code, 2, run.stderr());
    const out = run.stdout() + run.stderr();
    assert.match(
      run.stderr(),
      /cannot write results to PostgreSQL: postgres:\/\/stampede@127\.0\.0\.1:\d+\/loadtests refused the login of stampede/,
    );
    assert.match(run.stderr(), /PGPASSWORD/);
    assert.ok(!out.includes(wrong) && !out.includes(db.password), `no password in the output: ${out}`);
    // The demo target (the load's target) was never started: the check came first.
    assert.doesNotMatch(out, /demo target/);
    const tables = await db.query("SELECT 1 FROM pg_tables WHERE tablename LIKE 'stampede_%'");
    assert.equal(tables.length, 0);

    // Tables written by a newer Stampede (a schema version above ours) are not touched: exit 2.
    await db.query(
      'CREATE TABLE stampede_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await db.query('INSERT INTO stampede_schema_version (version) VALUES (99)');
    const newer = cli(['run', file, '--quiet', '--demo-target'], { PGPASSWORD: db.password });
    assert.equal(await newer.code, 2, newer.stderr());
    assert.match(
      newer.stderr(),
      /schema version 99, written by a newer Stampede than this one \(version 1\): upgrade Stampede/,
    );
    assert.doesNotMatch(newer.stderr(), /demo target/);
  }));

test('a database that is down stops the run before any load: exit 2, what, where, how to fix', async () => {
  const port = await freePort();
  const file = scenarioFile(`postgres://stampede@127.0.0.1:${port}/loadtests`, '30s');
  const run = cli(['run', file, '--quiet', '--demo-target'], { PGPASSWORD: 'not-used' });
  assert.equal(await run.code, 2, run.stderr());
  assert.match(
    run.stderr(),
    new RegExp(
      `nothing accepts connections at postgres://stampede@127\\.0\\.0\\.1:${port}/loadtests: start PostgreSQL`,
    ),
  );
  assert.doesNotMatch(run.stderr(), /demo target/);
});

test('a database that stops mid-run does not stop the run; the summary says what could not be written', () =>
  withPostgres(async (db) => {
    // Long enough to stop the server under it; the test ends it with Ctrl+C once it has noticed.
    const file = scenarioFile(db.url, '60s');
    const run = cli(['run', file, '--json', '--quiet', '--demo-target'], { PGPASSWORD: db.password });
    try {
      // Rows arrive while the run runs; then the server goes away under it.
      await run.waitFor(/PostgreSQL results: postgres:/);
      let written = 0;
      while (written === 0) {
        written = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM stampede_history'))[0].n);
        if (written === 0) await new Promise((r) => setTimeout(r, 100)); // poll gently: the next row comes within a second
      }
      db.stop();
      await run.waitFor(/PostgreSQL results: cannot write \(/);
    } finally {
      run.interrupt();
    }
    assert.equal(await run.code, 0, run.stderr());
    const summary = lastJson(run.stdout());
    assert.ok(summary.requests > 0);
    const unwritten =
      /PostgreSQL results: (\d+) rows could not be written to postgres:\/\/\S+ \(([^)]*)\)/.exec(
        run.stderr(),
      );
    assert.ok(unwritten, run.stderr());
    // At least the final rows: the run's own and one per request name.
    assert.ok(Number(unwritten[1]) >= 1 + summary.entries.length, unwritten[0]);
    assert.match(unwritten[2], /runs 1/);
    assert.match(unwritten[2], new RegExp(`entries ${summary.entries.length}`));
    assert.doesNotMatch(run.stderr(), /wrote postgres:/);

    // What was written before the stop is there: the run's row as it started, and history.
    db.start();
    const [row] = await db.query<{ state: string }>('SELECT state FROM stampede_runs');
    assert.equal(row.state, 'running');
    const history = await db.query<{ n: string }>('SELECT count(*) AS n FROM stampede_history');
    assert.ok(Number(history[0].n) >= 1);
    const entries = await db.query('SELECT 1 FROM stampede_entries');
    assert.equal(entries.length, 0);
  }));

test('a database that goes away and comes back mid-run gets every row after the retry', () =>
  withPostgres(async (db) => {
    const file = scenarioFile(db.url, '60s');
    const run = cli(['run', file, '--json', '--quiet', '--demo-target'], { PGPASSWORD: db.password });
    let stoppedAt = 0;
    let restartedAt = 0;
    try {
      await run.waitFor(/PostgreSQL results: postgres:/);
      await run.waitFor(/run \S+ started/);
      stoppedAt = Date.now();
      db.stop();
      await run.waitFor(/PostgreSQL results: cannot write \(/);
      db.start();
      restartedAt = Date.now();
      await run.waitFor(/PostgreSQL results: writing to postgres:\S+ again/);
    } finally {
      run.interrupt();
    }
    assert.equal(await run.code, 0, run.stderr());
    assert.doesNotMatch(run.stderr(), /could not be written/);
    const summary = lastJson(run.stdout());
    const [row] = await db.query<{ run_id: string; state: string; requests: string }>(
      'SELECT run_id, state, requests FROM stampede_runs',
    );
    assert.equal(row.state, 'stopped');
    assert.equal(Number(row.requests), summary.requests);
    assert.match(run.stderr(), new RegExp(`wrote postgres://\\S+ \\(run ${row.run_id}\\)`));
    // The seconds of the outage were kept and written once the server was back.
    const during = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM stampede_history WHERE at > $1 AND at < $2',
      [new Date(stoppedAt), new Date(restartedAt)],
    );
    assert.ok(Number(during[0].n) >= 1, `history rows from the outage: ${during[0].n}`);
    const entries = await db.query('SELECT 1 FROM stampede_entries');
    assert.equal(entries.length, summary.entries.length);
  }));
