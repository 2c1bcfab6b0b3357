// Over the in-memory transport (every message still encoded): a worker that goes silent is declared
// missing after 3 heartbeats, its users move to the live workers at once (exact split), its late
// reports are still merged once, and the abort policy ends the run with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import { createMemoryHub } from '../../../engine/transport/memory';
import { runWorker } from '../../../engine/worker/worker';
import { silentLogger } from '../../../engine/log';
import { runOutcome } from '../../../engine/session/outcome';
import { closedScenario, fakeGenerators, silenceable, snapshotWaiter } from './fakes';

async function setup(policy: 'rebalance' | 'abort') {
  const fakes = fakeGenerators(2);
  // No grace at the stop: the silenced worker is sent `stop` too and is lost only when its final
  // report does not come within the stop's limit (grace + 3 heartbeats + 2 s).
  const scenario = { ...closedScenario(10, 60_000) };
  scenario.load = { ...scenario.load, gracefulStopMs: 0 };
  const hub = createMemoryHub();
  const w = snapshotWaiter();
  const handle = startRun(
    {
      scenarioPath: 'fake',
      source: JSON.stringify(scenario),
      scenario,
      // Missing after 3 silent heartbeats: 750 ms, well past an event-loop stall on a loaded CI
      // machine (at 40 ms a 120 ms stall declared a live worker missing and ended the run early).
      overrides: { expectWorkers: 3, heartbeatMs: 250 },
      missingWorkerPolicy: policy,
      onSnapshot: w.onSnapshot,
    },
    { transport: hub.master, snapshotIntervalMs: 20, reportIntervalMs: 20 },
  );
  const frozen = silenceable(hub.connect('w3'));
  const runs = [
    runWorker(hub.connect('w1'), { workerId: 'w1', log: silentLogger, deps: fakes.deps }),
    runWorker(hub.connect('w2'), { workerId: 'w2', log: silentLogger, deps: fakes.deps }),
    runWorker(frozen.transport, { workerId: 'w3', log: silentLogger, deps: fakes.deps }),
  ];
  return { fakes, handle, w, frozen, runs, hub };
}

test('a silent worker is missing after 3 heartbeats and its users move to the others at once', async () => {
  const { fakes, handle, w, frozen, runs } = await setup('rebalance');
  const running = await w.until((s) => s.users === 10);
  assert.deepEqual(
    running.workers.map((x) => x.users),
    [4, 3, 3],
  );
  frozen.silence();
  const moved = await w.until(
    (s) => s.workers.find((x) => x.id === 'w3')?.state === 'missing' && s.users === 10,
  );
  assert.deepEqual(
    moved.workers.map((x) => [x.id, x.state, x.users]),
    [
      ['w1', 'running', 5],
      ['w2', 'running', 5],
      ['w3', 'missing', 0],
    ],
  );
  const w1 = fakes.shares.get('w1')!.map((s) => (s.model === 'closed' ? s.users : -1));
  assert.deepEqual(w1, [4, 5]);
  await handle.stop();
  const result = await handle.done;
  assert.equal(result.error, undefined);
  assert.equal(result.snapshot.workers.find((x) => x.id === 'w3')?.state, 'missing');
  // Its final report never came: the result names it and what is missing, and the run fails (exit 3).
  assert.deepEqual(
    result.lost?.map((l) => l.workerId),
    ['w3'],
  );
  assert.match(result.lost?.[0].missing ?? '', /final report never arrived .* after its last report at/);
  assert.equal(runOutcome(result).exitCode, 3);
  // Everything the live workers recorded was merged exactly once; w3's silenced reports never arrived.
  const merged = result.snapshot.workers.reduce((a, x) => a + x.requests, 0);
  assert.equal(result.snapshot.total.requests, merged);
  assert.equal(result.snapshot.workers.find((x) => x.id === 'w1')?.requests, fakes.recorded.get('w1'));
  frozen.transport.close().catch(() => undefined);
  await Promise.all(runs);
});

test('the abort policy ends the run when a worker goes missing, and says why', async () => {
  const { handle, w, frozen, runs } = await setup('abort');
  await w.until((s) => s.users === 10);
  frozen.silence();
  const result = await handle.done;
  assert.match(result.error ?? '', /worker w3 went missing .* policy is abort/);
  await frozen.transport.close();
  await Promise.all(runs);
});
