import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerCap } from '../../../engine/runner/workerCap';
import { MAX_ARRIVAL_RATE_PER_WORKER, MAX_USERS_PER_WORKER } from '../../../scenario/limits';
import type { Logger } from '../../../engine/log';

function logger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log = {
    debug() {},
    info() {},
    warn: (m: string) => warnings.push(m),
    error() {},
  } as unknown as Logger;
  return { log, warnings };
}

test('a worker runs at most what it holds and says so once', () => {
  const { log, warnings } = logger();
  const cap = new WorkerCap(log);
  assert.equal(cap.users(10), 10);
  assert.equal(cap.users(MAX_USERS_PER_WORKER), MAX_USERS_PER_WORKER);
  assert.deepEqual(warnings, []);
  assert.equal(cap.users(1e12), MAX_USERS_PER_WORKER);
  assert.equal(cap.arrivalRate(1e9), MAX_ARRIVAL_RATE_PER_WORKER);
  assert.equal(cap.arrivalRate(50), 50);
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0],
    /asked for 1,000,000,000,000 users, more than one worker can hold; it runs 100,000 users/,
  );
});
