import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitEvenly, splitLargestRemainder, splitRate } from '../../../engine/master/split';

test('10 users on 3 workers are 4+3+3, never 3+3+3', () => {
  assert.deepEqual(splitEvenly(10, 3), [4, 3, 3]);
});

test('largest remainder always sums to the total', () => {
  for (let total = 0; total < 60; total++) {
    for (let n = 1; n < 8; n++) {
      const parts = splitEvenly(total, n);
      assert.equal(
        parts.reduce((a, b) => a + b, 0),
        total,
      );
      assert.ok(Math.max(...parts) - Math.min(...parts) <= 1);
    }
  }
});

test('weights are honoured and leftovers go to the largest fractional parts', () => {
  assert.deepEqual(splitLargestRemainder(10, [1, 2, 2]), [2, 4, 4]);
  assert.deepEqual(splitLargestRemainder(7, [1, 1, 2]), [2, 2, 3]);
  assert.deepEqual(splitLargestRemainder(5, []), []);
});

test('fractional arrival rates split exactly in thousandths', () => {
  const parts = splitRate(2.5, 3);
  assert.deepEqual(parts, [0.834, 0.833, 0.833]);
  assert.equal(Math.round(parts.reduce((a, b) => a + b, 0) * 1000), 2500);
});
