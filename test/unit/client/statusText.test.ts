import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatElapsed,
  formatFailurePercent,
  formatRate,
  statusText,
  statusTooltip,
} from '../../../client/statusText';
import { entry, snapshot } from './fixtures';

test('the status bar reads users, rps, failure share and elapsed time', () => {
  const s = snapshot({
    users: 120,
    elapsedMs: 42_400,
    total: entry({ requests: 10_000, failures: 10, currentRps: 950.4 }),
  });
  assert.equal(statusText(s), '$(pulse) 120 users · 950 rps · 0.1% fail · 0:42');
});

test('the status bar icon follows the run state, and one user is singular', () => {
  assert.match(statusText(snapshot({ state: 'starting', users: 1 })), /^\$\(loading~spin\) 1 user · /);
  assert.match(statusText(snapshot({ state: 'stopping' })), /^\$\(debug-stop\) /);
});

test('elapsed time is m:ss below an hour and h:mm:ss above', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(59_999), '0:59');
  assert.equal(formatElapsed(61_000), '1:01');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
  assert.equal(formatElapsed(-5), '0:00');
  assert.equal(formatElapsed(Number.NaN), '0:00');
});

test('rates keep one decimal below 10 and group thousands above', () => {
  assert.equal(formatRate(0), '0');
  assert.equal(formatRate(2.46), '2.5');
  assert.equal(formatRate(3), '3');
  assert.equal(formatRate(12_345.6), '12,346');
});

test('failure share: zero, below a tenth of a percent, small, large', () => {
  assert.equal(formatFailurePercent(0, 0), '0%');
  assert.equal(formatFailurePercent(100, 0), '0%');
  assert.equal(formatFailurePercent(10_000, 1), '<0.1%');
  assert.equal(formatFailurePercent(1000, 25), '2.5%');
  assert.equal(formatFailurePercent(100, 50), '50%');
});

test('the tooltip names the scenario, the stage, and a saturated generator', () => {
  const tip = statusTooltip(
    snapshot({
      users: 40,
      targetUsers: 100,
      stage: { index: 1, count: 3 },
      generator: { cpu: 0.99, loopDelayMs: 80, saturated: true, reason: 'CPU 99%' },
    }),
  );
  assert.match(tip, /Shop checkout \(running\)/);
  assert.match(tip, /40 of 100 users, stage 2 of 3/);
  assert.match(tip, /Load generator saturated: CPU 99%/);
});
