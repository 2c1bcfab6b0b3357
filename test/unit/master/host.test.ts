// The extension's engine process logic over a fake IPC channel: a run forwards snapshots and ends
// with `finished`; an invalid scenario is refused with exit code 2; a closed channel stops the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EngineToHost, RunOverrides } from '../../../common/protocol/host';
import { runHost } from '../../../engine/host/host';
import type { HostChannel } from '../../../engine/host/host';

function fakeChannel() {
  const sent: EngineToHost[] = [];
  let onMessage: (raw: unknown) => void = () => undefined;
  let onClose: () => void = () => undefined;
  const waits: Array<[(m: EngineToHost) => boolean, () => void]> = [];
  const channel: HostChannel = {
    send: async (m) => {
      sent.push(m);
      for (const w of waits.splice(0)) {
        if (w[0](m)) w[1]();
        else waits.push(w);
      }
    },
    onMessage: (l) => (onMessage = l),
    onClose: (l) => (onClose = l),
  };
  return {
    channel,
    sent,
    deliver: (m: unknown) => onMessage(m),
    close: () => onClose(),
    until: (p: (m: EngineToHost) => boolean) => new Promise<void>((r) => waits.push([p, r])),
  };
}

const noDemo = { startDemoTarget: () => Promise.reject(new Error('no demo target in this test')) };

async function server(): Promise<{ url: string; close(): Promise<void> }> {
  const s = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise((r) => (s.closeAllConnections(), s.close(() => r()))),
  };
}

const yaml = (url: string) =>
  `name: host test\ntarget: ${url}\nload:\n  users: 2\n  spawnRate: 100\n  duration: 60s\nworkers: 0\nusers:\n  - name: u\n    think: 20ms\n    tasks:\n      - name: hello\n        get: /hello\n`;

test('start runs in-process, forwards snapshots and ends with finished', async () => {
  const target = await server();
  const c = fakeChannel();
  const exit = runHost(c.channel, noDemo);
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-host-'));
  c.deliver({
    kind: 'start',
    file: '/tmp/host.load.yaml',
    source: yaml(target.url),
    options: { workers: 0, durationMs: 1200, resultsDir },
  });
  const code = await exit;
  const snapshots = c.sent.filter((m) => m.kind === 'snapshot');
  const finished = c.sent.find((m) => m.kind === 'finished');
  assert.equal(code, 0);
  assert.ok(snapshots.length >= 1);
  assert.equal(finished?.kind === 'finished' && finished.exitCode, 0);
  const last = snapshots[snapshots.length - 1];
  assert.equal(last.kind === 'snapshot' && last.snapshot.state, 'stopped');
  // A results folder without `output` in the scenario gets the default files, and they exist.
  const files = finished?.kind === 'finished' ? finished.resultFiles : [];
  assert.ok(files.length > 0);
  for (const f of files) assert.ok(fs.existsSync(f), f);
  fs.rmSync(resultsDir, { recursive: true, force: true });
  await target.close();
});

test('an invalid scenario ends with exit code 2 and says where', async () => {
  const c = fakeChannel();
  const exit = runHost(c.channel, noDemo);
  c.deliver({ kind: 'start', file: '/tmp/bad.load.yaml', source: 'name: [', options: {} });
  assert.equal(await exit, 2);
  const finished = c.sent.find((m) => m.kind === 'finished');
  assert.match(finished?.kind === 'finished' ? finished.message : '', /bad\.load\.yaml:\d+:\d+/);
});

test('a closed channel (the extension died) stops the run and leaves', async () => {
  const target = await server();
  const c = fakeChannel();
  const exit = runHost(c.channel, noDemo);
  c.deliver({
    kind: 'start',
    file: '/tmp/host.load.yaml',
    source: yaml(target.url),
    options: { workers: 0 },
  });
  await c.until((m) => m.kind === 'snapshot' && m.snapshot.users === 2);
  c.close();
  assert.equal(await exit, 3);
  await target.close();
});

test('env: the envFile option and the environment give values; a missing one ends with exit 2 naming it, before any request', async () => {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers['x-key'] ?? ''}`);
    res.end('ok');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-host-env-'));
  const envFile = path.join(dir, 'vscode.env');
  fs.writeFileSync(envFile, 'HOST_TEST_KEY=from-setting\n');
  const source = (name: string) =>
    `target: ${url}\nload: { users: 1, duration: 60s }\nworkers: 0\nsecrets: [HOST_TEST_KEY]\nusers:\n  - tasks:\n      - get: /k\n        headers: { X-Key: "{{ env.${name} }}" }\n`;
  try {
    // One engine process per run, as the extension starts them.
    const runWith = async (name: string, options: RunOverrides) => {
      const c = fakeChannel();
      const exit = runHost(c.channel, noDemo);
      c.deliver({ kind: 'start', file: path.join(dir, 'a.load.yaml'), source: source(name), options });
      return { code: await exit, sent: c.sent };
    };
    const missing = await runWith('HOST_TEST_NONE', {});
    assert.equal(missing.code, 2);
    const finished = missing.sent.find((m) => m.kind === 'finished');
    assert.match(
      finished?.kind === 'finished' ? finished.message : '',
      /HOST_TEST_NONE \(used at .*a\.load\.yaml:8:31\)/,
    );
    assert.equal(seen.length, 0);

    const c = await runWith('HOST_TEST_KEY', { envFile, durationMs: 1000 });
    assert.equal(c.code, 0);
    assert.ok(seen.length > 0 && seen.every((l) => l === '/k from-setting'), seen.slice(0, 3).join());
    // The value is a secret: no snapshot or log line the extension gets shows it.
    assert.ok(!JSON.stringify(c.sent).includes('from-setting'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => (s.closeAllConnections(), s.close(r)));
  }
});

test('the editor passes what the CLI passes: a target override reaches the workers', async () => {
  const target = await server();
  const c = fakeChannel();
  const exit = runHost(c.channel, noDemo);
  // The scenario points at a closed port; only the override makes its requests succeed.
  c.deliver({
    kind: 'start',
    file: '/tmp/host.load.yaml',
    source: yaml('http://127.0.0.1:1'),
    options: { workers: 0, durationMs: 600, target: target.url, insecure: true, record: false },
  });
  assert.equal(await exit, 0);
  const last = c.sent.filter((m) => m.kind === 'snapshot').pop();
  const total = last?.kind === 'snapshot' ? last.snapshot.total : undefined;
  assert.ok(total && total.requests > 0, 'no request was sent');
  assert.equal(total?.failures, 0);
  await target.close();
});

test('a run that never started writes no result files and ends with exit code 3', async () => {
  const c = fakeChannel();
  const exit = runHost(c.channel, noDemo);
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-host-'));
  // Beyond loopback without a token: the master refuses to bind, so no worker ever starts.
  c.deliver({
    kind: 'start',
    file: '/tmp/host.load.yaml',
    source: yaml('http://127.0.0.1:1'),
    options: { workers: 1, bind: 'tcp://0.0.0.0:0', resultsDir },
  });
  assert.equal(await exit, 3);
  const finished = c.sent.find((m) => m.kind === 'finished');
  assert.match(finished?.kind === 'finished' ? finished.message : '', /token/);
  assert.deepEqual(finished?.kind === 'finished' && finished.resultFiles, []);
  assert.deepEqual(fs.readdirSync(resultsDir), []);
  fs.rmSync(resultsDir, { recursive: true, force: true });
});

test('a start message with a mistyped option is dropped with a log line, not run', async () => {
  const c = fakeChannel();
  void runHost(c.channel, noDemo);
  c.deliver({ kind: 'start', file: '/tmp/x.load.yaml', source: 'name: x', options: { users: 'ten' } });
  const logged = c.sent.find((m) => m.kind === 'log');
  assert.match(logged?.kind === 'log' ? logged.message : '', /ignored an unknown message/);
  assert.equal(
    c.sent.some((m) => m.kind === 'finished'),
    false,
  );
  c.close();
});
