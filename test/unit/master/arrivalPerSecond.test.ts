// Started and dropped per second come from the merged totals of consecutive snapshots, so over a
// run they add back up to the totals the summary and the JSON result show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryPoint, RunSnapshot } from '../../../common/snapshot';
import { createArrivalPerSecond } from '../../../engine/master/arrivalPerSecond';

function at(
  elapsedMs: number,
  started: number,
  dropped: number,
): { snapshot: RunSnapshot; point: HistoryPoint } {
  const snapshot = {
    elapsedMs,
    arrival: { rate: 100, started, dropped, intended: { p50: 0, p95: 0, p99: 0, max: 0 } },
  } as unknown as RunSnapshot;
  return { snapshot, point: { t: elapsedMs } as HistoryPoint };
}

test('per-second arrivals: differences of the totals over each interval, summing back to them', () => {
  const perSecond = createArrivalPerSecond();
  const totals: Array<[number, number, number]> = [
    [1000, 90, 10],
    [2000, 170, 30],
    [2100, 180, 31], // too close to the previous snapshot: its rates are kept
    [3000, 260, 40],
  ];
  const points = totals.map(([t, s, d]) => {
    const p = at(t, s, d);
    perSecond(p.snapshot, p.point);
    assert.equal(p.snapshot.arrival?.droppedPerSec, p.point.droppedPerSec);
    return p.point;
  });
  assert.deepEqual(
    points.map((p) => [p.startedPerSec, p.droppedPerSec]),
    [
      [90, 10],
      [80, 20],
      [80, 20],
      [90, 10],
    ],
  );
  // Over whole intervals (1 s apart) the per-second figures add up to the totals.
  const kept = [points[0], points[1], points[3]];
  assert.equal(
    kept.reduce((a, p) => a + (p.droppedPerSec ?? 0), 0),
    40,
  );
  // A closed-model snapshot has no arrival figures and gets none.
  const closed = { elapsedMs: 4000 } as RunSnapshot;
  const point = { t: 4000 } as HistoryPoint;
  perSecond(closed, point);
  assert.equal(point.droppedPerSec, undefined);
});
