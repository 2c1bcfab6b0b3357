// The run's own verdict: a run where no request succeeded fails with a reason and a hint, and a
// generator busy failing every request is not reported as saturated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runVerdict } from '../../../engine/stats/verdict';
import { generatorHealth } from '../../../engine/master/snapshot';
import { newWorkerRecord } from '../../../engine/master/workerRecord';
import { entry, snapshot } from './fixtures';

test('a run with successes passes; one where every request failed fails with the commonest error and a hint', () => {
  assert.deepEqual(runVerdict(snapshot()), { ok: true });
  const refused = 'connection refused (ECONNREFUSED) 127.0.0.1:8080';
  const failed = snapshot({
    total: entry('Aggregated', '', 100, 100, 1),
    errors: [
      { name: 'a', method: 'GET', error: refused, count: 60 },
      { name: 'b', method: 'GET', error: 'connection reset by server before response', count: 30 },
      { name: 'b', method: 'POST', error: refused, count: 10 },
    ],
  });
  assert.deepEqual(runVerdict(failed), {
    ok: false,
    reason: `no request succeeded: ${refused} (70 of 100 failures; others differ) — is the target running?`,
  });
  const allTimeouts = snapshot({
    total: entry('Aggregated', '', 5, 5, 1),
    errors: [{ name: 'a', method: 'GET', error: 'timeout after 10 s waiting for response head', count: 5 }],
  });
  assert.deepEqual(runVerdict(allTimeouts), {
    ok: false,
    reason:
      'no request succeeded: timeout after 10 s waiting for response head — is the target overloaded, or the timeout too short for it?',
  });
});

test('a run that sent nothing is not judged here (nothing failed either)', () => {
  assert.deepEqual(runVerdict(snapshot({ total: entry('Aggregated', '', 0, 0, 0), errors: [] })), {
    ok: true,
  });
});

test('a busy generator is saturated, unless every request so far failed', () => {
  const w = newWorkerRecord('w1', 'h', 1, 2, 0);
  w.cpu = 0.99;
  assert.equal(generatorHealth([w]).saturated, true);
  const health = generatorHealth([w], true);
  assert.deepEqual(health, { cpu: 0.99, loopDelayMs: 0, saturated: false });
});
