// A worker busy stopping many users is silent for longer than the heartbeat rule allows (seen with
// 16,700 users per worker: 3.1-3.7 s of silence while their sockets closed), and on an overloaded
// machine a worker may be declared missing mid-run and still be there at the stop. Either way the
// stop asks it for its final report and waits for it within the stop's own limit: its last
// interval is merged, and the run is sound. (Over the in-memory transport, every message still
// encoded; a stalled worker's messages are late, not lost, as over ZeroMQ.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import { createMemoryHub } from '../../../engine/transport/memory';
import { runWorker } from '../../../engine/worker/worker';
import { silentLogger } from '../../../engine/log';
import { runOutcome } from '../../../engine/session/outcome';
import type { WorkerDeps } from '../../../engine/worker/deps';
import type { RunResult } from '../../../engine/master/types';
import { closedScenario, fakeGenerators, snapshotWaiter, stallable, type FakeGenerators } from './fakes';

const HEARTBEAT_MS = 250;

type Stall = ReturnType<typeof stallable>;

function setup(
  stopWith?: (inner: () => Promise<void>, busy: Stall) => Promise<void>,
  gracefulStopMs?: number,
) {
  const fakes = fakeGenerators(2);
  const hub = createMemoryHub();
  const busy = stallable(hub.connect('w2'));
  const busyDeps: WorkerDeps = {
    ...fakes.deps,
    createLoadGenerator: (ctx) => {
      const inner = fakes.deps.createLoadGenerator(ctx);
      return {
        get users() {
          return inner.users;
        },
        setLoad: (share) => inner.setLoad(share),
        drain: (final) => inner.drain(final),
        stop: (graceMs, options) => {
          const stop = () => inner.stop(graceMs, options);
          return stopWith ? stopWith(stop, busy) : stop();
        },
      };
    },
  };
  const scenario = closedScenario(10, 60_000);
  if (gracefulStopMs !== undefined) scenario.load = { ...scenario.load, gracefulStopMs };
  const w = snapshotWaiter();
  const handle = startRun(
    {
      scenarioPath: 'fake',
      source: JSON.stringify(scenario),
      scenario,
      overrides: { expectWorkers: 2, heartbeatMs: HEARTBEAT_MS },
      onSnapshot: w.onSnapshot,
    },
    { transport: hub.master, snapshotIntervalMs: 20, reportIntervalMs: 20 },
  );
  const runs = [
    runWorker(hub.connect('w1'), { workerId: 'w1', log: silentLogger, deps: fakes.deps }),
    runWorker(busy.transport, { workerId: 'w2', log: silentLogger, deps: busyDeps }),
  ];
  return { fakes, busy, w, handle, runs };
}

/** Both workers stopped, nothing lost, and every request each recorded merged exactly once. */
function assertWhole(result: RunResult, fakes: FakeGenerators): void {
  assert.equal(result.lost, undefined, JSON.stringify(result.lost));
  assert.equal(runOutcome(result).exitCode, 0);
  assert.deepEqual(
    result.snapshot.workers.map((x) => [x.id, x.state]),
    [
      ['w1', 'stopped'],
      ['w2', 'stopped'],
    ],
  );
  for (const id of ['w1', 'w2'])
    assert.equal(result.snapshot.workers.find((x) => x.id === id)?.requests, fakes.recorded.get(id), id);
  assert.equal(result.snapshot.total.requests, fakes.recorded.get('w1')! + fakes.recorded.get('w2')!);
}

test('a worker silent while it stops is not missing: its final report counts and the run is sound', async () => {
  // w2's stop keeps it silent for 6 heartbeats (twice the heartbeat rule's 3), then it reports.
  const { fakes, w, handle, runs } = setup(async (stop, busy) => {
    busy.stall();
    await new Promise((r) => setTimeout(r, 6 * HEARTBEAT_MS));
    busy.resume();
    return stop();
  });
  await w.until((s) => s.users === 10);
  await handle.stop();
  assertWhole(await handle.done, fakes);
  await Promise.all(runs);
});

test('a worker counted missing mid-run but still there at the stop is asked for its final report', async () => {
  const { fakes, busy, w, handle, runs } = setup();
  await w.until((s) => s.users === 10);
  busy.stall();
  await w.until((s) => s.workers.find((x) => x.id === 'w2')?.state === 'missing');
  const stopped = handle.stop();
  // Its loop frees up after the stop began: its late messages and its final report arrive now.
  busy.resume();
  await stopped;
  assertWhole(await handle.done, fakes);
  await Promise.all(runs);
});

test('a worker that keeps answering while its stop takes longer than the limit is waited for', async () => {
  // No grace: the final report is due within 3 heartbeats + 2 s (2.75 s); this stop takes 4 s, and
  // the worker heartbeats all along (its loop is free), so it is alive and still stopping.
  const { fakes, w, handle, runs } = setup(async (stop) => {
    await new Promise((r) => setTimeout(r, 4000));
    return stop();
  }, 0);
  await w.until((s) => s.users === 10);
  await handle.stop();
  assertWhole(await handle.done, fakes);
  await Promise.all(runs);
});
