import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomPicker, RoundRobinSequence } from '../../../engine/runner/weights';

test('round robin: exact proportions over every period, spread out, and periodic', () => {
  const seq = new RoundRobinSequence([5, 1, 2]);
  const counts = [0, 0, 0];
  for (let i = 0; i < 8; i++) counts[seq.at(i)]++;
  assert.deepEqual(counts, [5, 1, 2]);
  assert.equal(seq.at(3), seq.at(3 + 8 * 1_000_000));
  // Spread: the weight-5 item never runs more than three times in a row.
  const first16 = Array.from({ length: 16 }, (_, i) => seq.at(i)).join('');
  assert.ok(!first16.includes('0000'), first16);
});

test('random picker: proportions within tolerance; zero weights never chosen', () => {
  const p = new RandomPicker(['a', 'b', 'c'], (x) => (x === 'a' ? 1 : x === 'b' ? 3 : 0));
  let b = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const x = p.pick();
    assert.notEqual(x, 'c');
    if (x === 'b') b++;
  }
  assert.ok(Math.abs(b / n - 0.75) < 0.02, `share ${b / n}`);
});
