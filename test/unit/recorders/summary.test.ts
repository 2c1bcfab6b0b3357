import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJsonSummary } from '../../../engine/recorders/summary';
import { snapshot } from '../stats/fixtures';

test('the --json summary has exactly the documented shape', () => {
  const s = snapshot({ workers: [], trackers: [], arrival: undefined, thresholds: undefined });
  const j = JSON.parse(JSON.stringify(toJsonSummary(s)));
  assert.deepEqual(Object.keys(j), ['requests', 'failures', 'rps', 'p50', 'p90', 'p95', 'p99', 'max', 'entries', 'errors', 'generator']);
  assert.deepEqual(Object.keys(j.entries[0]), ['name', 'method', 'requests', 'failures', 'rps', 'p50', 'p90', 'p95', 'p99', 'max']);
  assert.deepEqual(Object.keys(j.errors[0]), ['name', 'method', 'error', 'count']);
  assert.equal(j.requests, 1000);
  assert.equal(j.p95, 240);
  assert.equal(j.max, 480);
  assert.equal(j.rps, 100);
  assert.equal(j.entries.length, 3);
  assert.deepEqual(j.entries[1], { name: 'login', method: 'POST', requests: 100, failures: 0, rps: 10, p50: 40, p90: 100, p95: 120, p99: 180, max: 240 });
});

test('workers, trackers, thresholds and arrival appear when present', () => {
  const s = snapshot({
    thresholds: [{ source: 'p95 < 300ms', ok: true, actual: 240 }],
    trackers: [{ metric: 'job', stage: 0, users: 10, count: 5, min: 1, mean: 2, p50: 2, p90: 3, p95: 3, p99: 3, max: 4, incomplete: 1, dropped: 0 }],
    arrival: { rate: 50, started: 500, dropped: 3, intended: { p50: 10, p95: 20, p99: 30, max: 40 } },
  });
  const j = toJsonSummary(s);
  assert.deepEqual(j.workers, [{ id: 'w1', host: 'h', pid: 42, state: 'stopped', users: 0, requests: 1000, cpu: 0.5 }]);
  assert.equal(j.trackers?.[0].metric, 'job');
  assert.equal(j.thresholds?.[0].ok, true);
  assert.equal(j.arrival?.dropped, 3);
});

test('an error row with failure samples carries them in the --json summary', () => {
  const s = snapshot({});
  const sample = {
    time: 1,
    error: s.errors[0].error,
    request: { method: 'GET', url: 'http://127.0.0.1/x', headers: '', body: '', bodyBytes: 0 },
    response: { status: 500, headers: 'HTTP/1.1 500 Oops', body: 'boom', bodyBytes: 4 },
  };
  s.errors[0] = { ...s.errors[0], samples: [sample] };
  const j = JSON.parse(JSON.stringify(toJsonSummary(s))) as ReturnType<typeof toJsonSummary>;
  assert.deepEqual(j.errors[0].samples, [sample]);
  assert.ok(j.errors.slice(1).every((e) => !('samples' in e)), 'rows without samples have no field');
});
