// Workers on other hosts: two network namespaces made by this test, each with a `stampede worker`
// and the demo target on its own loopback, and the master on a bridge address (beyond loopback,
// so with a token). Users are split 4 + 4 across the link; then one host's link is cut: the master
// declares that worker missing and moves its users to the other, and the cut-off worker stops its
// load and exits on its own (no orphan load), all within the protocol's timeouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startRun } from '../../engine/master/index';
import type { Logger } from '../../engine/log';
import { CLI_SOURCE, freePort, parse, SnapshotWaiter } from '../integration/distributed/helpers';
import { createTestNetwork, netnsUnavailable } from './netns';

const TARGET_PORT = 18181;

function inNamespace(exec: string[], args: string[]): { child: ChildProcess; out: () => string } {
  const child = spawn(exec[0], [...exec.slice(1), process.execPath, '--import', 'tsx', CLI_SOURCE, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  return { child, out: () => out };
}

async function until(what: string, cond: () => boolean, limitMs: number): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > limitMs) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('workers in two network namespaces: split across a real link, one link cut, its users move', async () => {
  // Not a quiet skip: this machine is documented to allow it, so say why it cannot, and fail.
  const why = netnsUnavailable();
  assert.equal(why, undefined, `network namespaces are needed for this test: ${why}`);
  const net = createTestNetwork(2);
  const children: ChildProcess[] = [];
  const lines: string[] = [];
  const log: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  try {
    const targets = net.namespaces.map((h) =>
      inNamespace(h.exec, ['demo-target', '--port', String(TARGET_PORT)]),
    );
    children.push(...targets.map((t) => t.child));
    for (const t of targets)
      await until('the demo target in its namespace', () => t.out().includes('listening'), 20_000);

    const source = [
      'name: two hosts',
      `target: http://127.0.0.1:${TARGET_PORT}`,
      'load: { users: 8, spawnRate: 100, duration: 60s }',
      'users:',
      '  - name: u',
      '    think: 20ms',
      '    tasks:',
      '      - get: /',
      '',
    ].join('\n');
    const address = `tcp://${net.masterIp}:${await freePort()}`;
    const waiter = new SnapshotWaiter();
    const handle = startRun({
      scenarioPath: 'netns.load.yaml',
      source,
      scenario: parse(source),
      overrides: { bind: address, token: 'netns-test', expectWorkers: 2 },
      onSnapshot: waiter.onSnapshot,
      log,
    });
    const workers = net.namespaces.map((h, i) =>
      inNamespace(h.exec, ['worker', '--master', address, '--token', 'netns-test', '--id', `host-${i}`]),
    );
    children.push(...workers.map((w) => w.child));

    // Both hosts carry half of the users, and both send load.
    const split = await waiter.until(
      (s) => s.workers.length === 2 && s.workers.every((w) => w.users === 4 && w.requests > 50),
    );
    assert.deepEqual(split.workers.map((w) => w.id).sort(), ['host-0', 'host-1']);

    const exited = once(workers[0].child, 'exit') as Promise<[number | null, string | null]>;
    net.namespaces[0].cut();
    const cutAt = Date.now();
    const moved = await waiter.until((s) => {
      const lost = s.workers.find((w) => w.id === 'host-0');
      const kept = s.workers.find((w) => w.id === 'host-1');
      return lost?.state === 'missing' && kept?.users === 8;
    });
    assert.ok(Date.now() - cutAt < 6000, `users moved ${Date.now() - cutAt} ms after the cut`);
    const requestsAtMove = moved.workers.find((w) => w.id === 'host-1')!.requests;

    const [code] = await exited;
    assert.equal(code, 3, `the cut-off worker leaves on its own:\n${workers[0].out()}`);
    assert.ok(Date.now() - cutAt < 9000, `it exited ${Date.now() - cutAt} ms after the cut`);
    assert.match(workers[0].out(), /heard nothing from the master for 5000 ms; stopped all users/);

    // The remaining host goes on with all 8 users.
    await waiter.until(
      (s) => (s.workers.find((w) => w.id === 'host-1')?.requests ?? 0) > requestsAtMove + 100,
    );
    await handle.stop();
    const result = await handle.done;
    assert.equal(result.error, undefined);
    assert.ok(
      lines.some((l) => /worker host-0 .*missing/i.test(l)),
      lines.join('\n'),
    );
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    net.destroy();
  }
});
