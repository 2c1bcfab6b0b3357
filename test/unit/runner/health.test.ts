import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HealthMonitor } from '../../../engine/runner/health';

test('health: a blocked event loop shows as loop delay, and busy work as CPU', async () => {
  const h = new HealthMonitor();
  h.sample();
  // Let the monitor's timer run once, then block the loop for 120 ms of busy work.
  await new Promise((r) => setTimeout(r, 25));
  const until = performance.now() + 120;
  while (performance.now() < until);
  await new Promise((r) => setTimeout(r, 25));
  const s = h.sample();
  h.close();
  assert.ok(s.loopDelayMs >= 60, `loop delay ${s.loopDelayMs}`);
  assert.ok(s.cpu > 0 && s.cpu < 4, `cpu ${s.cpu}`);
});
