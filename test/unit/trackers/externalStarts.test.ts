// The worker's half of event-ended trackers: a matching start is rendered in its user's scope and
// shipped to the master, never paired here; the interval's buffer is bounded, the rest counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrackerSet } from '../../../engine/trackers/index';
import { compileTemplate } from '../../../scenario/templates';
import type { EngineEvent } from '../../../engine/trackers/types';
import { clockAt } from '../../../engine/events/clock';
import { cond, filter, request } from './events';
import type { TrackerSpec } from '../../../scenario/model';

const spec: TrackerSpec = {
  metric: 'order completion',
  start: filter('request', [cond('name', '=', 'place order')]),
  end: filter('event', [cond('name', '=', 'hook'), cond('json.orderId', '=', '{{ orderId }}')]),
  external: {
    source: 'hook',
    keys: [{ attr: 'json.orderId', value: compileTemplate('{{ orderId }}') }],
    timeoutMs: 1000,
  },
};

/** A request event whose user's scope holds `orderId`. */
function placed(orderId: string, ts: number, user = 1): EngineEvent {
  const e = request('place order', { ts, user, iteration: 1 });
  return { ...e, render: (t) => (t.source === '{{ orderId }}' ? orderId : '?') };
}

test('starts go to the master with their rendered key and time; nothing pairs on the worker', () => {
  const set = createTrackerSet([spec], { runId: 'r', workerId: 'w' });
  set.setStage(2, 5);
  set.emit(placed('o-1', 100));
  set.emit(placed('o-2', 150, 2));
  set.emit(request('other', { ts: 160 }));
  const out = set.drainExternalStarts();
  assert.deepEqual(out?.starts, [
    { metric: 'order completion', stage: 2, key: 'o-1', atMs: clockAt(100) },
    { metric: 'order completion', stage: 2, key: 'o-2', atMs: clockAt(150) },
  ]);
  assert.equal(set.drainExternalStarts(), undefined, 'drained and reset');
  const [row] = set.drain(false);
  assert.deepEqual(
    [row.metric, row.stage, row.users, row.count, row.incomplete],
    ['order completion', 2, 5, 0, 0],
  );
  assert.deepEqual(set.pending(), { starts: 0, ends: 0, selectorScopes: 0 });
});

test('past the per-interval bound, starts are counted as dropped on their row', () => {
  const set = createTrackerSet([spec], { runId: 'r', workerId: 'w', maxExternalStarts: 3 });
  set.setStage(0, 1);
  for (let i = 0; i < 10; i++) set.emit(placed(`o-${i}`, i));
  assert.equal(set.drainExternalStarts()?.starts.length, 3);
  assert.equal(set.drain(false)[0].dropped, 7);
});
