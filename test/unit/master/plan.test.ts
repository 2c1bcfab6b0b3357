import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLoad } from '../../../engine/master/plan';

const stages = {
  model: 'closed' as const,
  stages: [
    { durationMs: 1000, users: 5, spawnRate: 5 },
    { durationMs: 2000, users: 10, spawnRate: 2 },
  ],
};

test('stages get their start offsets and the total duration', () => {
  const plan = planLoad(stages);
  assert.deepEqual(
    plan.stages.map((s) => [s.startMs, s.durationMs, s.users]),
    [
      [0, 1000, 5],
      [1000, 2000, 10],
    ],
  );
  assert.equal(plan.totalMs, 3000);
});

test('a users override replaces the load with one closed stage', () => {
  const plan = planLoad(
    { model: 'open', stages: [{ durationMs: 4000, arrivalRate: 10 }], maxUsers: 50 },
    { users: 7 },
  );
  assert.equal(plan.model, 'closed');
  assert.deepEqual(
    plan.stages.map((s) => [s.durationMs, s.users]),
    [[4000, 7]],
  );
});

test('a duration override cuts the stages or stretches the last one', () => {
  assert.deepEqual(
    planLoad(stages, { durationMs: 1500 }).stages.map((s) => s.durationMs),
    [1000, 500],
  );
  assert.deepEqual(
    planLoad(stages, { durationMs: 500 }).stages.map((s) => s.durationMs),
    [500],
  );
  assert.deepEqual(
    planLoad(stages, { durationMs: 5000 }).stages.map((s) => s.durationMs),
    [1000, 4000],
  );
});
