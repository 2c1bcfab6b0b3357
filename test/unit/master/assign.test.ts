// The split of a stage over the live workers (engine/master/assign.ts): user-kind weights hold in
// the run as a whole whatever the live set is (issue 15: 40 users at 3:1 on 4 workers, one lost,
// went 30/10 -> 40/0 when the lost worker was the one running the minority kind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assign } from '../../../engine/master/assign';
import type { PlannedStage } from '../../../engine/master/plan';

const closed = (users: number): PlannedStage => ({
  startMs: 0,
  durationMs: 60_000,
  model: 'closed',
  users,
  spawnRate: users,
  arrivalRate: 0,
  maxUsers: 0,
});

function kindTotals(shares: ReturnType<typeof assign>): number[] {
  const totals: number[] = [];
  for (const s of shares.values()) {
    if (s.model !== 'closed') continue;
    assert.equal(
      s.kinds.reduce((a, b) => a + b, 0),
      s.users,
    );
    s.kinds.forEach((n, k) => (totals[k] = (totals[k] ?? 0) + n));
  }
  return totals;
}

test('40 users at 3:1 on 4 workers are 30/10, and stay 30/10 whichever worker is lost', () => {
  const input = { stageIndex: 0, stage: closed(40), kindWeights: [3, 1] };
  const all = ['w1', 'w2', 'w3', 'w4'];
  assert.deepEqual(kindTotals(assign(input, all)), [30, 10]);
  for (const lost of all) {
    const live = all.filter((id) => id !== lost);
    const shares = assign(input, live);
    assert.deepEqual(kindTotals(shares), [30, 10], `without ${lost}`);
    assert.deepEqual(
      [...shares.values()].map((s) => (s.model === 'closed' ? s.users : -1)),
      [14, 13, 13],
    );
  }
});

test('the mix is within one user of the weights for any count of users and workers', () => {
  for (const weights of [[3, 1], [1, 1, 1], [5, 2, 1], [1]]) {
    const sum = weights.reduce((a, b) => a + b, 0);
    for (let users = 0; users <= 50; users += 7) {
      for (let n = 1; n <= 6; n++) {
        const live = Array.from({ length: n }, (_, i) => `w${i}`);
        const totals = kindTotals(
          assign({ stageIndex: 0, stage: closed(users), kindWeights: weights }, live),
        );
        weights.forEach((w, k) =>
          assert.ok(
            Math.abs((totals[k] ?? 0) - (users * w) / sum) <= 1,
            `${users} users on ${n} workers, weights ${weights.join(':')}: ${totals.join('/')}`,
          ),
        );
      }
    }
  }
});

test('every share carries its segment, and the open model splits the rate exactly', () => {
  const stage: PlannedStage = { ...closed(0), model: 'open', arrivalRate: 10, maxUsers: 7 };
  const shares = [...assign({ stageIndex: 2, stage, kindWeights: [1] }, ['a', 'b', 'c']).values()];
  assert.deepEqual(
    shares.map((s) =>
      s.model === 'open' ? [s.stage, s.arrivalRate, s.maxUsers, s.segment.index, s.segment.count] : [],
    ),
    [
      [2, 3.334, 3, 0, 3],
      [2, 3.333, 2, 1, 3],
      [2, 3.333, 2, 2, 3],
    ],
  );
  assert.equal(assign({ stageIndex: 0, stage, kindWeights: [1] }, []).size, 0);
});
