// The master's pairing of worker starts with events from outside: exact durations across clock
// offsets, early events, timeouts, and bounds that hold under a flood.
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { ExternalPairing } from '../../../engine/events/externalPairing';
import { createTrackerAggregator } from '../../../engine/trackers/aggregate';
import type { TrackerResult } from '../../../common/snapshot';

const SCENARIO = `name: t
target: http://127.0.0.1:1
load: { users: 1, duration: 1s }
users:
  - name: u
    tasks:
      - name: t
        steps:
          - name: place order
            post: /orders
            capture: { orderId: json.id }
events:
  - name: order done
    webhook: { port: 8089 }
trackers:
  - metric: order completion
    start: request[name="place order"]
    end: event[name="order done", json.orderId="{{ orderId }}", json.state="done"]
    timeout: 2s
`;

function pairing(opts: { maxPending?: number; maxEarly?: number } = {}): ExternalPairing {
  const a = analyzeScenario(SCENARIO);
  assert.ok(a.scenario, JSON.stringify(a.diagnostics));
  return new ExternalPairing({ trackers: a.scenario.trackers, stage: () => 0, earlyHoldMs: 3000, ...opts });
}

function results(p: ExternalPairing): TrackerResult {
  const agg = createTrackerAggregator();
  agg.add(p.drain(), 'master');
  const [r] = agg.results();
  assert.ok(r);
  return r;
}

test('a start pairs with the event of its key, on the master clock, whichever comes first', () => {
  const p = pairing();
  // The worker's clock is 10 s behind the master's; its report arrives 2 ms after it was stamped.
  const offset = 10_000;
  p.addStarts(
    'w1',
    { clockMs: 1000, starts: [{ metric: 'order completion', stage: 0, key: '7', atMs: 900 }] },
    1000 + offset + 2,
  );
  // Another order's event, and one of the same order that is not done, do not end it.
  p.onEvent('order done', { orderId: 8, state: 'done' }, 900 + offset + 50);
  p.onEvent('order done', { orderId: 7, state: 'pending' }, 900 + offset + 60);
  p.onEvent('order done', { orderId: 7, state: 'done' }, 900 + offset + 250);
  // An event that comes before its start's report is held and pairs when the start arrives.
  p.onEvent('order done', { orderId: '9', state: 'done' }, 1000 + offset + 130);
  p.addStarts(
    'w1',
    { clockMs: 2000, starts: [{ metric: 'order completion', stage: 0, key: '9', atMs: 1000 }] },
    2000 + offset + 2,
  );
  const r = results(p);
  assert.equal(r.count, 2);
  // The offset estimate is the 2 ms transit long: durations are short by it, never long.
  assert.ok(Math.abs(r.max - 248) <= 248 * 0.01, `max ${r.max}`);
  assert.ok(Math.abs(r.min - 128) <= 128 * 0.01, `min ${r.min}`);
  assert.equal(r.timedOut, 0);
  assert.deepEqual(p.sizes().pending, 0);
  // Order 8's event is still waiting for a start that may be on its way.
  assert.equal(p.sizes().early, 1);
});

test('starts without an event are timed out; events without a start are unmatched, then forgotten', () => {
  const p = pairing();
  p.addStarts(
    'w1',
    { clockMs: 0, starts: [{ metric: 'order completion', stage: 1, key: 'lost', atMs: 0 }] },
    0,
  );
  p.onEvent('order done', { orderId: 'stray', state: 'done' }, 100);
  p.onEvent('order done', { state: 'done' }, 100); // no key at all: unmatched at once
  p.sweep(1999);
  assert.equal(p.sizes().pending, 1);
  p.sweep(2000);
  assert.equal(p.sizes().pending, 0);
  p.sweep(3100);
  assert.deepEqual(p.sizes(), { pending: 0, early: 0, footprint: 0, keys: 0 });
  const rows = createTrackerAggregator();
  rows.add(p.drain(), 'master');
  const byStage = Object.fromEntries(rows.results().map((r) => [r.stage, r]));
  assert.equal(byStage[1]?.timedOut, 1);
  assert.equal(byStage[0]?.unmatched, 2);
});

test('a flood of unmatched events and of starts stays within the bounds, counted', () => {
  const p = pairing({ maxPending: 1000, maxEarly: 500 });
  let at = 0;
  for (let i = 0; i < 200_000; i++) {
    p.onEvent('order done', { orderId: `stray-${i}`, state: 'done' }, at++);
    const s = p.sizes();
    if (i % 997 === 0)
      assert.ok(s.early <= 500 && s.footprint <= 3 * 1500 + 2048 && s.keys <= 1500, JSON.stringify(s));
  }
  for (let i = 0; i < 50; i++)
    p.addStarts(
      'w1',
      {
        clockMs: at,
        starts: Array.from({ length: 100 }, (_, j) => ({
          metric: 'order completion',
          stage: 0,
          key: `s-${i}-${j}`,
          atMs: at,
        })),
      },
      at,
    );
  const s = p.sizes();
  assert.ok(s.pending <= 1000 && s.early <= 500, JSON.stringify(s));
  const r = results(p);
  assert.equal(r.unmatched, 200_000 - 500);
  assert.equal(r.dropped, 5000 - 1000);
  p.finish(at + 1);
  const end = results(p);
  assert.equal(end.incomplete, 1000);
  assert.equal(end.unmatched, 500);
  assert.deepEqual(p.sizes(), { pending: 0, early: 0, footprint: 0, keys: 0 });
});

test('hostile bodies: prototype keys and non-objects never match or throw', () => {
  const p = pairing();
  p.addStarts(
    'w1',
    { clockMs: 0, starts: [{ metric: 'order completion', stage: 0, key: '[object Object]', atMs: 0 }] },
    0,
  );
  for (const body of [
    null,
    42,
    'x',
    [],
    { orderId: { toString: 1 } },
    JSON.parse('{"__proto__": {"state": "done"}, "orderId": 1}'),
  ])
    p.onEvent('order done', body, 10);
  p.onEvent('not a listener', { orderId: '[object Object]', state: 'done' }, 10);
  assert.equal(
    p.drain().reduce((n, r) => n + r.count, 0),
    0,
  );
  assert.equal(p.sizes().pending, 1);
});
