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
    // Protocol 3: [entry index, requests, failures, totalMs, minMs, maxMs, bytes, histogram, perSecond].
    entries: [[0, 2, 1, 3, 1, 2, 10, encoded([1, 2]), [100, 2, 1]]],
    errors: [[0, 'HTTP 500', 1]],
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
    [
      'an entry index past the table',
      (r) => (r.stats.entries[0][0] = 1),
      /entry "1", which is not a request of the scenario \(it has 1\)/,
    ],
    ['a negative entry index', (r) => (r.stats.entries[0][0] = -1), /entry "-1", which is not a request/],
    ['a fractional entry index', (r) => (r.stats.entries[0][0] = 0.5), /entry "0.5", which is not a request/],
    [
      'an entry index as text',
      (r) => ((r.stats.entries[0] as unknown[])[0] = '0'),
      /entry "0", which is not a request/,
    ],
    ['an entry of 8 fields', (r) => r.stats.entries[0].pop(), /not a list of 9 fields/],
    [
      'an entry that is an object',
      (r) => ((r.stats.entries as unknown[])[0] = { name: '/fake' }),
      /not a list of 9 fields/,
    ],
    ['fractional count', (r) => (r.stats.entries[0][1] = 1.5), /requests "1.5"/],
    ['negative bytes', (r) => (r.stats.entries[0][6] = -1), /bytes "-1"/],
    ['more failures', (r) => (r.stats.entries[0][2] = 3), /more failures than requests|histogram/],
    ['infinite total', (r) => (r.stats.entries[0][3] = Infinity), /total/],
    ['histogram as text', (r) => ((r.stats.entries[0] as unknown[])[7] = 'AQ=='), /the histogram is missing/],
    [
      'histogram mismatch',
      (r) => (r.stats.entries[0][7] = encoded([1])),
      /holds 1 values, the counters say 2/,
    ],
    [
      // The header's count agrees with the counters, but the buckets hold more values.
      'buckets disagree with the header',
      (r) => {
        const bytes = encoded([1, 2, 2]);
        bytes[25] = 2;
        r.stats.entries[0][7] = bytes;
      },
      /buckets hold 3 values, its header says 2/,
    ],
    [
      'a bucket above the max',
      (r) => {
        const bytes = encoded([1, 2]);
        new DataView(bytes.buffer).setFloat64(17, 1.5, true);
        r.stats.entries[0][7] = bytes;
      },
      /bucket \(\d+\) above its max \(1.5 ms\)/,
    ],
    ['bad per-second row', (r) => (r.stats.entries[0][8] = [100, 5, 0]), /per-second row/],
    ['per-second rows not in threes', (r) => (r.stats.entries[0][8] = [100, 2]), /bad per-second rows/],
    ['long error text', (r) => (r.stats.errors[0][1] = 'x'.repeat(MAX_ERROR_TEXT + 1)), /error text longer/],
    [
      'error of an entry index past the table',
      (r) => (r.stats.errors[0][0] = 5),
      /an error names entry "5", which is not a request/,
    ],
    ['error of 2 fields', (r) => r.stats.errors[0].pop(), /not a list of 3 fields/],
    ['error with a negative count', (r) => (r.stats.errors[0][2] = -1), /count "-1"/],
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

test('an entry index twice in one report is refused, in a scenario that has room for two entries', () => {
  const base = closedScenario(1, 1000);
  const twoRequests = reportLimitsFor({
    ...base,
    users: [
      {
        ...base.users[0],
        tasks: [
          {
            ...base.users[0].tasks[0],
            steps: [
              ...base.users[0].tasks[0].steps,
              { kind: 'request', name: '/other', method: 'GET' } as never,
            ],
          },
        ],
      },
    ],
  });
  const r = good();
  r.stats.trackers = [];
  assert.equal(checkWorkerNumbers(r, twoRequests), undefined);
  r.stats.entries.push([...r.stats.entries[0]]);
  assert.match(
    checkWorkerNumbers(r, twoRequests) ?? 'passed',
    /entry "GET \/fake" appears twice in one report/,
  );
  // The next report starts afresh: the same index once is fine again.
  assert.equal(
    checkWorkerNumbers({ ...r, stats: { ...r.stats, entries: [r.stats.entries[1]] } }, twoRequests),
    undefined,
  );
  r.stats.entries[1][0] = 1;
  assert.equal(checkWorkerNumbers(r, twoRequests), undefined);
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
