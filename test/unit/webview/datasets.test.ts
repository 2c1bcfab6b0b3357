import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryPoint, RunSnapshot } from '../../../common/snapshot';
import { CHARTS, chartData, seriesData, timeStep, xRange } from '../../../webview/charts/datasets';

const points: HistoryPoint[] = [
  { t: 1000, rps: 10, failuresPerSec: 0, p50: 5, p95: 9, p99: 12, users: 2 },
  {
    t: 2000,
    rps: 12,
    failuresPerSec: 1,
    p50: 6,
    p95: 10,
    p99: 15,
    users: 4,
    arrivalRate: 20,
    dropped: 1,
    startedPerSec: 18,
    droppedPerSec: 2,
  },
];
const spec = (id: string) => CHARTS.find((c) => c.id === id)!;

test('series are {x: seconds, y} in history order', () => {
  assert.deepEqual(
    seriesData(points, (p) => p.rps),
    [
      { x: 1, y: 10 },
      { x: 2, y: 12 },
    ],
  );
});

test('each chart projects its series from the same history', () => {
  assert.deepEqual(
    chartData(spec('throughput'), points).map((s) => s.map((p) => p.y)),
    [
      [10, 12],
      [0, 1],
    ],
  );
  assert.deepEqual(
    chartData(spec('latency'), points).map((s) => s.map((p) => p.y)),
    [
      [5, 6],
      [9, 10],
      [12, 15],
    ],
  );
  assert.deepEqual(chartData(spec('users'), points), [
    [
      { x: 1, y: 2 },
      { x: 2, y: 4 },
    ],
  ]);
  // Points without an optional value (closed-model seconds) are left out, not drawn as 0.
  // The arrival chart plots the target rate, then started and dropped per second (not the running total).
  assert.deepEqual(chartData(spec('arrival'), points), [
    [{ x: 2, y: 20 }],
    [{ x: 2, y: 18 }],
    [{ x: 2, y: 2 }],
  ]);
});

test('series labels and colours are distinct within a chart', () => {
  for (const c of CHARTS) {
    assert.equal(new Set(c.series.map((s) => s.label)).size, c.series.length, c.id);
    assert.equal(new Set(c.series.map((s) => s.colour)).size, c.series.length, c.id);
  }
});

test('the arrival chart shows only for open-model runs', () => {
  const closed = { arrival: undefined } as unknown as RunSnapshot;
  const open = { arrival: { rate: 5 } } as unknown as RunSnapshot;
  assert.equal(spec('arrival').visible(closed), false);
  assert.equal(spec('arrival').visible(null), false);
  assert.equal(spec('arrival').visible(open), true);
  assert.equal(spec('throughput').visible(null), true);
});

test('the x axis runs to the planned end while running, to the last point once stopped', () => {
  const running = { state: 'running', elapsedMs: 2000, plannedMs: 120_000 } as RunSnapshot;
  assert.deepEqual(xRange(running, points), { min: 0, max: 120 });
  const stoppedEarly = { state: 'stopped', elapsedMs: 2400, plannedMs: 120_000 } as RunSnapshot;
  assert.deepEqual(xRange(stoppedEarly, points), { min: 0, max: 10 });
  const long = { state: 'stopped', elapsedMs: 95_000 } as RunSnapshot;
  assert.deepEqual(xRange(long, [{ ...points[0], t: 94_000 }]), { min: 0, max: 95 });
  assert.deepEqual(xRange(null, []), { min: 0, max: 10 });
});

test('time ticks land on clock-friendly steps', () => {
  assert.equal(timeStep(10), 2);
  assert.equal(timeStep(90), 15);
  assert.equal(timeStep(120), 15);
  assert.equal(timeStep(600), 120);
  assert.equal(timeStep(3600), 600);
  assert.equal(timeStep(86_400), 10_800);
  assert.equal(timeStep(864_000), 108_000);
});
