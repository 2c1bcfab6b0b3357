import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrackerSet, DEFAULT_MAX_QUEUED } from '../../../engine/trackers/index';
import { Histogram } from '../../../engine/stats/histogram';
import type { TrackerReport } from '../../../common/protocol/engine';
import { cond, event, filter, jobTracker, request, tracker } from './events';

const opts = { runId: 'run-1', workerId: 'w1' };
const done = { 'json.state': 'done' };
const pending = { 'json.state': 'pending' };

/** Durations recorded in a report, read back from its histogram (exact for these small values within 0.1 %). */
function summary(r: TrackerReport | undefined) {
  assert.ok(r, 'a report');
  const h = Histogram.decode(r.histogram);
  return {
    count: r.count,
    min: r.minMs,
    max: r.maxMs,
    mean: r.count ? r.totalMs / r.count : 0,
    p50: h.percentile(50),
    incomplete: r.incomplete,
    dropped: r.dropped,
    users: r.users,
  };
}

test('a job tracker measures submit -> first done poll within each iteration', () => {
  const set = createTrackerSet([jobTracker()], opts);
  assert.equal(set.enabled, true);
  set.setStage(0, 2);
  for (const user of [0, 1]) {
    const base = user * 1000;
    set.emit(event('iteration.start', { ts: base, user, iteration: 1 }));
    set.emit(request('submit job', { ts: base + 10, user, iteration: 1 }));
    set.emit(request('job status', { ts: base + 100, user, iteration: 1, attrs: pending }));
    set.emit(request('job status', { ts: base + 310 + user, user, iteration: 1, attrs: done }));
    set.emit(request('job status', { ts: base + 400, user, iteration: 1, attrs: done })); // not :first
    set.emit(event('iteration.end', { ts: base + 401, user, iteration: 1 }));
  }
  const [r, ...rest] = set.drain(false);
  assert.equal(rest.length, 0);
  const s = summary(r);
  assert.deepEqual(
    { count: s.count, min: s.min, max: s.max, incomplete: s.incomplete, users: s.users },
    { count: 2, min: 300, max: 301, incomplete: 0, users: 2 },
  );
  assert.equal(r.metric, 'job latency');
  assert.equal(r.stage, 0);
});

test('no trackers: disabled, needs no body, reports nothing', () => {
  const set = createTrackerSet([], opts);
  assert.equal(set.enabled, false);
  assert.equal(set.needsBody('x'), false);
  set.emit(request('x', { ts: 1 }));
  set.setStage(0, 1);
  assert.deepEqual(set.drain(true), []);
});

test(':first, :nth(n) and :last select within one iteration; the next iteration counts again', () => {
  const poll = (selector: Parameters<typeof filter>[2]) =>
    tracker(
      `poll ${selector?.kind}`,
      filter('request', [cond('name', '=', 'submit')]),
      filter('request', [cond('name', '=', 'poll')], selector),
    );
  const set = createTrackerSet(
    [poll({ kind: 'first' }), poll({ kind: 'nth', n: 2 }), poll({ kind: 'last' })],
    opts,
  );
  set.setStage(0, 1);
  for (const iteration of [1, 2]) {
    const t0 = iteration * 1000;
    set.emit(request('submit', { ts: t0, iteration }));
    for (const dt of [10, 20, 30]) set.emit(request('poll', { ts: t0 + dt, iteration }));
    set.emit(event('iteration.end', { ts: t0 + 40, iteration }));
  }
  const byMetric = new Map(set.drain(false).map((r) => [r.metric, summary(r)]));
  assert.deepEqual(
    [byMetric.get('poll first')?.min, byMetric.get('poll first')?.max, byMetric.get('poll first')?.count],
    [10, 10, 2],
  );
  assert.deepEqual(
    [byMetric.get('poll nth')?.min, byMetric.get('poll nth')?.max, byMetric.get('poll nth')?.count],
    [20, 20, 2],
  );
  assert.deepEqual(
    [byMetric.get('poll last')?.min, byMetric.get('poll last')?.max, byMetric.get('poll last')?.count],
    [30, 30, 2],
  );
});

test(':last on a start is held until iteration.end and keeps its own timestamp', () => {
  const set = createTrackerSet(
    [
      tracker(
        'last try to done',
        filter('request', [cond('name', '=', 'try')], { kind: 'last' }),
        filter('done'),
      ),
    ],
    opts,
  );
  set.setStage(0, 1);
  set.emit(request('try', { ts: 10 }));
  set.emit(request('try', { ts: 20 }));
  set.emit(event('done', { ts: 50 })); // arrives before the held start: waits (out of order)
  assert.deepEqual(set.pending(), { starts: 0, ends: 1, selectorScopes: 1 });
  set.emit(event('iteration.end', { ts: 60 }));
  const s = summary(set.drain(false)[0]);
  assert.deepEqual([s.count, s.min], [1, 30]);
  assert.deepEqual(set.pending(), { starts: 0, ends: 0, selectorScopes: 0 });
});

test(':last without iteration.end is delivered when the session closes', () => {
  const set = createTrackerSet([tracker('t', filter('submit'), filter('poll', [], { kind: 'last' }))], opts);
  set.setStage(0, 1);
  set.emit(event('submit', { ts: 0 }));
  set.emit(event('poll', { ts: 5 }));
  set.emit(event('poll', { ts: 9 }));
  set.setStage(1, 1);
  const [r0] = set.drain(false);
  assert.deepEqual([r0.stage, r0.count, r0.minMs, r0.incomplete], [0, 1, 9, 0]);
});

test('each stage is a tracking session: a pair split by a stage change is incomplete on both sides', () => {
  const set = createTrackerSet([jobTracker()], opts);
  set.setStage(0, 3);
  set.emit(request('submit job', { ts: 0, user: 1, iteration: 1 }));
  set.emit(request('job status', { ts: 300, user: 1, iteration: 1, attrs: done }));
  set.emit(request('submit job', { ts: 900, user: 2, iteration: 4 }));
  set.setStage(1, 6);
  set.emit(request('job status', { ts: 1200, user: 2, iteration: 4, attrs: done }));
  set.emit(request('submit job', { ts: 1300, user: 3, iteration: 1 }));
  set.emit(request('job status', { ts: 1700, user: 3, iteration: 1, attrs: done }));
  const reports = set.drain(true);
  assert.deepEqual(
    reports.map((r) => [r.stage, r.users, r.count, r.minMs, r.incomplete]),
    [
      [0, 3, 1, 300, 1],
      [1, 6, 1, 400, 1],
    ],
  );
});

test('setStage with the same stage only updates the users; drain resets the counters', () => {
  const set = createTrackerSet([jobTracker()], opts);
  set.setStage(0, 2);
  set.emit(request('submit job', { ts: 0, user: 1, iteration: 1 }));
  set.setStage(0, 5);
  set.emit(request('job status', { ts: 350, user: 1, iteration: 1, attrs: done }));
  const first = set.drain(false);
  assert.deepEqual(
    first.map((r) => [r.stage, r.users, r.count, r.minMs]),
    [[0, 5, 1, 350]],
  );
  const second = set.drain(false);
  assert.deepEqual(
    second.map((r) => [r.stage, r.count, r.incomplete, Histogram.decode(r.histogram).count]),
    [[0, 0, 0, 0]],
  );
  set.emit(request('submit job', { ts: 400, user: 1, iteration: 2 }));
  const last = set.drain(true);
  assert.deepEqual(
    last.map((r) => [r.stage, r.count, r.incomplete]),
    [[0, 0, 1]],
  );
  assert.deepEqual(set.drain(false), [], 'after the final drain no session is open');
});

test('events before any setStage open a session for their own trace stage', () => {
  const set = createTrackerSet([jobTracker()], opts);
  set.emit(request('submit job', { ts: 0, stage: 2 }));
  set.emit(request('job status', { ts: 320, stage: 2, attrs: done }));
  assert.deepEqual(
    set.drain(true).map((r) => [r.stage, r.users, r.count]),
    [[2, 0, 1]],
  );
});

test('memory stays bounded: 1,000 users with unmatched starts fill the queue to its cap and count the rest as dropped', () => {
  const set = createTrackerSet([jobTracker()], opts);
  set.setStage(0, 1000);
  let emitted = 0;
  for (let iteration = 1; iteration <= 25; iteration++) {
    for (let user = 0; user < 1000; user++) {
      set.emit(event('iteration.start', { ts: emitted, user, iteration }));
      set.emit(request('submit job', { ts: emitted, user, iteration }));
      set.emit(request('job status', { ts: emitted + 1, user, iteration, attrs: pending }));
      emitted++;
    }
    assert.ok(set.pending().starts <= DEFAULT_MAX_QUEUED);
  }
  assert.equal(emitted, 25_000);
  assert.deepEqual(set.pending(), { starts: DEFAULT_MAX_QUEUED, ends: 0, selectorScopes: 0 });
  const [mid] = set.drain(false);
  assert.equal(mid.dropped, 25_000 - DEFAULT_MAX_QUEUED);
  const [end] = set.drain(true);
  assert.deepEqual([end.count, end.incomplete, end.dropped], [0, DEFAULT_MAX_QUEUED, 0]);
  assert.deepEqual(set.pending(), { starts: 0, ends: 0, selectorScopes: 0 });
});

test('selector scopes are bounded by maxQueued too, even when iteration.end never comes', () => {
  const set = createTrackerSet([jobTracker()], { ...opts, maxQueued: 100 });
  set.setStage(0, 1000);
  for (let user = 0; user < 1000; user++) {
    set.emit(request('submit job', { ts: user, user, iteration: 1 }));
    set.emit(request('job status', { ts: user + 300, user, iteration: 1, attrs: done }));
  }
  assert.deepEqual(set.pending(), { starts: 0, ends: 0, selectorScopes: 100 });
  const [r] = set.drain(true);
  assert.deepEqual([r.count, r.minMs, r.maxMs, r.dropped], [1000, 300, 300, 0]);
});

test('the stage event belongs to no user: it pairs at once with the first end of any user', () => {
  const set = createTrackerSet(
    [
      tracker(
        'stage to first order',
        filter('stage'),
        filter('request', [cond('name', '=', 'order')], { kind: 'first' }),
      ),
    ],
    opts,
  );
  set.setStage(3, 2);
  // The runner may stamp the stage event with user 0; it still counts as no user.
  set.emit(event('stage', { ts: 100, user: 0, iteration: 0, stage: 3 }));
  set.emit(request('order', { ts: 150, user: 7, iteration: 1, stage: 3 }));
  assert.deepEqual(set.pending(), { starts: 0, ends: 0, selectorScopes: 1 });
  set.emit(request('order', { ts: 180, user: 8, iteration: 1, stage: 3 }));
  const [r] = set.drain(true);
  assert.deepEqual([r.stage, r.count, r.minMs, r.incomplete], [3, 1, 50, 1]);
});
