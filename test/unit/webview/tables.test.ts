import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntryStats, TrackerResult } from '../../../common/snapshot';
import {
  avgSize,
  cellText,
  ENTRY_COLUMNS,
  ERROR_COLUMNS,
  TRACKER_COLUMNS,
  WORKER_COLUMNS,
} from '../../../webview/tables/columns';
import { nextSort, sortRows } from '../../../webview/tables/sort';
import { fillPercentiles } from '../percentiles';

test('numbers sort numerically and text naturally, both stable', () => {
  const rows = [
    { n: 'item 10', v: 3 },
    { n: 'Item 2', v: 1 },
    { n: 'item 1', v: 3 },
  ];
  assert.deepEqual(
    sortRows(rows, (r) => r.n, 'asc').map((r) => r.n),
    ['item 1', 'Item 2', 'item 10'],
  );
  assert.deepEqual(
    sortRows(rows, (r) => r.v, 'desc').map((r) => r.n),
    ['item 10', 'item 1', 'Item 2'],
    'equal values keep their order',
  );
  assert.deepEqual(
    sortRows(rows, (r) => r.v, 'asc').map((r) => r.n),
    ['Item 2', 'item 10', 'item 1'],
  );
  assert.deepEqual(rows[0].n, 'item 10', 'the input is not reordered');
});

test('missing values sort last in both directions', () => {
  const rows = [{ v: undefined }, { v: 2 }, { v: Number.NaN }, { v: 1 }];
  assert.deepEqual(
    sortRows(rows, (r) => r.v, 'asc').map((r) => r.v),
    [1, 2, undefined, Number.NaN],
  );
  assert.deepEqual(
    sortRows(rows, (r) => r.v, 'desc').map((r) => r.v),
    [2, 1, undefined, Number.NaN],
  );
});

test('a header click flips the same column, and starts a new one in its natural direction', () => {
  assert.deepEqual(nextSort(undefined, 'requests', true), { column: 'requests', direction: 'desc' });
  assert.deepEqual(nextSort(undefined, 'name', false), { column: 'name', direction: 'asc' });
  assert.deepEqual(nextSort({ column: 'name', direction: 'asc' }, 'name', false), {
    column: 'name',
    direction: 'desc',
  });
  assert.deepEqual(nextSort({ column: 'name', direction: 'desc' }, 'requests', true), {
    column: 'requests',
    direction: 'desc',
  });
});

const entry: EntryStats = {
  name: '/health',
  method: 'GET',
  requests: 1200,
  failures: 3,
  minMs: 0.12,
  maxMs: 3.4,
  meanMs: 0.51,
  bytes: 18_000,
  rps: 20,
  currentRps: 14.25,
  currentFailuresPerSec: 0.1,
  percentiles: {
    p50: 0.44,
    p66: 0.5,
    p75: 0.6,
    p80: 0.7,
    p90: 0.88,
    p95: 1,
    p98: 1.2,
    p99: 1.55,
    'p99.9': 2,
    'p99.99': 3,
    p100: 3.4,
  },
  current: fillPercentiles(0.4, 0.9, 1.4),
};

test("the entry table has Locust's columns, formatted", () => {
  assert.deepEqual(
    ENTRY_COLUMNS.map((c) => c.label),
    [
      'Name',
      'Method',
      'Requests',
      'Failures',
      'Median (ms)',
      'p90 (ms)',
      'p99 (ms)',
      'Avg (ms)',
      'Min (ms)',
      'Max (ms)',
      'Avg size',
      'Current RPS',
      'Current failures/s',
    ],
  );
  assert.deepEqual(
    ENTRY_COLUMNS.map((c) => cellText(c, entry)),
    ['/health', 'GET', '1,200', '3', '0.44', '0.88', '1.55', '0.51', '0.12', '3.40', '15 B', '14.3', '0.10'],
  );
  assert.equal(avgSize({ ...entry, requests: 0 }), undefined, 'no average size before the first request');
  assert.equal(
    cellText(
      ENTRY_COLUMNS.find((c) => c.key === 'size')!,
      { ...entry, requests: 0 },
    ),
    '\u2013',
  );
});

test('errors, workers and trackers show the agreed columns', () => {
  assert.deepEqual(
    ERROR_COLUMNS.map((c) => c.key),
    ['count', 'method', 'name', 'error'],
  );
  assert.deepEqual(
    WORKER_COLUMNS.map((c) => c.key),
    ['id', 'host', 'state', 'users', 'cpu'],
  );
  const tracker: TrackerResult = {
    metric: 'job latency',
    stage: 0,
    users: 20,
    count: 79,
    min: 200,
    mean: 600,
    p50: 560,
    p90: 900,
    p95: 1064,
    p99: 1512,
    max: 2238,
    incomplete: 1,
    dropped: 0,
  };
  assert.deepEqual(
    TRACKER_COLUMNS.map((c) => cellText(c, tracker)),
    // Timed out and unmatched belong to trackers that end with an event from outside: a dash here.
    ['job latency', '1', '20', '79', '560', '1,064', '1,512', '2,238', '1', '0', '\u2013', '\u2013'],
  );
  assert.deepEqual(
    TRACKER_COLUMNS.slice(-2).map((c) => cellText(c, { ...tracker, timedOut: 3, unmatched: 1200 })),
    ['3', '1,200'],
  );
  const w = {
    id: 'w1',
    host: 'h',
    pid: 1,
    state: 'running' as const,
    users: 4,
    requests: 9,
    cpu: 0.352,
    loopDelayMs: 1,
  };
  assert.equal(
    cellText(
      WORKER_COLUMNS.find((c) => c.key === 'cpu')!,
      w,
    ),
    '35.2%',
  );
});
