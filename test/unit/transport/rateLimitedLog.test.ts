// Peer-caused log lines: a few per window, the rest counted and summed up once; long peer strings cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, rateLimitedLog } from '../../../engine/transport/rateLimitedLog';

test('writes the first lines of each window and sums up the rest when the next opens', () => {
  let now = 0;
  const lines: string[] = [];
  const log = rateLimitedLog(
    (l) => lines.push(l),
    3,
    10_000,
    () => now,
  );
  for (let i = 0; i < 1000; i++) log(`refused ${i}`);
  assert.deepEqual(lines, ['refused 0', 'refused 1', 'refused 2']);
  now = 10_000;
  log('refused again');
  assert.deepEqual(lines.slice(3), ['(997 similar line(s) suppressed in the last 10 s)', 'refused again']);
});

test('clip cuts long peer strings and says how long they were', () => {
  assert.equal(clip('short'), 'short');
  const cut = clip('h'.repeat(200_000_000 / 1000), 10);
  assert.equal(cut, 'hhhhhhhhhh… (200000 characters)');
});
