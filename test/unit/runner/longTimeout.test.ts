// setLongTimeout under Node's mock timers: delays past 2^31-1 ms (where a plain setTimeout fires
// after 1 ms) run when written, and cancel/unref work at every link of the chain.
import { afterEach, beforeEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TIMER_MS, setLongTimeout } from '../../../engine/longTimeout';

const HOUR = 3_600_000;

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('a 600 h delay fires at 600 h, not before (a plain setTimeout fires after 1 ms)', () => {
  let fired = 0;
  setLongTimeout(() => fired++, 600 * HOUR);
  mock.timers.tick(1);
  assert.equal(fired, 0);
  mock.timers.tick(MAX_TIMER_MS - 1);
  assert.equal(fired, 0, 'the first link ends at MAX_TIMER_MS and chains the next');
  mock.timers.tick(600 * HOUR - MAX_TIMER_MS - 1);
  assert.equal(fired, 0, 'one millisecond early');
  mock.timers.tick(1);
  assert.equal(fired, 1);
  mock.timers.tick(600 * HOUR);
  assert.equal(fired, 1, 'runs once');
});

test('exactly MAX_TIMER_MS and one more', () => {
  const at: number[] = [];
  let now = 0;
  setLongTimeout(() => at.push(now), MAX_TIMER_MS);
  setLongTimeout(() => at.push(now), MAX_TIMER_MS + 1);
  for (const step of [MAX_TIMER_MS - 1, 1, 1]) {
    now += step;
    mock.timers.tick(step);
  }
  assert.deepEqual(at, [MAX_TIMER_MS, MAX_TIMER_MS + 1]);
});

test('short, zero, negative and NaN delays behave like setTimeout', () => {
  const order: string[] = [];
  setLongTimeout(() => order.push('10'), 10);
  setLongTimeout(() => order.push('0'), 0);
  setLongTimeout(() => order.push('neg'), -5);
  setLongTimeout(() => order.push('nan'), NaN);
  mock.timers.tick(0);
  assert.deepEqual(order, ['0', 'neg', 'nan']);
  mock.timers.tick(10);
  assert.deepEqual(order, ['0', 'neg', 'nan', '10']);
});

test('cancel works before the first link ends and on a later link', () => {
  let fired = 0;
  const early = setLongTimeout(() => fired++, 100 * 24 * HOUR);
  const late = setLongTimeout(() => fired++, 100 * 24 * HOUR);
  early.cancel();
  mock.timers.tick(MAX_TIMER_MS + 1);
  late.cancel();
  late.cancel();
  mock.timers.tick(100 * 24 * HOUR);
  assert.equal(fired, 0);
});

test('Infinity never fires', () => {
  let fired = 0;
  setLongTimeout(() => fired++, Infinity);
  for (let i = 0; i < 5; i++) mock.timers.tick(MAX_TIMER_MS);
  assert.equal(fired, 0);
});
