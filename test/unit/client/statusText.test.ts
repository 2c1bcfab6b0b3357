import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatElapsed, formatRate } from '../../../common/format';
import { formatFailurePercent, statusText, statusTooltip } from '../../../client/statusText';
import { entry, snapshot } from './fixtures';

test('the status bar reads users, rps, failure share and elapsed time', () => {
  const s = snapshot({
    users: 120,
    elapsedMs: 42_400,
    total: entry({ requests: 10_000, failures: 10, currentRps: 950.4 }),
  });
  assert.equal(statusText(s), '$(pulse) 120 users · 950 rps · 0.10% fail · 0:42');
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
  assert.equal(formatElapsed(Number.NaN), '\u2013');
});

test('rates follow the panel: two decimals below 10, one below 100, thousands grouped above', () => {
  assert.equal(formatRate(0), '0');
  assert.equal(formatRate(2.46), '2.46');
  assert.equal(formatRate(42.46), '42.5');
  assert.equal(formatRate(12_345.6), '12,346');
});

test('failure share as the panel shows it (one formatter): zero, tiny, small, large', () => {
  assert.equal(formatFailurePercent(0, 0), '0%');
  assert.equal(formatFailurePercent(100, 0), '0%');
  // The status bar said `<0.1%` where the panel said `0.05%` for the same run.
  assert.equal(formatFailurePercent(20_000, 10), '0.05%');
  assert.equal(formatFailurePercent(1_000_000, 1), '<0.01%');
  assert.equal(formatFailurePercent(1000, 25), '2.50%');
  assert.equal(formatFailurePercent(100, 50), '50.0%');
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
