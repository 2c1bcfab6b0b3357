import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntryStats, RunSnapshot } from '../../../common/snapshot';
import { formatClock, formatMs, renderTable } from '../../../engine/cli/format';
import { progressLine } from '../../../engine/cli/progress';
import { finalReport } from '../../../engine/cli/report';
import { trackersSection } from '../../../engine/recorders/htmlReportSections';
import { fillPercentiles } from '../percentiles';

function entry(name: string, method: string, requests: number, failures: number, p50: number): EntryStats {
  const p = {
    p50,
    p66: p50,
    p75: p50,
    p80: p50,
    p90: p50 * 2,
    p95: p50 * 3,
    p98: p50 * 3,
    p99: p50 * 4,
    'p99.9': p50 * 5,
    'p99.99': p50 * 5,
    p100: p50 * 6,
  };
  return {
    name,
    method,
    requests,
    failures,
    minMs: p50 / 2,
    maxMs: p50 * 6,
    meanMs: p50 * 1.1,
    bytes: requests * 100,
    rps: requests / 10,
    currentRps: requests / 10,
    currentFailuresPerSec: 0,
    percentiles: p,
    current: fillPercentiles(p50, p50 * 3, p50 * 4),
  };
}

function snapshot(): RunSnapshot {
  return {
    runId: 'r',
    scenario: 'demo',
    state: 'stopped',
    startedAt: 0,
    elapsedMs: 10_000,
    plannedMs: 20_000,
    stage: { index: 0, count: 2 },
    users: 10,
    targetUsers: 10,
    total: entry('Aggregated', '', 300, 3, 4),
    entries: [entry('/a', 'GET', 200, 0, 0.25), entry('cart', 'POST', 100, 3, 12)],
    errors: [{ name: 'cart', method: 'POST', error: 'check status: expected 201, got 500', count: 3 }],
    workers: [],
    trackers: [
      {
        metric: 'job latency',
        stage: 0,
        users: 10,
        count: 5,
        min: 300,
        mean: 320,
        p50: 310,
        p90: 350,
        p95: 360,
        p99: 370,
        max: 371,
        incomplete: 1,
        dropped: 0,
      },
    ],
    generator: { cpu: 0.95, loopDelayMs: 3, saturated: true, reason: 'CPU 95%' },
    thresholds: [{ source: 'p95 < 10ms', ok: false, actual: 12 }],
  };
}

test('formatting keeps sub-millisecond values visible', () => {
  assert.equal(formatMs(0.183), '0.183');
  assert.equal(formatMs(4.271), '4.27');
  assert.equal(formatMs(42.12), '42.1');
  assert.equal(formatMs(380.4), '380');
  assert.equal(formatMs(NaN), '-');
  assert.equal(formatClock(65_000), '1:05');
  assert.equal(formatClock(3_725_000), '1:02:05');
});

test('tables align columns', () => {
  const t = renderTable(
    ['a', 'bb'],
    [
      ['x', '1'],
      ['yyy', '22'],
    ],
    [false, true],
  ).split('\n');
  assert.deepEqual(t, ['a    bb', '---  --', 'x     1', 'yyy  22']);
});

test('the final report shows entries, total, errors, trackers, saturation and thresholds', () => {
  const r = finalReport(snapshot());
  for (const needle of [
    'GET',
    '/a',
    'POST',
    'cart',
    'Aggregated',
    '0.250',
    'check status: expected 201, got 500',
    'job latency',
    '310',
    'saturated',
    'FAIL  p95 < 10ms',
  ]) {
    assert.ok(r.includes(needle), `report lacks ${needle}:\n${r}`);
  }
});

test('the progress line shows elapsed/planned, stage, users, rps, failures and p95', () => {
  const line = progressLine({ ...snapshot(), state: 'running' });
  assert.match(line, /50% 0:10\/0:20/);
  assert.match(line, /stage 1\/2/);
  assert.match(line, /users 10\/10/);
  assert.match(line, /fail 1\.00%/);
  assert.match(line, /p95 12\.0ms/);
  assert.match(line, /generator saturated/);
});

test('the terminal and the HTML report show one tracker table: event columns and dropped starts in both', () => {
  const s = snapshot();
  s.trackers.push({ ...s.trackers[0], metric: 'order paid', timedOut: 7, unmatched: 2, dropped: 3 });
  const head = /Tracker\s+Stage\s+Users\s+Count\s+Min\s+Mean\s+p50\s+p90\s+p95\s+p99\s+Max\s+Incomplete\s+Dropped\s+Timed out\s+Unmatched/;
  const terminal = finalReport(s);
  assert.match(terminal, head);
  assert.match(terminal, /order paid(\s+\S+){11}\s+3\s+7\s+2/);
  // The job tracker ends inside the run: it has no event columns, shown as a dash.
  assert.match(terminal, /job latency(\s+\S+){11}\s+0\s+–\s+–/);
  const html = trackersSection(s).replace(/<[^>]+>/g, ' ');
  assert.match(html, head);
  assert.match(html, /order paid(\s+\S+){11}\s+3\s+7\s+2/);
  // Without event trackers or dropped starts those columns are left out.
  const plain = trackersSection(snapshot()).replace(/<[^>]+>/g, ' ');
  assert.doesNotMatch(plain, /Dropped|Timed out|Unmatched/);
});

test('dropped iterations come with the reason and the fix: busy users, or a generator behind schedule', () => {
  const s = snapshot();
  s.generator = { cpu: 0.2, loopDelayMs: 1, saturated: false };
  // Total response p50 is 4 ms; iterations that started on time read about that from intended start.
  s.arrival = {
    rate: 100,
    started: 900,
    dropped: 100,
    maxUsers: 50,
    intended: { p50: 5, p95: 9, p99: 12, max: 20 },
  };
  const onTime = finalReport(s);
  assert.match(onTime, /Open model: 900 iterations started, 100 dropped/);
  assert.match(
    onTime,
    /WARNING: 100 of 1000 iterations \(10\.0 %\) were dropped: all 50 users \(maxUsers\) were busy/,
  );
  assert.match(onTime, /Fix: raise `maxUsers`/);
  // Iterations starting a median 40 ms late: the generator fell behind, more users would not help.
  s.arrival.intended.p50 = 44;
  assert.match(
    finalReport(s),
    /Fix: the load generator fell behind its schedule \(iterations started a median 40\.0 ms late\): add workers/,
  );
  s.arrival.dropped = 0;
  assert.doesNotMatch(finalReport(s), /were dropped/);
});
