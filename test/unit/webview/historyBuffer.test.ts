import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryPoint } from '../../../common/snapshot';
import { HistoryBuffer, mergePoints } from '../../../webview/charts/historyBuffer';

const point = (s: number, extra: Partial<HistoryPoint> = {}): HistoryPoint => ({
  t: s * 1000,
  rps: s,
  failuresPerSec: s % 2,
  p50: 10,
  p95: 20 + (s % 7),
  p99: 30 + (s % 11),
  users: s,
  ...extra,
});

test('below capacity every point is kept as it came', () => {
  const b = new HistoryBuffer(10);
  for (let s = 1; s <= 9; s++) b.push(point(s));
  assert.deepEqual(
    b.points(),
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => point(s)),
  );
  assert.equal(b.resolution, 1);
});

test('a long run stays bounded, spans the whole run and always shows the newest second', () => {
  const b = new HistoryBuffer(100);
  for (let s = 1; s <= 3600; s++) {
    b.push(point(s));
    const ps = b.points();
    assert.ok(ps.length <= 100, `at most 100 points (had ${ps.length} after ${s} s)`);
    assert.equal(ps[ps.length - 1].t, s * 1000, 'the live edge moves every second');
  }
  const ps = b.points();
  assert.ok(ps.length >= 50, `keeps at least half the capacity (${ps.length})`);
  assert.ok(ps[0].t <= 64_000, 'the start of the run is still on the chart');
  assert.ok(
    ps.every((p, i) => i === 0 || p.t > ps[i - 1].t),
    'x is strictly increasing',
  );
  assert.equal(b.resolution, 64);
});

test('merging averages rates, keeps the worst response time and the last users', () => {
  const m = mergePoints([point(1), point(2, { p99: 900 }), point(3)]);
  assert.equal(m.t, 3000);
  assert.equal(m.rps, 2);
  assert.equal(m.p99, 900);
  assert.equal(m.users, 3);
  assert.equal(m.arrivalRate, undefined);
  const open = mergePoints([
    point(1, { arrivalRate: 10, dropped: 0 }),
    point(2, { arrivalRate: 30, dropped: 4 }),
  ]);
  assert.equal(open.arrivalRate, 20);
  assert.equal(open.dropped, 4);
  assert.throws(() => mergePoints([]), /no points/);
});

test('downsampling preserves the total request count (rates averaged over equal buckets)', () => {
  const b = new HistoryBuffer(8);
  for (let s = 1; s <= 32; s++) b.push(point(s));
  const ps = b.points();
  const perPoint = 32 / ps.length;
  const total = ps.reduce((sum, p) => sum + p.rps * perPoint, 0);
  assert.equal(total, (32 * 33) / 2);
});

test('points not newer than the last are ignored (an update racing a hydrate)', () => {
  const b = new HistoryBuffer(10);
  b.pushAll([point(1), point(2), point(3)]);
  assert.equal(b.push(point(3)), false);
  assert.equal(b.push(point(2)), false);
  assert.equal(b.push(point(4)), true);
  assert.deepEqual(
    b.points().map((p) => p.t),
    [1000, 2000, 3000, 4000],
  );
});

test('state round-trips through JSON (vscode.setState) and clear starts over', () => {
  const b = new HistoryBuffer(8);
  for (let s = 1; s <= 21; s++) b.push(point(s));
  const copy = HistoryBuffer.restore(
    JSON.parse(JSON.stringify(b.state())) as ReturnType<HistoryBuffer['state']>,
  );
  assert.deepEqual(copy.points(), b.points());
  copy.push(point(22));
  b.push(point(22));
  assert.deepEqual(copy.points(), b.points());
  b.clear();
  assert.deepEqual(b.points(), []);
  assert.equal(b.lastT, -Infinity);
  assert.deepEqual(HistoryBuffer.restore(undefined).points(), []);
});
