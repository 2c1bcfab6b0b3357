// Protocol 3's report shape end to end: a worker's drained stats as tuples keyed by the request
// table, through the engine's codec (msgpack) and the master's checks, merge to the same view as
// the named stats they came from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkerReportMessage } from '../../../common/protocol/engine';
import { checkWorkerNumbers, reportLimitsFor } from '../../../engine/master/reportLimits';
import { createStatsAggregator } from '../../../engine/stats/aggregator';
import { createStatsCollector } from '../../../engine/stats/collector';
import { EntryTable } from '../../../engine/stats/entryTable';
import { Histogram } from '../../../engine/stats/histogram';
import { toWireStats } from '../../../engine/stats/wireStats';
import { decodeWorkerToMaster, encodeMessage } from '../../../engine/transport/codec';
import { closedScenario } from '../master/fakes';

const T0 = 1_700_000_000_000;

/** The fake scenario with a second request, so the table has two indices. */
function twoRequestScenario() {
  const base = closedScenario(1, 1000);
  const task = base.users[0].tasks[0];
  return {
    ...base,
    users: [
      {
        ...base.users[0],
        tasks: [
          { ...task, steps: [...task.steps, { kind: 'request', name: '/cart', method: 'POST' } as never] },
        ],
      },
    ],
  };
}

test('the request table numbers distinct (name, method) pairs in step order', () => {
  const scenario = twoRequestScenario();
  const task = scenario.users[0].tasks[0];
  // The same request again later in the steps keeps its first index.
  scenario.users[0].tasks[0] = { ...task, steps: [...task.steps, task.steps[0]] };
  const table = EntryTable.forScenario(scenario);
  assert.equal(table.size, 2);
  assert.deepEqual(
    [table.at(0), table.at(1), table.at(2)],
    [{ name: '/fake', method: 'GET' }, { name: '/cart', method: 'POST' }, undefined],
  );
  assert.equal(table.indexOf('/cart', 'POST'), 1);
  assert.equal(table.indexOf('/cart', 'GET'), undefined);
});

test('a report round-trips as tuples through the codec and the checks, and merges as the named report does', () => {
  let now = T0 + 200;
  const c = createStatsCollector({ now: () => now });
  for (let i = 0; i < 30; i++) {
    now = T0 + 200 + i * 50; // across two wall-clock seconds
    c.entry('/cart', 'POST').success(3 + i / 7, 100);
    if (i % 4 === 0) c.entry('/fake', 'GET').failure(12 + i, 0, 'HTTP 503');
  }
  const drained = c.drain();
  const scenario = twoRequestScenario();
  const stats = toWireStats({ ...drained, trackers: [] }, EntryTable.forScenario(scenario));

  const cart = drained.entries.find((e) => e.name === '/cart')!;
  const cartWire = stats.entries.find((e) => e[0] === 1)!;
  assert.deepEqual(cartWire.slice(0, 7), [
    1,
    cart.requests,
    cart.failures,
    cart.totalMs,
    cart.minMs,
    cart.maxMs,
    cart.bytes,
  ]);
  assert.deepEqual(cartWire[8], cart.perSecond.flat());
  assert.equal(cartWire[8].length, 6, 'two per-second rows, flat');
  assert.deepEqual(stats.errors, [[0, 'HTTP 503', 8]]);

  const message: WorkerReportMessage = {
    kind: 'report',
    workerId: 'w',
    seq: 1,
    final: false,
    users: 1,
    cpu: 0.1,
    loopDelayMs: 1,
    stats,
  };
  const decoded = decodeWorkerToMaster(encodeMessage(message));
  assert.ok(decoded?.kind === 'report');
  assert.equal(checkWorkerNumbers(decoded, reportLimitsFor(scenario)), undefined);
  const back = decoded.stats.entries.find((e) => e[0] === 1)!;
  assert.deepEqual(
    Histogram.decode(back[7]).percentiles([50, 99]),
    Histogram.decode(cart.histogram).percentiles([50, 99]),
  );

  const fromWire = createStatsAggregator(EntryTable.forScenario(scenario));
  fromWire.addWire(decoded.stats, 'w');
  const fromNamed = createStatsAggregator();
  fromNamed.add(drained, 'w');
  const nowMs = T0 + 2000;
  assert.deepEqual(fromWire.view(2000, nowMs), fromNamed.view(2000, nowMs));
  assert.equal(fromWire.view(2000, nowMs).errors[0].name, '/fake');
});
