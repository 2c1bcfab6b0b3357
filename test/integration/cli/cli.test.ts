// The CLI as a person and CI use it: the bundled dist/cli.js in a child process, against a local
// server on a loopback port. Build first (`npm test` does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { TEST_CERT, TEST_KEY } from '../../unit/http/tlsFixture';
import { refusedPort } from '../../unit/http/servers';
import { runCli as cli } from './runCli';

async function countingServer(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    n++;
    const body = req.url === '/slow' ? '' : 'hello';
    setTimeout(() => res.end(body), req.url === '/slow' ? 30 : 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => n,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function tmpScenario(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-cli-'));
  const file = path.join(dir, 'test.load.yaml');
  fs.writeFileSync(file, text);
  return file;
}

function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

test('run: the request count matches what the server saw (within 2 %), with the --json summary last on stdout', async () => {
  const server = await countingServer();
  try {
    const file = tmpScenario(`name: count
target: ${server.url}
workers: 2
load: { users: 6, spawnRate: 100, duration: 3s }
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
    const r = await cli(['run', file, '--json', '--quiet', '--results', path.dirname(file)]);
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

test('a run that cannot start says why and exits 3, with no table of zeros and no verdicts', async () => {
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const { port } = busy.address() as net.AddressInfo;
  try {
    const file = tmpScenario(`name: never started
target: http://127.0.0.1:9
load: { users: 1, duration: 1s }
users:
  - tasks:
      - get: /
thresholds:
  - failures < 1%
output: { json: never.json }
`);
    const r = await cli([
      'master',
      file,
      '--bind',
      `tcp://127.0.0.1:${port}`,
      '--expect-workers',
      '1',
      '--token',
      'cli-test',
      '--quiet',
    ]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`cannot bind the master to tcp://127.0.0.1:${port}: Address already in use`),
    );
    assert.doesNotMatch(r.stdout + r.stderr, /Aggregated|PASS|FAIL|wrote /);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'never.json')), false);
  } finally {
    await new Promise((r) => busy.close(r));
  }
});

test('run --insecure reaches a forked worker: a self-signed HTTPS server is loaded without errors', async () => {
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const file = tmpScenario(`name: tls
target: https://127.0.0.1:${(server.address() as net.AddressInfo).port}
workers: 1
load: { users: 2, duration: 1s }
users:
  - think: 20ms
    tasks:
      - get: /
output: {}
`);
    const refused = lastJson((await cli(['run', file, '--quiet', '--json'])).stdout);
    assert.equal(refused.failures, refused.requests);
    assert.match(JSON.stringify(refused.errors), /certificate is not trusted/);
    const r = await cli(['run', file, '--quiet', '--json', '--insecure']);
    assert.equal(r.code, 0, r.stderr);
    const accepted = lastJson(r.stdout);
    assert.ok((accepted.requests as number) > 10 && accepted.failures === 0, JSON.stringify(accepted));
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('check: FILE:LINE:COL: severity: message, exit 2 on errors, 0 on a clean file', async () => {
  const bad = tmpScenario(
    'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - name: u\n    thnik: 1s\n    tasks:\n      - get: http://127.0.0.1:1/\n',
  );
  const r = await cli(['check', bad]);
  assert.equal(r.code, 2);
  assert.ok(r.stdout.includes(`${bad}:5:5: error: unknown key \`thnik\``), r.stdout);
  assert.match(r.stdout, /did you mean `think`/);
  const good = tmpScenario(
    'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - name: u\n    tasks:\n      - get: http://127.0.0.1:1/\n',
  );
  const ok = await cli(['check', good]);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.stdout, '');
});

test("a person's mistakes get a message and exit 2, never a stack trace", async () => {
  const cases: Array<[string[], RegExp]> = [
    [['run', '/no/such/file.load.yaml'], /cannot read \/no\/such\/file\.load\.yaml: no such file/],
    [['run'], /run needs a scenario file/],
    [['run', 'x.load.yaml', '--users', 'many'], /--users needs a number/],
    [['quick', 'not a url'], /is not a URL/],
    [['quick', 'ftp://127.0.0.1/'], /http and https/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', tmpScenario('{{{{ not yaml')], /error/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout + r.stderr, pattern, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `no stack trace for ${args.join(' ')}`);
  }
});

test('quick: an ad-hoc test of one URL prints the same summary shape', async () => {
  const server = await countingServer();
  try {
    const r = await cli(['quick', `${server.url}/`, '-c', '4', '-d', '1', '--json', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const s = lastJson(r.stdout);
    assert.ok((s.requests as number) > 50);
    assert.equal(s.failures, 0);
    assert.equal((s.entries as unknown[]).length, 1);
  } finally {
    await server.close();
  }
});
