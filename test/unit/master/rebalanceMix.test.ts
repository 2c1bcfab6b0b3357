// The master with real workers over the in-memory transport (every message encoded): the user
// kinds keep their weights in the run as a whole when a worker is lost and its users move, and
// when a worker joins late; a worker that cannot analyse the scenario never runs load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import { createMemoryHub } from '../../../engine/transport/memory';
import type { LoadShare } from '../../../engine/runner/types';
import { runWorker } from '../../../engine/worker/worker';
import { silentLogger } from '../../../engine/log';
import type { Scenario, UserKind } from '../../../scenario/model';
import { closedScenario, fakeGenerators, silenceable, snapshotWaiter } from './fakes';

function mixedScenario(users: number): Scenario {
  const kind = (name: string, weight: number): UserKind => ({
    name,
    weight,
    think: { kind: 'none' },
    tasks: [],
    loops: [],
    start: [],
    stop: [],
  });
  return { ...closedScenario(users, 60_000), users: [kind('buyer', 3), kind('browser', 1)] };
}

/** A run of `users` users at 3:1 that waits for `expectWorkers` workers on an in-memory hub. */
function startMixRun(users: number, expectWorkers: number) {
  const fakes = fakeGenerators(1);
  const scenario = mixedScenario(users);
  const hub = createMemoryHub();
  const snaps = snapshotWaiter();
  const handle = startRun(
    {
      scenarioPath: 'mix',
      source: JSON.stringify(scenario),
      scenario,
      // 250 ms, not less: a live worker is missing after 3 silent heartbeats, and on a busy machine a
      // worker can be late by more than 120 ms (40 ms made this test hang under load).
      overrides: { expectWorkers, heartbeatMs: 250 },
      onSnapshot: snaps.onSnapshot,
    },
    { transport: hub.master, snapshotIntervalMs: 20, reportIntervalMs: 20 },
  );
  return { fakes, hub, snaps, handle };
}

/** Users of each kind over the given workers, from the last share each received. */
function kindTotals(shares: Map<string, LoadShare[]>, ids: string[]): number[] {
  const totals = [0, 0];
  for (const id of ids) {
    const last = shares.get(id)?.at(-1);
    if (last?.model === 'closed') last.kinds?.forEach((n, k) => (totals[k] += n));
  }
  return totals;
}

test('40 users at 3:1 on 4 workers stay 30/10 after the worker running the minority kind is lost', async () => {
  const { fakes, hub, snaps, handle } = startMixRun(40, 4);
  const ids = ['w1', 'w2', 'w3', 'w4'];
  // w3 is third to join: its segment (index 2 of 4) holds every browser of the smooth 3:1 sequence.
  const frozen = silenceable(hub.connect('w3'));
  const runs = ids.map((id) =>
    runWorker(id === 'w3' ? frozen.transport : hub.connect(id), {
      workerId: id,
      log: silentLogger,
      deps: fakes.deps,
    }),
  );
  await snaps.until((s) => s.users === 40);
  assert.deepEqual(kindTotals(fakes.shares, ids), [30, 10]);
  const w3 = fakes.shares.get('w3')!.at(-1);
  assert.deepEqual(w3?.model === 'closed' && w3.kinds, [0, 10]);

  frozen.silence();
  await snaps.until((s) => s.workers.find((w) => w.id === 'w3')?.state === 'missing' && s.users === 40);
  const live = ['w1', 'w2', 'w4'];
  assert.deepEqual(kindTotals(fakes.shares, live), [30, 10]);
  assert.deepEqual(
    live.map((id) => fakes.shares.get(id)!.at(-1)!.segment),
    [
      { index: 0, count: 3 },
      { index: 1, count: 3 },
      { index: 2, count: 3 },
    ],
  );
  await handle.stop();
  await frozen.transport.close();
  await Promise.all(runs);
});

test('a worker that joins late takes its share and the mix stays 30/10', async () => {
  const { fakes, hub, snaps, handle } = startMixRun(40, 3);
  const run = (id: string) =>
    runWorker(hub.connect(id), { workerId: id, log: silentLogger, deps: fakes.deps });
  const runs = ['w1', 'w2', 'w3'].map(run);
  await snaps.until((s) => s.users === 40 && s.workers.length === 3);
  runs.push(run('w4'));
  await snaps.until((s) => s.workers.length === 4 && s.workers.every((w) => w.users === 10));
  assert.deepEqual(kindTotals(fakes.shares, ['w1', 'w2', 'w3', 'w4']), [30, 10]);
  await handle.stop();
  await Promise.all(runs);
});

test('a worker whose analysis of the scenario fails never runs load; the others carry all of it', async () => {
  const { fakes, hub, snaps, handle } = startMixRun(10, 2);
  const broken = { ...fakes.deps, analyze: () => ({ diagnostics: [] }) };
  const runs = [
    runWorker(hub.connect('w1'), { workerId: 'w1', log: silentLogger, deps: broken }),
    runWorker(hub.connect('w2'), { workerId: 'w2', log: silentLogger, deps: fakes.deps }),
  ];
  const running = await snaps.until((s) => s.users === 10);
  assert.deepEqual(
    running.workers.map((w) => [w.id, w.users]),
    [
      ['w1', 0],
      ['w2', 10],
    ],
  );
  // w1 never made a load generator, so it ran no user; its share went to w2 when it said so.
  assert.equal(fakes.shares.get('w1'), undefined);
  const last = fakes.shares.get('w2')?.at(-1);
  assert.equal(last?.model === 'closed' && last.users, 10);
  await handle.stop();
  const result = await handle.done;
  assert.equal(result.lost, undefined, 'a worker that never ran lost nothing');
  await Promise.all(runs);
});
