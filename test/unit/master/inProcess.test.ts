import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import type { RunSnapshot } from '../../../common/snapshot';
import { closedScenario, fakeGenerators } from './fakes';

test('workers = 0 runs one in-process worker and produces snapshots and a final result', async () => {
  const fakes = fakeGenerators(3);
  const scenario = closedScenario(4, 400, 0);
  const seen: RunSnapshot[] = [];
  const handle = startRun(
    {
      scenarioPath: 'fake.load.yaml',
      source: JSON.stringify(scenario),
      scenario,
      onSnapshot: (s) => seen.push(s),
    },
    { workerDeps: fakes.deps, snapshotIntervalMs: 50, reportIntervalMs: 50 },
  );
  const result = await handle.done;
  assert.equal(result.error, undefined);
  assert.equal(result.snapshot.state, 'stopped');
  assert.equal(result.snapshot.workers.length, 1);
  assert.equal(result.snapshot.workers[0].state, 'stopped');
  assert.deepEqual(fakes.shares.get('local')![0], {
    model: 'closed',
    stage: 0,
    users: 4,
    spawnRate: 1000,
    kinds: [4],
    segment: { index: 0, count: 1 },
  });
  // Everything the worker recorded was merged exactly once.
  assert.equal(result.snapshot.total.requests, fakes.recorded.get('local'));
  assert.ok(result.snapshot.total.requests > 0);
  assert.equal(result.snapshot.workers[0].requests, result.snapshot.total.requests);
  assert.ok(seen.some((s) => s.state === 'running'));
  assert.equal(seen[seen.length - 1].state, 'stopped');
  assert.ok(result.history.length > 0);
  assert.deepEqual(result.snapshot.thresholds, []);
});

test('stop() ends a run early with the final reports merged', async () => {
  const fakes = fakeGenerators(1);
  const scenario = closedScenario(2, 60_000, 0);
  let running!: () => void;
  const isRunning = new Promise<void>((r) => (running = r));
  const handle = startRun(
    {
      scenarioPath: 'fake.load.yaml',
      source: JSON.stringify(scenario),
      scenario,
      onSnapshot: (s) => s.users === 2 && running(),
    },
    { workerDeps: fakes.deps, snapshotIntervalMs: 20, reportIntervalMs: 20 },
  );
  await isRunning;
  handle.setUsers(5);
  await handle.stop();
  const result = await handle.done;
  assert.equal(result.snapshot.state, 'stopped');
  assert.equal(result.snapshot.total.requests, fakes.recorded.get('local'));
  assert.deepEqual(
    fakes.shares.get('local')!.map((s) => (s.model === 'closed' ? s.users : -1)),
    [2, 5],
  );
});
