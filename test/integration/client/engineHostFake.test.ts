// client/engineHost.ts against a fake engine (test/fixtures/client/fakeEngine.cjs): the protocol,
// the history, and that stop, a stubborn engine and a crashed engine all leave no process behind.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { groupAlive, processAlive, startRun, type EngineRun } from '../../../client/engineHost';
import type { RunSnapshot } from '../../../common/snapshot';

const fakeEngine = path.resolve(__dirname, '../../fixtures/client/fakeEngine.cjs');
const request = { file: '/tmp/fake.load.yaml', source: 'name: fake\n', options: { users: 3 } };

function start(mode: string, logs: string[] = [], onSnapshot?: (s: RunSnapshot) => void): EngineRun {
  return startRun(
    request,
    { cliPath: fakeEngine, env: { FAKE_ENGINE_MODE: mode }, stopGraceMs: 1000, killGraceMs: 500 },
    { onLog: (level, message) => logs.push(`${level}: ${message}`), onSnapshot: (s) => onSnapshot?.(s) },
  );
}

/** Resolves when `count` snapshots have arrived. */
function snapshots(count: number): {
  run: (mode: string, logs?: string[]) => EngineRun;
  arrived: Promise<RunSnapshot[]>;
} {
  const seen: RunSnapshot[] = [];
  let resolve!: (s: RunSnapshot[]) => void;
  const arrived = new Promise<RunSnapshot[]>((r) => (resolve = r));
  return {
    arrived,
    run: (mode, logs) =>
      start(mode, logs, (s) => {
        seen.push(s);
        if (seen.length === count) resolve(seen);
      }),
  };
}

function assertGone(run: EngineRun): void {
  assert.ok(run.pid !== undefined);
  assert.equal(groupAlive(run.pid), false, 'a process of the run is still alive');
}

test('snapshots arrive, setUsers reaches the engine, stop ends the run and every process', async () => {
  const logs: string[] = [];
  const s = snapshots(3);
  const run = s.run('normal', logs);
  const first = await s.arrived;
  assert.equal(first[0].users, 3, 'the options reached the engine');
  assert.match(logs.join('\n'), /fake engine started \/tmp\/fake\.load\.yaml with 11 chars/);
  assert.equal(run.state, 'running');
  const workerPid = first[0].workers[0].pid;
  assert.equal(processAlive(workerPid), true, 'the worker runs while the run does');
  assert.equal(groupAlive(run.pid!), true);
  const after = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (run.history.latest?.users === 7) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  run.setUsers(7);
  await after;
  const outcome = await run.stop();
  assert.equal(outcome.crashed, false);
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.snapshot?.state, 'stopped');
  assert.ok(outcome.history.length >= 3);
  assert.deepEqual(outcome.history, run.history.history);
  assertGone(run);
  assert.equal(processAlive(workerPid), false, 'the worker is still alive');
});

test('an engine that ignores stop and SIGTERM is killed after the grace periods', async () => {
  const s = snapshots(1);
  const run = s.run('stubborn');
  await s.arrived;
  const outcome = await run.stop();
  assert.equal(outcome.crashed, true);
  assert.equal(outcome.exitCode, 3);
  assert.match(outcome.message, /signal SIGKILL/);
  assertGone(run);
});

test('an engine that crashes is reported, and the worker it left behind is ended', async () => {
  const s = snapshots(1);
  const run = s.run('crash');
  const [first] = await s.arrived;
  const outcome = await run.done;
  assert.equal(outcome.crashed, true);
  assert.match(outcome.message, /exit code 7/);
  assertGone(run);
  assert.equal(processAlive(first.workers[0].pid), false, 'the worker is still alive');
});

test('an engine that cannot start says why', async () => {
  const run = startRun(request, {
    cliPath: path.join(__dirname, 'no-such-cli.js'),
    killGraceMs: 500,
  });
  const outcome = await run.done;
  assert.equal(outcome.crashed, true);
  assert.match(outcome.message, /Cannot find module/);
});

test('an engine whose folder does not exist says so, not just ENOENT', async () => {
  const run = startRun(request, {
    cliPath: fakeEngine,
    cwd: path.join(__dirname, 'no-such-folder'),
    killGraceMs: 500,
  });
  const outcome = await run.done;
  assert.equal(outcome.crashed, true);
  assert.match(outcome.message, /^Could not start the engine \(.+ in .+no-such-folder\): spawn .+ ENOENT$/);
});

test('dispose (deactivate) ends even a stubborn engine and its worker', async () => {
  const s = snapshots(1);
  const run = s.run('stubborn');
  const [first] = await s.arrived;
  const outcome = await run.dispose();
  assert.equal(outcome.crashed, true);
  assertGone(run);
  assert.equal(processAlive(first.workers[0].pid), false, 'the worker is still alive');
});
