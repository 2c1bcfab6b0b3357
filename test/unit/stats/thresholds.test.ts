import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateThresholds } from '../../../engine/stats/thresholds';
import type { ThresholdSpec } from '../../../scenario/model';
import { snapshot } from './fixtures';

const spec = (source: string, s: Omit<ThresholdSpec, 'source'>): ThresholdSpec => ({ source, ...s });

test('thresholds on the total: time, failure ratio, count, rps', () => {
  const r = evaluateThresholds(
    [
      spec('p95 < 300ms', { metric: 'p95', op: '<', value: 300, unit: 'ms' }),
      spec('p95 < 200ms', { metric: 'p95', op: '<', value: 200, unit: 'ms' }),
      spec('failures < 1%', { metric: 'failures', op: '<', value: 1, unit: '%' }),
      spec('failures < 2%', { metric: 'failures', op: '<', value: 2, unit: '%' }),
      spec('failures <= 15', { metric: 'failures', op: '<=', value: 15, unit: 'count' }),
      spec('rps > 100', { metric: 'rps', op: '>', value: 100, unit: 'rps' }),
      spec('requests >= 1000', { metric: 'requests', op: '>=', value: 1000, unit: 'count' }),
      spec('p99.9 < 500ms', { metric: 'p99.9', op: '<', value: 500, unit: 'ms' }),
      spec('max < 400ms', { metric: 'max', op: '<', value: 400, unit: 'ms' }),
    ],
    snapshot(),
  );
  assert.deepEqual(
    r.map((x) => [x.source, x.ok, x.actual]),
    [
      ['p95 < 300ms', true, 240],
      ['p95 < 200ms', false, 240],
      ['failures < 1%', false, 1.5],
      ['failures < 2%', true, 1.5],
      ['failures <= 15', true, 15],
      ['rps > 100', false, 100],
      ['requests >= 1000', true, 1000],
      ['p99.9 < 500ms', true, 240 * 1.8],
      ['max < 400ms', false, 480],
    ],
  );
});

test('an entry-scoped threshold holds for every entry of that name; counts are summed', () => {
  const r = evaluateThresholds(
    [
      spec('p95[login] < 100ms', { metric: 'p95', entry: 'login', op: '<', value: 100, unit: 'ms' }),
      spec('p95[login] < 130ms', { metric: 'p95', entry: 'login', op: '<', value: 130, unit: 'ms' }),
      spec('p95[login] > 100ms', { metric: 'p95', entry: 'login', op: '>', value: 100, unit: 'ms' }),
      spec('failures[login] < 1%', { metric: 'failures', entry: 'login', op: '<', value: 1, unit: '%' }),
      spec('failures[/cart] < 1%', { metric: 'failures', entry: '/cart', op: '<', value: 1, unit: '%' }),
    ],
    snapshot(),
  );
  assert.deepEqual(
    r.map((x) => [x.ok, x.actual]),
    [
      [false, 120],
      [true, 120],
      [false, 90],
      [true, (100 * 5) / 600],
      [false, 2.5],
    ],
  );
});

test('a threshold naming an unknown entry fails with NaN and says why', () => {
  const [r] = evaluateThresholds(
    [spec('p95[logni] < 100ms', { metric: 'p95', entry: 'logni', op: '<', value: 100, unit: 'ms' })],
    snapshot(),
  );
  assert.equal(r.ok, false);
  assert.ok(Number.isNaN(r.actual));
  assert.match(r.source, /^p95\[logni\] < 100ms \(no request named "logni" ran\)$/);
});

test('a run without requests has a failure ratio of 0', () => {
  const s = snapshot();
  s.total = { ...s.total, requests: 0, failures: 0 };
  const [r] = evaluateThresholds(
    [spec('failures < 1%', { metric: 'failures', op: '<', value: 1, unit: '%' })],
    s,
  );
  assert.deepEqual([r.ok, r.actual], [true, 0]);
});

test('a threshold on a tracker holds in every stage that measured something; none measured fails', () => {
  const row = (stage: number, count: number, p95: number) => ({
    metric: 'job latency',
    stage,
    users: 10 * (stage + 1),
    count,
    min: 300,
    mean: 320,
    p50: 310,
    p90: 340,
    p95,
    p99: p95 + 50,
    max: p95 + 90,
    incomplete: 0,
    dropped: 0,
  });
  const s = snapshot({ trackers: [row(0, 40, 350), row(1, 60, 900), row(2, 0, 0)] });
  const t = (
    source: string,
    op: ThresholdSpec['op'],
    value: number,
    metric: ThresholdSpec['metric'] = 'p95',
  ) => spec(source, { metric, entry: 'job latency', tracker: true, op, value, unit: 'ms' });
  const [under1s, under500, atLeast300] = evaluateThresholds(
    [
      t('p95[job latency] < 1s', '<', 1000),
      t('p95[job latency] < 500ms', '<', 500),
      t('min[job latency] >= 300ms', '>=', 300, 'min'),
    ],
    s,
  );
  assert.deepEqual(
    [under1s.ok, under1s.actual],
    [true, 900],
    'the worst stage is reported; the empty stage is left out',
  );
  assert.deepEqual([under500.ok, under500.actual], [false, 900]);
  assert.deepEqual([atLeast300.ok, atLeast300.actual], [true, 300]);
  const [nothing] = evaluateThresholds(
    [t('p95[job latency] < 1s', '<', 1000)],
    snapshot({ trackers: [row(0, 0, 0)] }),
  );
  assert.equal(nothing.ok, false);
  assert.match(nothing.source, /\(tracker "job latency" measured nothing\)$/);
});
