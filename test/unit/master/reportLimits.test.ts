// The rules of reportLimits.ts one by one: what a worker's numbers must satisfy to be merged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkerToMaster } from '../../../common/protocol/engine';
import { checkWorkerNumbers, reportLimitsFor, MAX_ERROR_TEXT } from '../../../engine/master/reportLimits';
import { Histogram } from '../../../engine/stats/histogram';
import { closedScenario } from './fakes';

const limits = reportLimitsFor({
  ...closedScenario(1, 1000),
  trackers: [{ metric: 'job latency' } as never],
});
const encoded = (values: number[]): Uint8Array => {
  const h = new Histogram();
  for (const v of values) h.record(v);
  return h.encode();
};
const good = (): Extract<WorkerToMaster, { kind: 'report' }> => ({
  kind: 'report',
  workerId: 'w',
  seq: 1,
  final: false,
  users: 2,
  cpu: 0.5,
  loopDelayMs: 1,
  stats: {
    entries: [
      {
        name: '/fake',
        method: 'GET',
        requests: 2,
        failures: 1,
        totalMs: 3,
        minMs: 1,
        maxMs: 2,
        bytes: 10,
        histogram: encoded([1, 2]),
        perSecond: [[100, 2, 1]],
      },
    ],
    errors: [{ name: '/fake', method: 'GET', error: 'HTTP 500', count: 1 }],
    trackers: [
      {
        metric: 'job latency',
        stage: 0,
        users: 2,
        count: 1,
        totalMs: 4,
        minMs: 4,
        maxMs: 4,
        histogram: encoded([4]),
        incomplete: 0,
        dropped: 0,
      },
    ],
    arrival: { started: 3, dropped: 0, intendedHistogram: encoded([1, 1, 1]) },
  },
});

test('a sound report and heartbeat pass', () => {
  assert.equal(checkWorkerNumbers(good(), limits), undefined);
  assert.equal(
    checkWorkerNumbers({ kind: 'heartbeat', workerId: 'w', users: 3, cpu: 0.2, loopDelayMs: 0 }, limits),
    undefined,
  );
});

test('each broken rule names what is wrong', () => {
  const cases: Array<[string, (r: ReturnType<typeof good>) => void, RegExp]> = [
    ['unknown entry', (r) => (r.stats.entries[0].name = '/nope'), /not a request of the scenario/],
    ['fractional count', (r) => (r.stats.entries[0].requests = 1.5), /requests "1.5"/],
    ['more failures', (r) => (r.stats.entries[0].failures = 3), /more failures than requests|histogram/],
    ['infinite total', (r) => (r.stats.entries[0].totalMs = Infinity), /total/],
    [
      'histogram mismatch',
      (r) => (r.stats.entries[0].histogram = encoded([1])),
      /holds 1 values, the counters say 2/,
    ],
    [
      // The header's count agrees with the counters, but the buckets hold more values.
      'buckets disagree with the header',
      (r) => {
        const bytes = encoded([1, 2, 2]);
        bytes[25] = 2;
        r.stats.entries[0].histogram = bytes;
      },
      /buckets hold 3 values, its header says 2/,
    ],
    [
      'a bucket above the max',
      (r) => {
        const bytes = encoded([1, 2]);
        new DataView(bytes.buffer).setFloat64(17, 1.5, true);
        r.stats.entries[0].histogram = bytes;
      },
      /bucket \(\d+\) above its max \(1.5 ms\)/,
    ],
    ['bad per-second row', (r) => (r.stats.entries[0].perSecond = [[100, 5, 0]]), /per-second row/],
    [
      'long error text',
      (r) => (r.stats.errors[0].error = 'x'.repeat(MAX_ERROR_TEXT + 1)),
      /error text longer/,
    ],
    ['error of an unknown entry', (r) => (r.stats.errors[0].name = '/nope'), /not a request/],
    ['unknown tracker', (r) => (r.stats.trackers[0].metric = 'nope'), /not a tracker of the scenario/],
    ['negative stage', (r) => (r.stats.trackers[0].stage = -1), /stage "-1"/],
    [
      'bad arrival histogram',
      (r) => (r.stats.arrival!.intendedHistogram = new Uint8Array([9])),
      /arrival: the histogram/,
    ],
    ['NaN users', (r) => (r.users = Number.NaN), /users "NaN"/],
    ['cpu 1e308', (r) => (r.cpu = 1e308), /cpu/],
  ];
  for (const [what, mutate, expected] of cases) {
    const r = good();
    mutate(r);
    assert.match(checkWorkerNumbers(r, limits) ?? 'passed', expected, what);
  }
});

test('external starts: only event-ended trackers, bounded in number and key length, finite times', () => {
  const withExternal = reportLimitsFor({
    ...closedScenario(1, 1000),
    trackers: [
      { metric: 'job latency' } as never,
      { metric: 'order completion', external: { source: 'hook', keys: [], timeoutMs: 1000 } } as never,
    ],
  });
  const report = (starts: unknown[], clockMs: unknown = 1e12) => {
    const r = good();
    r.stats.externalStarts = { clockMs, starts } as never;
    return checkWorkerNumbers(r, withExternal);
  };
  const start = { metric: 'order completion', stage: 0, key: 'o-1', atMs: 1e12 };
  assert.equal(report([start]), undefined);
  assert.match(
    report([{ ...start, metric: 'job latency' }])!,
    /not a tracker ending with an event from outside/,
  );
  assert.match(report([{ ...start, key: 'k'.repeat(513) }])!, /at most 512 characters/);
  assert.match(report([{ ...start, atMs: Infinity }])!, /bad stage, key/);
  assert.match(report([start], 'now')!, /without a clock/);
  assert.match(
    report(Array.from({ length: 50_001 }, () => start))!,
    /50001 external starts \(at most 50000\)/,
  );
  // The scenario without such a tracker takes none.
  const plain = good();
  plain.stats.externalStarts = { clockMs: 1, starts: [start] };
  assert.match(checkWorkerNumbers(plain, limits)!, /not a tracker ending with an event from outside/);
});
