// The extension's engine host (client/engineHost.ts) driving the real engine (`dist/cli.js host`,
// built by `npm test`) outside VS Code: a tiny scenario against a local HTTP server on port 0,
// with one forked worker over ZeroMQ on loopback. Snapshots arrive, stop ends the run, and no
// process of the run is left. engineHost.ts does not import vscode, so nothing needs mocking.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  groupAlive,
  processAlive,
  startRun,
  type EngineRun,
  type RunOutcome,
} from '../../../client/engineHost';
import type { RunSnapshot } from '../../../common/snapshot';

const cliPath = path.resolve(__dirname, '../../../dist/cli.js');
let server: http.Server;
let served = 0;
let target = '';
let dir = '';

before(async () => {
  server = http.createServer((_req, res) => {
    served++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-engine-host-'));
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Bounded in time by itself (30 s) even if stop were broken; the tests stop it much sooner. */
function scenario(): string {
  return [
    'name: Engine host test',
    `target: ${target}`,
    'load:',
    '  users: 2',
    '  spawnRate: 10',
    '  duration: 30s',
    'users:',
    '  - name: poller',
    '    think: 50ms',
    '    tasks:',
    '      - name: ping',
    '        get: /ping',
    '        check: { status: 200 }',
    '',
  ].join('\n');
}

/** Resolves with the first snapshot that shows traffic; rejects if the run ends before one does. */
function firstTraffic(run: EngineRun, seen: RunSnapshot[]): Promise<RunSnapshot> {
  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      const s = run.history.latest;
      if (s && s.total.requests > 0 && run.history.size >= 2) {
        clearInterval(check);
        resolve(s);
      }
    }, 20);
    void run.done.then((o: RunOutcome) => {
      clearInterval(check);
      reject(
        new Error(
          `the run ended before any traffic (exit ${o.exitCode}): ${o.message}\nsnapshots: ${seen.length}`,
        ),
      );
    });
  });
}

test('a run with one worker sends snapshots, stops on request and leaves no process', async () => {
  const logs: string[] = [];
  const seen: RunSnapshot[] = [];
  const file = path.join(dir, 'host.load.yaml');
  const run = startRun(
    { file, source: scenario(), options: { workers: 1, bind: 'tcp://127.0.0.1:0', heartbeatMs: 1000 } },
    { cliPath, cwd: dir },
    { onLog: (level, message) => logs.push(`${level}: ${message}`), onSnapshot: (s) => seen.push(s) },
  );
  const live = await firstTraffic(run, seen);
  assert.equal(live.scenario, 'Engine host test');
  assert.ok(served > 0, 'the local server saw requests');
  const workerPids = live.workers.map((w) => w.pid);
  assert.equal(workerPids.length, 1, `one worker: ${JSON.stringify(live.workers)}`);
  assert.equal(processAlive(workerPids[0]), true);

  const outcome = await run.stop();
  assert.equal(outcome.crashed, false, `${outcome.message}\n${logs.join('\n')}`);
  assert.equal(outcome.exitCode, 0, outcome.message);
  assert.ok(outcome.snapshot && outcome.snapshot.total.requests > 0);
  assert.ok(outcome.history.length >= 2);
  assert.equal(groupAlive(run.pid!), false, 'a process of the run is still alive');
  for (const pid of workerPids) assert.equal(processAlive(pid), false, `worker ${pid} is still alive`);
});

test('a scenario with errors is refused by the engine with exit code 2 and where the error is', async () => {
  const file = path.join(dir, 'broken.load.yaml');
  const run = startRun(
    { file, source: 'name: broken\nload: { users: lots }\n', options: { workers: 0 } },
    { cliPath, cwd: dir },
  );
  const outcome = await run.done;
  assert.equal(outcome.crashed, false, outcome.message);
  assert.equal(outcome.exitCode, 2);
  assert.match(outcome.message, /broken\.load\.yaml:\d+:\d+/);
  assert.equal(groupAlive(run.pid!), false);
});

test('the demo-target option sends the load to the embedded demo target instead of the scenario target', async () => {
  const file = path.join(dir, 'demo.load.yaml');
  const source = scenario()
    .replace(`target: ${target}`, 'target: http://127.0.0.1:9')
    .replace('/ping', '/health');
  const before = served;
  const logs: string[] = [];
  const seen: RunSnapshot[] = [];
  const run = startRun(
    { file, source, options: { workers: 0, demoTarget: true } },
    { cliPath, cwd: dir },
    { onLog: (level, message) => logs.push(`${level}: ${message}`), onSnapshot: (s) => seen.push(s) },
  );
  const live = await firstTraffic(run, seen);
  assert.equal(live.total.failures, 0, 'the demo target answered /health with 200');
  assert.match(logs.join('\n'), /embedded demo target at http:\/\/127\.0\.0\.1:\d+/);
  const outcome = await run.stop();
  assert.equal(outcome.exitCode, 0, outcome.message);
  assert.equal(served, before, 'the scenario target got nothing');
  assert.equal(groupAlive(run.pid!), false);
});
