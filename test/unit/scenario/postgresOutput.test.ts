// `output.postgres` in `check` and the editor: a URL that is not postgres:// is an error at its
// scheme, a password written in the file is a warning (use env) at the password, `{{ env.NAME }}`
// is filled in by the run (an env use, not a stray template), and the hover text comes from the
// schema. The engine side turns the URL into a connection without ever printing the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario } from '../../../scenario/index';
import { scenarioSchema } from '../../../scenario/schema';
import { postgresTarget } from '../../../engine/recorders/postgresConfig';
import { describePostgresError } from '../../../engine/recorders/postgresConnect';

const withOutput = (url: string): string =>
  `name: x\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /\noutput:\n  postgres: "${url}"\n`;

test('a URL that is not postgres:// is an error naming the expected form', () => {
  for (const url of ['mysql://u@h/db', 'localhost:5432/db', 'results/pg']) {
    const a = analyzeScenario(withOutput(url));
    const d = a.diagnostics.find((x) => x.severity === 'error');
    assert.ok(d, `${url}: ${JSON.stringify(a.diagnostics)}`);
    assert.equal(d.code, 'bad-output');
    assert.match(d.message, /PostgreSQL URL starting with postgres:\/\//);
    assert.equal(d.range.start.line, 6);
  }
});

test('postgres:// and postgresql:// without a password are clean', () => {
  for (const url of [
    'postgres://stampede@127.0.0.1:5432/loadtests',
    'postgresql://db.internal/loadtests',
    'postgres:///loadtests',
  ]) {
    const a = analyzeScenario(withOutput(url));
    assert.deepEqual(a.diagnostics, [], url);
    assert.equal(a.scenario?.output.postgres, url);
  }
});

test('a password written in the URL is a warning at the password that says to use env', () => {
  for (const [url, password] of [
    ['postgres://stampede:hunter2@db/loadtests', 'hunter2'],
    ['postgres://stampede@db/loadtests?sslmode=require&password=hunter2', 'hunter2'],
  ]) {
    const source = withOutput(url);
    const a = analyzeScenario(source);
    const d = a.diagnostics.find((x) => x.code === 'postgres-password');
    assert.ok(d, `${url}: ${JSON.stringify(a.diagnostics)}`);
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /PGPASSWORD/);
    const line = source.split('\n')[d.range.start.line];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), password);
    // A warning, not an error: the scenario still runs.
    assert.equal(a.scenario?.output.postgres, url);
  }
});

test('`{{ env.NAME }}` in the URL is an env use the run fills in; any other template is an error', () => {
  const a = analyzeScenario(withOutput('postgres://stampede:{{ env.PGPASSWORD }}@db/loadtests'));
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(
    a.scenario?.envUses.map((u) => u.name),
    ['PGPASSWORD'],
  );
  const bad = analyzeScenario(withOutput('postgres://{{ user }}@db/loadtests'));
  const d = bad.diagnostics.find((x) => x.severity === 'error');
  assert.ok(d, JSON.stringify(bad.diagnostics));
  assert.match(d.message, /only environment values/);
});

test('the schema documents output.postgres for hover', () => {
  const doc = scenarioSchema.properties.output.properties.postgres;
  assert.match(doc.markdownDescription, /stampede_history/);
  assert.match(doc.markdownDescription, /PGPASSWORD/);
});

test('the connection: env values fill the URL (URL-encoded), the password is masked and never in `where`', () => {
  const password = 'p@ss/word:1';
  const t = postgresTarget(
    'postgres://stampede:{{ env.PGPASSWORD }}@db.internal:6543/loadtests',
    { PGPASSWORD: password },
    {},
  );
  assert.equal(t.where, 'postgres://stampede@db.internal:6543/loadtests');
  assert.equal(
    t.config.connectionString,
    `postgres://stampede:${encodeURIComponent(password)}@db.internal:6543/loadtests`,
  );
  const message = describePostgresError(Object.assign(new Error(`boom ${password}`), { code: '28P01' }), t);
  assert.ok(!message.includes(password) && !message.includes(encodeURIComponent(password)), message);
  assert.match(message, /refused the login of stampede/);
  // What the URL leaves out comes from the PG* variables, and PGPASSWORD is masked too.
  const fromEnv = postgresTarget(
    'postgres:///',
    {},
    { PGUSER: 'me', PGHOST: 'h', PGPORT: '7', PGDATABASE: 'd', PGPASSWORD: 'sekrit' },
  );
  assert.equal(fromEnv.where, 'postgres://me@h:7/d');
  assert.equal(fromEnv.mask.text('x sekrit y'), 'x *** y');
});
