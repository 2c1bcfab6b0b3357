// A worker busy stopping many users is silent for longer than the heartbeat rule allows (seen with
// 16,700 users per worker: 3.1-3.7 s of silence while their sockets closed). While it stops, only
// the stop's own limit for final reports decides: it is not declared missing by the heartbeat rule,
// its final report is merged, and the run is sound. (Over the in-memory transport, every message
// still encoded.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import { createMemoryHub } from '../../../engine/transport/memory';
import { runWorker } from '../../../engine/worker/worker';
import { silentLogger } from '../../../engine/log';
import { runOutcome } from '../../../engine/session/outcome';
import type { WorkerDeps } from '../../../engine/worker/deps';
import { closedScenario, fakeGenerators, silenceable, snapshotWaiter } from './fakes';

test('a worker silent while it stops is not missing: its final report counts and the run is sound', async () => {
  const fakes = fakeGenerators(2);
  const hub = createMemoryHub();
  const busy = silenceable(hub.connect('w2'));
  let stopped!: () => void;
  const silentStop = new Promise<void>((r) => (stopped = r));
  // w2's stop keeps it silent for 6 heartbeats (twice the heartbeat rule's 3), then it reports.
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
        async stop(graceMs, options) {
          busy.silence();
          await new Promise((r) => setTimeout(r, 6 * 250));
          busy.speak();
          stopped();
          return inner.stop(graceMs, options);
        },
      };
    },
  };
  const scenario = closedScenario(10, 60_000);
  const w = snapshotWaiter();
  const handle = startRun(
    {
      scenarioPath: 'fake',
      source: JSON.stringify(scenario),
      scenario,
      overrides: { expectWorkers: 2, heartbeatMs: 250 },
      onSnapshot: w.onSnapshot,
    },
    { transport: hub.master, snapshotIntervalMs: 20, reportIntervalMs: 20 },
  );
  const runs = [
    runWorker(hub.connect('w1'), { workerId: 'w1', log: silentLogger, deps: fakes.deps }),
    runWorker(busy.transport, { workerId: 'w2', log: silentLogger, deps: busyDeps }),
  ];
  await w.until((s) => s.users === 10);
  await handle.stop();
  const result = await handle.done;
  await silentStop;
  assert.equal(result.lost, undefined, JSON.stringify(result.lost));
  assert.equal(runOutcome(result).exitCode, 0);
  assert.deepEqual(
    result.snapshot.workers.map((x) => [x.id, x.state]),
    [
      ['w1', 'stopped'],
      ['w2', 'stopped'],
    ],
  );
  // Everything each worker recorded, its final interval included, was merged exactly once.
  assert.equal(result.snapshot.workers.find((x) => x.id === 'w2')?.requests, fakes.recorded.get('w2'));
  assert.equal(result.snapshot.workers.find((x) => x.id === 'w1')?.requests, fakes.recorded.get('w1'));
  assert.equal(result.snapshot.total.requests, fakes.recorded.get('w1')! + fakes.recorded.get('w2')!);
  await Promise.all(runs);
});
