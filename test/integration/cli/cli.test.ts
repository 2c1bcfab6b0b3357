// The CLI as a person and CI use it: the bundled dist/cli.js in a child process, against a local
// server on a loopback port. Build first (`npm test` does). Runs that load a target; TLS, and
// the runs that never start or are refused input, are in insecure.test.ts and mistakes.test.ts
// (one file each, so each gets the runner's whole per-file time on a busy machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { refusedPort } from '../../unit/http/servers';
import { countingServer, lastJson, runUntil, tmpScenario } from './countingTarget';
import { runCli as cli } from './runCli';

test('run: the request count matches what the server saw (within 2 %), with the --json summary last on stdout', async () => {
  const server = await countingServer();
  try {
    const file = tmpScenario(`name: count
target: ${server.url}
workers: 2
load: { users: 6, spawnRate: 100, duration: 10m }
users:
  - name: u
    think: 5ms
    tasks:
      - name: root
        weight: 3
        get: /
      - name: slow
        get: /slow
output: {}
`);
    const r = await runUntil(
      ['run', file, '--json', '--quiet', '--results', path.dirname(file)],
      server.until(500),
    );
    assert.equal(r.code, 0, r.stderr);
    const summary = lastJson(r.stdout);
    const requests = summary.requests as number;
    assert.ok(requests > 100, `enough requests: ${requests}`);
    const seen = server.count();
    assert.ok(Math.abs(requests - seen) / seen <= 0.02, `CLI counted ${requests}, server saw ${seen}`);
    const entries = summary.entries as Array<Record<string, unknown>>;
    assert.deepEqual(entries.map((e) => e.name).sort(), ['root', 'slow']);
    for (const key of ['failures', 'rps', 'p50', 'p90', 'p95', 'p99', 'max', 'errors'])
      assert.ok(key in summary, `summary has ${key}`);
    const slow = entries.find((e) => e.name === 'slow')!;
    assert.ok((slow.p50 as number) >= 30, `slow p50 ${slow.p50}`);
    const workers = summary.workers as Array<Record<string, unknown>>;
    assert.equal(workers.length, 2);
    assert.match(r.stderr, /Aggregated/); // the table goes to stderr with --json
  } finally {
    await server.close();
  }
});

test('run: a failed threshold exits 1 and says which', async () => {
  const server = await countingServer();
  try {
    const file = tmpScenario(`name: thresholds
target: ${server.url}
workers: 0
load: { users: 2, duration: 1s }
users:
  - name: u
    think: 10ms
    tasks:
      - get: /slow
thresholds:
  - p50 < 1ms
  - failures < 1%
output: {}
`);
    const r = await cli(['run', file, '--quiet', '--results', path.dirname(file)]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /FAIL\s+p50 < 1ms/);
    assert.match(r.stdout, /PASS\s+failures < 1%/);
  } finally {
    await server.close();
  }
});

test('run: no request succeeded (the target refuses) exits 1 with the reason and a hint, never "saturated"', async () => {
  const port = await refusedPort();
  // Many users with no think time spin through refused connects: the worker is busy, but the
  // refusals are the story, not the generator.
  const file = tmpScenario(`name: refused
target: http://127.0.0.1:${port}
workers: 1
load: { users: 200, spawnRate: 1000, duration: 2s }
users:
  - name: u
    tasks:
      - get: /
output: {}
`);
  const r = await cli(['run', file, '--results', path.dirname(file)]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `no request succeeded: connection refused \\(ECONNREFUSED\\) 127\\.0\\.0\\.1:${port} — is the target running\\?`,
    ),
  );
  assert.doesNotMatch(r.stdout + r.stderr, /saturated/);
});

test('quick: an ad-hoc test of one URL prints the same summary shape', async () => {
  const server = await countingServer();
  try {
    const r = await runUntil(
      ['quick', `${server.url}/`, '-c', '4', '-d', '600', '--json', '--quiet'],
      server.until(100),
    );
    assert.equal(r.code, 0, r.stderr);
    const s = lastJson(r.stdout);
    assert.ok((s.requests as number) > 50);
    assert.equal(s.failures, 0);
    assert.equal((s.entries as unknown[]).length, 1);
  } finally {
    await server.close();
  }
});
