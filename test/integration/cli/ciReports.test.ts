// CI reports from a real run: the bundled CLI runs a scenario against the embedded demo target
// (loopback, 1 s, 2 users, bounded) with a threshold that cannot hold and a check the target
// fails. It exits 1 and writes JUnit XML (parsed back with fast-xml-parser), the Markdown summary,
// and appends the same summary to GITHUB_STEP_SUMMARY; the secret passed with --env is in none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCli as cli, startCli } from './runCli';

const LISTENING = /master listening on (tcp:\/\/\S+)/;

const SECRET = 'tok-9f8e7d6c5b4a';

const SCENARIO = `name: CI reports
workers: 0
secrets: [TOKEN]
load: { users: 2, spawnRate: 20, duration: 1s }
# Two user kinds, not two tasks of one: kinds are split exactly by weight (one user each), so both
# requests run in a 1 s run however slow the machine; a task is picked at random per iteration.
users:
  - name: shopper
    think: 50ms
    tasks:
      - name: browse
        get: /products
        headers: { Authorization: "Bearer {{ env.TOKEN }}" }
        check: { status: 418 }
  - name: prober
    think: 50ms
    tasks:
      - name: health
        get: /health
        check: { status: 200 }
thresholds:
  - p50 < 0.001ms
  - failures <= 100%
output:
  junit: results/junit.xml
  markdown: results/summary.md
`;

interface Case {
  name: string;
  failure?: { message: string; type: string };
}

test('a run with a failing threshold writes JUnit, Markdown and the GitHub step summary', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-ci-'));
  const file = path.join(dir, 'ci.load.yaml');
  fs.writeFileSync(file, SCENARIO);
  const stepSummary = path.join(dir, 'step-summary.md');
  fs.writeFileSync(stepSummary, '# an earlier step\n');

  const r = await cli(['run', file, '--demo-target', '--quiet', '--env', `TOKEN=${SECRET}`], {
    env: { GITHUB_STEP_SUMMARY: stepSummary },
  });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /thresholds failed: p50 < 0\.001ms/);
  assert.match(r.stderr, /wrote .*results\/junit\.xml/);

  const xml = fs.readFileSync(path.join(dir, 'results/junit.xml'), 'utf8');
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (n) => n === 'testsuite' || n === 'testcase',
  }).parse(xml) as {
    testsuites: { tests: string; failures: string; testsuite: Array<{ testcase?: Case[] }> };
  };
  const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
  const byName = new Map(cases.map((c) => [c.name, c]));
  assert.deepEqual(
    cases.map((c) => c.name),
    [
      'the run completed and some request succeeded',
      'p50 < 0.001ms',
      'failures <= 100%',
      'GET browse: status 418',
      'GET health: status 200',
    ],
  );
  assert.equal(
    byName.get('the run completed and some request succeeded')!.failure,
    undefined,
    '/health succeeded',
  );
  assert.match(
    byName.get('p50 < 0.001ms')!.failure!.message,
    /^p50 < 0\.001ms: measured [\d.]+ ms, limit < 0\.001 ms$/,
  );
  assert.equal(byName.get('failures <= 100%')!.failure, undefined);
  assert.match(
    byName.get('GET browse: status 418')!.failure!.message,
    /^(\d+) of \1 responses failed status 418; first: expected 418, got 200$/,
  );
  assert.equal(byName.get('GET health: status 200')!.failure, undefined);
  assert.equal(Number(doc.testsuites.failures), 2);

  const md = fs.readFileSync(path.join(dir, 'results/summary.md'), 'utf8');
  assert.match(
    md,
    /^<!-- stampede summary -->\n\n## ❌ Stampede: CI reports failed\n\n> thresholds failed: p50 \\< 0\.001ms\n/,
  );
  assert.match(md, /\| ❌ fail \| p50 \\< 0\.001ms \| [\d.]+ ms \| \\< 0\.001 ms \|/);
  assert.match(md, /\| ❌ \| GET browse \| status 418 \| (\d+) of \1 \| expected 418, got 200 \|/);
  assert.equal(
    fs.readFileSync(stepSummary, 'utf8'),
    `# an earlier step\n${md}\n`,
    'the same summary, appended',
  );

  for (const f of ['results/junit.xml', 'results/summary.md', 'step-summary.md'])
    assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), new RegExp(SECRET), `no secret in ${f}`);
});

test('`stampede master` appends its summary to GITHUB_STEP_SUMMARY as `run` does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-ci-master-'));
  const file = path.join(dir, 'dist.load.yaml');
  // The demo target is the master's: a scenario for master + worker names a loopback server.
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    fs.writeFileSync(
      file,
      `name: distributed CI\ntarget: http://127.0.0.1:${(server.address() as net.AddressInfo).port}\nload: { users: 2, spawnRate: 20, duration: 1s }\nusers:\n  - think: 50ms\n    tasks:\n      - get: /\n`,
    );
    const stepSummary = path.join(dir, 'step-summary.md');
    const env = { env: { GITHUB_STEP_SUMMARY: stepSummary, STAMPEDE_TOKEN: 'ci-master-token' } };
    // Port 0 and the address the master says it bound: a port found free and then closed can be
    // taken by another process before the master binds it.
    const master = startCli(
      ['master', file, '--bind', 'tcp://127.0.0.1:0', '--expect-workers', '1', '--quiet'],
      env,
    );
    await master.until(LISTENING);
    const address = LISTENING.exec(master.stderr() + master.stdout())![1];
    const worker = cli(['worker', '--master', address, '--id', 'w1'], env);
    const [m] = await Promise.all([master.exited, worker]);
    assert.equal(m.code, 0, m.stderr);
    assert.match(
      fs.readFileSync(stepSummary, 'utf8'),
      /^<!-- stampede summary -->\n\n## ✅ Stampede: distributed CI passed/,
    );
  } finally {
    await new Promise((r) => server.close(r));
  }
});
