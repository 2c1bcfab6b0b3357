// `stampede runs` and `stampede compare` on real result files: two short runs against the embedded
// demo target (--demo-target, in-process workers), kept in one results folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './runCli';

const cli = runCli;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-runs-'));
const results = path.join(dir, 'results');
const scenario = (name: string, home: string, extra: string): string => {
  const file = path.join(dir, `${name}.load.yaml`);
  fs.writeFileSync(
    file,
    `name: ${name}\nload: { users: 2, spawnRate: 100, duration: 1s }\nworkers: 0\nusers:\n  - think: 20ms\n    tasks:\n      - name: home\n        get: ${home}\n${extra}`,
  );
  return file;
};

/**
 * Two kept runs: in the second, `home` waits 500 ms at the server, and a second user kind (one of
 * the two users: kinds keep their weights) makes a request the first run did not. The added
 * request is its own user kind, not a task beside `home`: a task is picked at random each
 * iteration, and a 1 s run of two users whose tasks took 500 ms sometimes never picked it.
 */
const runs = (async () => {
  const first = await cli([
    'run',
    scenario('first', '/', ''),
    '--demo-target',
    '--results',
    results,
    '--quiet',
  ]);
  assert.equal(first.code, 0, first.stderr);
  const second = await cli([
    'run',
    scenario(
      'second',
      '/delay/500',
      '  - think: 400ms\n    tasks:\n      - name: extra\n        get: /json\n',
    ),
    '--demo-target',
    '--results',
    results,
    '--quiet',
  ]);
  assert.equal(second.code, 0, second.stderr);
  const json = fs.readdirSync(results).filter((f) => f.endsWith('.json'));
  const of = (name: string): string =>
    path.join(
      results,
      json.find((f) => f.startsWith(`${name}-`))!,
    );
  return { base: of('first'), next: of('second') };
})();

test('runs lists the kept runs newest first with their figures and verdicts', async () => {
  await runs;
  fs.writeFileSync(path.join(results, 'other-tool.json'), '{"hello": 1}');
  const r = await cli(['runs', '--results', results]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(
    lines[0],
    /^date\s+scenario\s+duration\s+requests\s+req\/s\s+failures\s+p95 ms\s+verdict\s+file$/,
  );
  assert.match(
    lines[2],
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+second\s+0:0\d\s+\d+\s+[\d.]+\s+0\.00%\s+[\d.]+\s+passed\s+\S+second-\S+\.json$/,
  );
  assert.match(lines[3], /\sfirst\s.*passed\s+\S+first-\S+\.json$/);
  assert.equal(lines.length, 4);
  assert.match(r.stderr, /skipped 1 JSON file\(s\) that are not runs: .*other-tool\.json/);
  const last = await cli(['runs', '--results', results, '--last', '1']);
  assert.equal(last.stdout.trim().split('\n').length, 3);
  assert.match(last.stdout, /second/);
  const none = await cli(['runs', '--results', path.join(dir, 'nowhere')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no results folder at .*nowhere\n {2}give the folder/);
});

test('compare two real runs: per-request deltas, the added request, markdown, and --fail-if', async () => {
  const { base, next } = await runs;
  const r = await cli(['compare', base, next]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^GET home\s+[\d.]+ → [\d.]+ \([+-]?[\d.]+%\)/m);
  assert.match(r.stdout, /^Total\s/m);
  assert.match(r.stdout, /added \(only in the new run\):\n {2}GET extra: /);

  const md = await cli(['compare', base, next, '--markdown']);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /^\| Request \| req\/s \| failures \| p50 ms \| p95 ms \| p99 ms \|$/m);
  assert.match(md.stdout, /^\| \*\*Total\*\* \|/m);

  const gate = await cli(['compare', base, next, '--fail-if', 'p95>+100ms,failures>+1pp']);
  assert.equal(gate.code, 1, gate.stdout + gate.stderr);
  assert.match(
    gate.stdout,
    /p95>\+100ms broken: p95 changed \+[\d.]+ms \([\d.]+ → [\d.]+\), limit \+100\.00ms/,
  );
  assert.doesNotMatch(gate.stdout, /failures>\+1pp broken/);

  const held = await cli(['compare', base, base, '--fail-if', 'p95>+10%']);
  assert.equal(held.code, 0);
  assert.match(held.stdout, /every --fail-if rule held: p95>\+10%/);
});

test('compare refuses a bad file or rule with exit 2, saying where, what and how to fix', async () => {
  const { base } = await runs;
  const missing = await cli(['compare', base, path.join(dir, 'missing.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing\.json does not exist\n {2}give the JSON result file/);
  const rule = await cli(['compare', base, base, '--fail-if', 'p95>+10%,speed<-5%']);
  assert.equal(rule.code, 2);
  assert.match(
    rule.stderr,
    /--fail-if rule 2 \("speed<-5%"\): unknown metric "speed"\n {2}metrics: rps, failures, p50, p95, p99/,
  );
  const one = await cli(['compare', base]);
  assert.equal(one.code, 2);
  assert.match(one.stderr, /compare takes two run files/);
});
