// The SQLite recorder on a runtime that has `node:sqlite` (Node 24 here, as VS Code's own Node
// 22+ has): `npm test` runs on Node 20, where only the sql.js path can be exercised. Runs the
// bundled CLI against the embedded demo target with an `output: { sqlite }`, checks that the
// node:sqlite driver wrote it (debug log), and reads the rows back with node:sqlite.
//   <node 24> test/e2e/sqliteNode.mjs     (exit 0 when every check passes)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-sqlite-'));
const db = path.join(dir, 'runs.db');
const scenario = path.join(dir, 'sqlite.load.yaml');
fs.writeFileSync(
  scenario,
  `name: sqlite on node ${process.versions.node}
load: { users: 2, duration: 2s }
users:
  - name: u
    think: 50ms
    tasks:
      - name: home
        get: /
      - name: missing
        get: /status/404
# Beside the scenario: result paths stay inside its folder.
output: { sqlite: runs.db }
`,
);
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`);
  if (!ok) failures.push(what);
};
for (let run = 1; run <= 2; run++) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'run', scenario, '--demo-target', '--quiet'], {
    env: { ...process.env, STAMPEDE_DEBUG: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  // No thresholds: exit 0 even though the 404s are failures.
  check(r.status === 0, `run ${run} finished with exit 0 (got ${r.status})`);
  check(/SQLite results: .* through node:sqlite/.test(r.stderr), `run ${run} wrote through node:sqlite`);
  if (r.status !== 0) console.log(r.stderr);
}
const conn = new DatabaseSync(db);
const runs = conn.prepare('SELECT run_id, requests, failures FROM runs').all();
check(runs.length === 2, `one file collects both runs (${runs.length} rows in runs)`);
check(runs.every((x) => x.requests > 10 && x.failures > 0 && x.failures < x.requests), 'each run has requests and the 404s as failures');
const entries = conn.prepare('SELECT name, requests, p50, p99 FROM entries ORDER BY name').all();
check(entries.length === 4 && entries.every((e) => e.requests > 0 && e.p99 >= e.p50), `entries per run with percentiles (${entries.length})`);
const history = conn.prepare('SELECT COUNT(*) AS n FROM history').get();
check(history.n >= 2, `a history point per second (${history.n})`);
const errors = conn.prepare("SELECT error, count FROM errors WHERE name = 'missing'").all();
check(errors.length === 2 && errors.every((e) => /404/.test(e.error) && e.count > 0), 'the 404 errors, counted');
conn.close();
fs.rmSync(dir, { recursive: true, force: true });
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
