import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  failureRatio,
  formatBytes,
  formatCompactCount,
  formatCount,
  formatElapsed,
  formatMs,
  formatPercent,
  formatRate,
  formatTick,
} from '../../../common/format';

test('formatMs keeps sub-millisecond times visible and scales precision with magnitude', () => {
  assert.equal(formatMs(0), '0');
  assert.equal(formatMs(0.0423), '0.042');
  assert.equal(formatMs(0.42), '0.42');
  assert.equal(formatMs(4.2), '4.20');
  assert.equal(formatMs(42.04), '42.0');
  assert.equal(formatMs(420.4), '420');
  assert.equal(formatMs(4200.4), '4,200');
  assert.equal(formatMs(0.0000004), '4.0e-7');
});

test('a missing or non-finite value shows as a dash, never NaN', () => {
  for (const f of [formatMs, formatRate, formatCount, formatPercent, formatBytes, formatElapsed]) {
    assert.equal(f(undefined), '\u2013');
    assert.equal(f(Number.NaN), '\u2013');
    assert.equal(f(Infinity), '\u2013');
  }
});

test('counts, rates and ticks', () => {
  assert.equal(formatCount(1234567.4), '1,234,567');
  assert.equal(formatRate(0), '0');
  assert.equal(formatRate(0.25), '0.25');
  assert.equal(formatRate(42.46), '42.5');
  assert.equal(formatRate(1234.4), '1,234');
  assert.equal(formatTick(80), '80');
  assert.equal(formatTick(2500), '2,500');
  assert.equal(formatTick(0.5), '0.5');
  assert.equal(formatTick(0.125), '0.125');
  assert.equal(formatTick(12.5), '12.5');
});

test('percentages do not round a real failure away to zero', () => {
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatPercent(0.00001), '<0.01%');
  assert.equal(formatPercent(0.0068), '0.68%');
  assert.equal(formatPercent(0.35), '35.0%');
  assert.equal(failureRatio(0, 0), 0);
  assert.equal(failureRatio(200, 3), 0.015);
});

test('bytes use binary units', () => {
  assert.equal(formatBytes(15), '15 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(14_800), '14 KiB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MiB');
});

test('elapsed time reads m:ss, and h:mm:ss from one hour', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(59_999), '0:59');
  assert.equal(formatElapsed(90_000), '1:30');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
  assert.equal(formatElapsed(-5), '0:00');
});

test('formatCompactCount fits a count in a few characters and never shows "1000k"', () => {
  assert.equal(formatCompactCount(0), '0');
  assert.equal(formatCompactCount(999), '999');
  assert.equal(formatCompactCount(999.4), '999');
  assert.equal(formatCompactCount(999.6), '1k');
  assert.equal(formatCompactCount(1234), '1.2k');
  assert.equal(formatCompactCount(9949), '9.9k');
  assert.equal(formatCompactCount(12_345), '12k');
  assert.equal(formatCompactCount(999_499), '999k');
  assert.equal(formatCompactCount(999_600), '1M');
  assert.equal(formatCompactCount(3_400_000), '3.4M');
  assert.equal(formatCompactCount(2.5e9), '2.5G');
  assert.equal(formatCompactCount(Number.NaN), '\u2013');
});
