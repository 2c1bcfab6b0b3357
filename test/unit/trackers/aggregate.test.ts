import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrackerAggregator } from '../../../engine/trackers/aggregate';
import { createTrackerSet, type WorkerTrackerSet } from '../../../engine/trackers/index';
import type { TrackerReport } from '../../../common/protocol/engine';
import { cond, event, filter, jobTracker, request, tracker } from './events';

const specs = [
  jobTracker(),
  tracker(
    'order visible',
    filter('order.placed'),
    filter('request', [cond('name', '=', 'order'), cond('status', '=', 200)], { kind: 'first' }),
  ),
];

/** A deterministic pseudo-random sequence (no Math.random: the test must be repeatable). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * Feeds a run of 2 stages x 20 users to `route(user)`: per iteration a job (some never done) and
 * an order. Drains every few iterations like a worker reporting each second.
 */
function feedRun(
  route: (user: number) => WorkerTrackerSet,
  all: WorkerTrackerSet[],
  sink: (w: number, r: TrackerReport[]) => void,
): void {
  const rnd = lcg(42);
  let ts = 0;
  for (const [stage, users] of [
    [0, 20],
    [1, 20],
  ] as const) {
    all.forEach((set) => set.setStage(stage, users / all.length));
    for (let iteration = 1; iteration <= 6; iteration++) {
      for (let user = 0; user < users; user++) {
        const set = route(user);
        const t = (ts += 7);
        set.emit(event('iteration.start', { ts: t, user, iteration }));
        set.emit(request('submit job', { ts: t + 1, user, iteration }));
        const latency = 300 + Math.floor(rnd() * 80);
        if (rnd() > 0.1)
          set.emit(
            request('job status', { ts: t + 1 + latency, user, iteration, attrs: { 'json.state': 'done' } }),
          );
        set.emit(event('order.placed', { ts: t + 2, user, iteration }));
        set.emit(
          request('order', {
            ts: t + 40 + Math.floor(rnd() * 500),
            user,
            iteration,
            attrs: { status: rnd() > 0.2 ? 200 : 404 },
          }),
        );
        set.emit(event('iteration.end', { ts: t + 900, user, iteration }));
      }
      if (iteration % 2 === 0) all.forEach((set, w) => sink(w, set.drain(false)));
    }
  }
  all.forEach((set, w) => sink(w, set.drain(true)));
}

test('merging two workers gives the same results as one worker fed everything', () => {
  const opts = (workerId: string) => ({ runId: 'r', workerId });
  const one = createTrackerSet(specs, opts('solo'));
  const single = createTrackerAggregator();
  feedRun(
    () => one,
    [one],
    (_w, r) => single.add(r, 'solo'),
  );

  const a = createTrackerSet(specs, opts('a'));
  const b = createTrackerSet(specs, opts('b'));
  const merged = createTrackerAggregator();
  feedRun(
    (user) => (user % 2 === 0 ? a : b),
    [a, b],
    (w, r) => merged.add(r, w === 0 ? 'a' : 'b'),
  );

  const expected = single.results();
  assert.equal(expected.length, 4);
  assert.deepEqual(merged.results(), expected);
  const job0 = expected[0];
  assert.deepEqual([job0.metric, job0.stage, job0.users], ['job latency', 0, 20]);
  assert.ok(job0.count > 90 && job0.incomplete > 0, `count ${job0.count}, incomplete ${job0.incomplete}`);
  assert.ok(job0.min >= 300 && job0.max < 380 && job0.p50 >= 300 && job0.p99 <= job0.max);
});

test('results are sorted by metric then stage; empty sessions report zeros', () => {
  const agg = createTrackerAggregator();
  const report = (metric: string, stage: number, users: number): TrackerReport => ({
    metric,
    stage,
    users,
    count: 0,
    totalMs: 0,
    minMs: 0,
    maxMs: 0,
    histogram: new Uint8Array(),
    incomplete: 1,
    dropped: 2,
  });
  agg.add([report('b', 1, 3), report('a', 10, 3), report('b', 0, 3), report('a', 2, 3)], 'w1');
  assert.deepEqual(
    agg.results().map((r) => [r.metric, r.stage]),
    [
      ['a', 2],
      ['a', 10],
      ['b', 0],
      ['b', 1],
    ],
  );
  const first = agg.results()[0];
  assert.deepEqual(first, {
    metric: 'a',
    stage: 2,
    users: 3,
    count: 0,
    min: 0,
    mean: 0,
    p50: 0,
    p90: 0,
    p95: 0,
    p99: 0,
    max: 0,
    incomplete: 1,
    dropped: 2,
  });
});

test('users at a stage: each worker latest figure, summed over workers', () => {
  const agg = createTrackerAggregator();
  const set = createTrackerSet([jobTracker()], { runId: 'r', workerId: 'x' });
  set.setStage(0, 4);
  agg.add(set.drain(false), 'w1');
  set.setStage(0, 6);
  agg.add(set.drain(false), 'w1');
  agg.add(set.drain(false), 'w2');
  assert.equal(agg.results()[0].users, 12);
});
