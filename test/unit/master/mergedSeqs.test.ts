// Each (worker, seq) is merged at most once, in any arrival order, with bounded bookkeeping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MergedSeqs } from '../../../engine/master/mergedSeqs';

test('in-order reports are each claimed once and hold nothing apart', () => {
  const seqs = new MergedSeqs();
  for (let s = 1; s <= 10_000; s++) assert.equal(seqs.claim(s), true);
  assert.equal(seqs.heldApart, 0);
  for (const s of [1, 5_000, 10_000]) assert.equal(seqs.claim(s), false, `seq ${s} again`);
});

test('out-of-order and repeated seqs: each is claimed exactly once, and a filled gap folds into the range', () => {
  const seqs = new MergedSeqs();
  const arrivals = [3, 4, 4, 7, 5, 3, 6, 2, 1, 9, 8, 8, 2];
  const claimed = arrivals.filter((s) => seqs.claim(s));
  assert.deepEqual(claimed, [3, 4, 7, 5, 6, 2, 1, 9, 8]);
  // 3..9 is one range now; 1 and 2 came before the first seq and stay apart.
  assert.equal(seqs.heldApart, 2);
  assert.equal(seqs.claim(10), true);
  assert.equal(seqs.heldApart, 2);
});

test('a worker that starts at 0 is handled like one that starts at 1', () => {
  const seqs = new MergedSeqs();
  assert.equal(seqs.claim(0), true);
  assert.equal(seqs.claim(0), false);
  assert.equal(seqs.claim(1), true);
  assert.equal(seqs.heldApart, 0);
});
