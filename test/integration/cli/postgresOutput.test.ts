// `output.postgres` through the bundled CLI, without a PostgreSQL (test/system/ has the real one):
// `check` reports a bad URL (exit 2) and warns about a password written in the file; `run`
// against a database that is not there stops before any load with exit 2, the reason and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refusedPort } from '../../unit/http/servers';
import { runCli as cli } from './runCli';

function scenario(url: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-pg-cli-'));
  const file = path.join(dir, 'pg.load.yaml');
  fs.writeFileSync(
    file,
    `name: pg\nload: { users: 1, duration: 30s }\nworkers: 0\nusers:\n  - tasks:\n      - get: /\noutput:\n  postgres: ${url}\n`,
  );
  return file;
}

test('check: a URL that is not postgres:// is exit 2 at its line; a password in the file is a warning', async () => {
  const bad = await cli(['check', scenario('mysql://u@127.0.0.1/db')]);
  assert.equal(bad.code, 2, bad.output);
  assert.match(
    bad.output,
    /pg\.load\.yaml:8:\d+: error: `output\.postgres` is a PostgreSQL URL starting with postgres:\/\//,
  );
  const inline = await cli(['check', scenario('postgres://u:hunter2@127.0.0.1/db')]);
  assert.equal(inline.code, 0, inline.output);
  assert.match(
    inline.output,
    /pg\.load\.yaml:8:\d+: warning: a password written in a scenario ends up in its repository/,
  );
});

test('run: a database that is not there stops the run before any load (exit 2), password masked', async () => {
  const port = await refusedPort();
  const password = 'never-shown-4711';
  const r = await cli(
    ['run', scenario(`postgres://stampede@127.0.0.1:${port}/loadtests`), '--quiet', '--demo-target'],
    { env: { PGPASSWORD: password } },
  );
  assert.equal(r.code, 2, r.output);
  assert.match(
    r.output,
    new RegExp(
      `cannot write results to PostgreSQL: nothing accepts connections at postgres://stampede@127\\.0\\.0\\.1:${port}/loadtests: start PostgreSQL`,
    ),
  );
  assert.doesNotMatch(r.output, /demo target|started with/);
  assert.ok(!r.output.includes(password));
});
