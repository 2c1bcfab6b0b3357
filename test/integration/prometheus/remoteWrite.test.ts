// The Prometheus output through the bundled CLI, against real HTTP servers on loopback: the series
// a receiver decodes end at the numbers of the run's JSON summary, a receiver that fails mid-run
// gets the samples later, and whatever cannot be used is found before the load (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { refusedPort } from '../../unit/http/servers';
import { lastValue, startReceiver } from './receiver';
import { runCli as cli } from '../cli/runCli';

function scenario(prometheus: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-prom-'));
  const file = path.join(dir, 'p.load.yaml');
  fs.writeFileSync(
    file,
    `name: prom
load: { stages: [{ duration: 3s, users: 3, spawnRate: 30 }] }
workers: 1
users:
  - think: 5ms
    tasks:
      - { name: list, get: /products }
      - { name: 'odd "name"\\\\', get: /products/P1 }
output:
  prometheus: ${prometheus}
`,
  );
  return file;
}

interface Summary {
  requests: number;
  entries: Array<{ name: string; method: string; requests: number; failures: number }>;
}

test('remote write: the last samples equal the JSON summary, after a receiver that failed mid-run recovered', async () => {
  // POST 0 is the preflight; 2 and 3 fail as an overloaded receiver does; the rest are taken.
  const receiver = await startReceiver((n) => (n === 2 || n === 3 ? 503 : 204));
  try {
    const file = scenario(`{ remoteWrite: "${receiver.url}", labels: { team: qa } }`);
    const r = await cli(['run', file, '--demo-target', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop() as string) as Summary;
    assert.ok(summary.requests > 0);
    assert.deepEqual(receiver.statuses.slice(0, 4), [204, 204, 503, 503]);
    assert.equal(receiver.firstHeaders?.['content-encoding'], 'snappy');
    assert.equal(receiver.firstHeaders?.['x-prometheus-remote-write-version'], '0.1.0');
    assert.equal(receiver.firstHeaders?.['content-type'], 'application/x-protobuf');
    assert.match(r.stderr, /cannot send to .* \(HTTP 503/);
    assert.match(r.stderr, /takes samples again/);
    assert.doesNotMatch(r.stderr, /could not be sent/);
    const total = lastValue(receiver.accepted, 'stampede_http_requests_total', {
      request: 'Aggregated',
      team: 'qa',
    });
    assert.equal(total, summary.requests);
    for (const e of summary.entries) {
      const labels = { request: e.name, method: e.method, team: 'qa' };
      assert.equal(lastValue(receiver.accepted, 'stampede_http_requests_total', labels), e.requests, e.name);
      assert.equal(
        lastValue(receiver.accepted, 'stampede_http_request_failures_total', labels),
        e.failures,
        e.name,
      );
    }
    // Every second's samples arrived once, retried ones included: timestamps strictly increase.
    const times = receiver.accepted.flatMap((req) =>
      req.timeseries
        .filter((ts) => ts.labels.some((l) => l.value === 'stampede_users'))
        .flatMap((ts) => ts.samples.map((s) => s.timestamp)),
    );
    assert.ok(times.length >= 3);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(new Set(times).size, times.length);
  } finally {
    await receiver.close();
  }
});

test('remote write: samples the receiver refuses for good are counted at the end, and the run still passes', async () => {
  const receiver = await startReceiver((n) => (n === 0 ? 204 : 400));
  try {
    const r = await cli(['run', scenario(`{ remoteWrite: "${receiver.url}" }`), '--demo-target']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /prometheus: \d+ of \d+ samples could not be sent to .* \(HTTP 400: status 400 by the test's script\)/,
    );
  } finally {
    await receiver.close();
  }
});

test('preflight: a receiver that is down, or not a remote-write endpoint, stops the run before the load (exit 2)', async () => {
  const port = await refusedPort();
  const down = await cli([
    'run',
    scenario(`{ remoteWrite: "http://127.0.0.1:${port}/api/v1/write" }`),
    '--demo-target',
  ]);
  assert.equal(down.code, 2, down.stderr);
  assert.match(down.stderr, /output\.prometheus\.remoteWrite: cannot send to .*connection refused/);
  assert.doesNotMatch(down.stdout + down.stderr, /Aggregated/); // no table: no load ran

  const notFound = await startReceiver(() => 404);
  try {
    const r = await cli(['run', scenario(`{ remoteWrite: "${notFound.url}" }`), '--demo-target']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /HTTP 404.*--web\.enable-remote-write-receiver/);
    assert.equal(notFound.statuses.length, 1);
  } finally {
    await notFound.close();
  }
});

test('preflight: a /metrics port in use stops the run before the load (exit 2)', async () => {
  const holder = net.createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  try {
    const { port } = holder.address() as AddressInfo;
    const r = await cli(['run', scenario(`{ listen: ${port} }`), '--demo-target']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port} is in use by another program`));
    assert.doesNotMatch(r.stdout + r.stderr, /Aggregated/);
  } finally {
    await new Promise((r) => holder.close(r));
  }
});

test('remote write logs in: a bearer token from the environment, basic auth and a tenant header; a refused login stops the run before the load, the token masked', async () => {
  const TOKEN = 'prom-tok-8d7c6b5a';
  const receiver = await startReceiver((_n, h) => (h.authorization === `Bearer ${TOKEN}` ? 204 : 401));
  try {
    const file = scenario(`{ remoteWrite: "${receiver.url}", bearerToken: "{{ env.PROM_TOKEN }}" }`);
    const ok = await cli(['run', file, '--demo-target', '--quiet'], { env: { PROM_TOKEN: TOKEN } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(receiver.accepted.length > 1, 'samples were taken');
    assert.ok(receiver.statuses.every((s) => s === 204));

    const wrong = await cli(['run', file, '--demo-target'], { env: { PROM_TOKEN: `${TOKEN}-old` } });
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /HTTP 401: bad login: Bearer \*\*\*; the receiver refused the login/);
    assert.doesNotMatch(wrong.stdout + wrong.stderr, new RegExp(TOKEN));
    assert.doesNotMatch(wrong.stdout + wrong.stderr, /Aggregated/); // no load ran
  } finally {
    await receiver.close();
  }

  const basic = await startReceiver();
  try {
    const r = await cli(
      [
        'run',
        scenario(
          `{ remoteWrite: "${basic.url}", basicAuth: { username: loader, password: "{{ env.PROM_PASSWORD }}" }, headers: { X-Scope-OrgID: load-tests } }`,
        ),
        '--demo-target',
        '--quiet',
      ],
      { env: { PROM_PASSWORD: 'pa:ss/word' } },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      basic.firstHeaders?.authorization,
      `Basic ${Buffer.from('loader:pa:ss/word').toString('base64')}`,
    );
    assert.equal(basic.firstHeaders?.['x-scope-orgid'], 'load-tests');
  } finally {
    await basic.close();
  }
});
