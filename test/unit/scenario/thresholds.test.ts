// Thresholds `metric[entry] op value` and durations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario, durationToMs, parseThink, parseThreshold } from '../../../scenario/index';
import { HEAD, only, span } from './helpers';

test('thresholds parse into metric, entry, operator, value and unit', () => {
  const ok = (t: string) => {
    const r = parseThreshold(t);
    assert.ok('threshold' in r, `${t}: ${JSON.stringify(r)}`);
    const { metric, entry, op, value, unit } = r.threshold;
    return [metric, entry, op, value, unit];
  };
  assert.deepEqual(ok('p95 < 300ms'), ['p95', undefined, '<', 300, 'ms']);
  assert.deepEqual(ok('p99.9<=1.5s'), ['p99.9', undefined, '<=', 1500, 'ms']);
  assert.deepEqual(ok('mean < 250'), ['mean', undefined, '<', 250, 'ms']);
  assert.deepEqual(ok('failures < 1%'), ['failures', undefined, '<', 1, '%']);
  assert.deepEqual(ok('failures < 0.5 %'), ['failures', undefined, '<', 0.5, '%']);
  assert.deepEqual(ok('failures <= 10'), ['failures', undefined, '<=', 10, 'count']);
  assert.deepEqual(ok('rps > 100'), ['rps', undefined, '>', 100, 'rps']);
  assert.deepEqual(ok('requests >= 1000'), ['requests', undefined, '>=', 1000, 'count']);
  assert.deepEqual(ok('p99[add to cart] < 500ms'), ['p99', 'add to cart', '<', 500, 'ms']);
});

test('bad thresholds report where and why', () => {
  const bad = (t: string) => {
    const r = parseThreshold(t);
    assert.ok('error' in r, t);
    return [r.error.start, r.error.end, r.error.message, r.error.suggestion];
  };
  assert.deepEqual(bad('p59 < 3ms').slice(0, 2), [0, 3]);
  assert.equal(bad('rsp > 3')[3], 'rps');
  assert.equal(bad('failurs < 1%')[3], 'failures');
  assert.deepEqual(bad('p95 300ms').slice(0, 2), [4, 5]);
  assert.deepEqual(bad('p95 = 300ms').slice(0, 2), [4, 5]);
  assert.deepEqual(bad('p95 < 3 apples').slice(0, 2), [6, 14]);
  assert.deepEqual(bad('failures < 120%').slice(0, 2), [11, 15]);
  assert.deepEqual(bad('rps > lots').slice(0, 2), [6, 10]);
  assert.deepEqual(bad('p95[] < 1s').slice(0, 2), [3, 5]);
  assert.deepEqual(bad('').slice(0, 2), [0, 1]);
});

test('threshold diagnostics land inside the YAML string; unknown entries get did-you-mean', () => {
  const a = analyzeScenario(
    HEAD +
      'users: [{ tasks: [{ name: login, post: /l }] }]\nthresholds:\n  - p95[logn] < 1s\n  - "p95 < soon"\n',
  );
  const entry = only(a, 'unknown-request');
  assert.deepEqual(span(entry), [5, 8, 5, 12]);
  assert.equal(entry.suggestion, 'login');
  assert.deepEqual(span(only(a, 'bad-threshold')), [6, 11, 6, 15]);
});

test('durations: units, combinations, and what is not a duration', () => {
  assert.equal(durationToMs('250ms'), 250);
  assert.equal(durationToMs('10s'), 10_000);
  assert.equal(durationToMs('2m'), 120_000);
  assert.equal(durationToMs('1h'), 3_600_000);
  assert.equal(durationToMs('1m30s'), 90_000);
  assert.equal(durationToMs('1h2m3s4ms'), 3_723_004);
  assert.equal(durationToMs('1.5s'), 1500);
  assert.equal(durationToMs(' 0s '), 0);
  for (const bad of ['', '10', 's', '10 s', '-1s', '1d', '1m30', 'ms10', '1e3ms'])
    assert.equal(durationToMs(bad), undefined, bad);
});

test('think times', () => {
  assert.deepEqual(parseThink('2s'), { think: { kind: 'constant', ms: 2000 } });
  assert.deepEqual(parseThink('between(1s, 3s)'), { think: { kind: 'between', minMs: 1000, maxMs: 3000 } });
  assert.deepEqual(parseThink('between(500ms,500ms)'), {
    think: { kind: 'between', minMs: 500, maxMs: 500 },
  });
  assert.deepEqual(parseThink('pacing( 5s )'), { think: { kind: 'pacing', ms: 5000 } });
  assert.deepEqual(parseThink('none'), { think: { kind: 'none' } });
  assert.deepEqual(parseThink('0s'), { think: { kind: 'none' } });
  for (const bad of [
    'between(1s)',
    'between(3s, 1s)',
    'pacing(0s)',
    'pacing(1s, 2s)',
    'sleep(1s)',
    'between(1s, x)',
    '2',
  ]) {
    assert.ok('error' in parseThink(bad), bad);
  }
});
