// The master's allocator of unique rows: disjoint blocks, in order, never re-issued.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowLeases } from '../../../engine/data/rowLeases';

function covered(leases: RowLeases, wants: number[]): number[] {
  const seen: number[] = [];
  for (const want of wants) {
    const r = leases.take(want);
    if (r.kind === 'exhausted') break;
    for (let i = 0; i < r.lease.count; i++) seen.push(r.lease.first + i);
  }
  return seen;
}

test('blocks are disjoint and together cover every row exactly once', () => {
  const leases = new RowLeases(1000, false, 100);
  const rows = covered(leases, [50, 200, 7, 1, 999, 3, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
  assert.equal(rows.length, 1000);
  assert.equal(new Set(rows).size, 1000);
  assert.deepEqual(
    rows,
    [...rows].sort((a, b) => a - b),
  );
  assert.deepEqual(leases.take(10), { kind: 'exhausted' });
  assert.equal(leases.leased, 1000);
});

test('a block is at most maxBlock rows, at least one, and never past the end', () => {
  const leases = new RowLeases(10, false, 4);
  assert.deepEqual(leases.take(100), { kind: 'lease', lease: { first: 0, count: 4 }, lap: 0 });
  assert.deepEqual(leases.take(0), { kind: 'lease', lease: { first: 4, count: 1 }, lap: 0 });
  assert.deepEqual(leases.take(4), { kind: 'lease', lease: { first: 5, count: 4 }, lap: 0 });
  assert.deepEqual(leases.take(4), { kind: 'lease', lease: { first: 9, count: 1 }, lap: 0 });
  assert.equal(leases.remaining, 0);
  assert.equal(leases.take(4).kind, 'exhausted');
});

test('wrap starts a new lap from the first row', () => {
  const leases = new RowLeases(3, true, 2);
  assert.deepEqual(covered(leases, [2, 2, 2, 2]), [0, 1, 2, 0, 1, 2]);
  const next = leases.take(1);
  assert.equal(next.kind === 'lease' && next.lap, 2);
});

test('an empty set is exhausted at once, even with wrap', () => {
  assert.equal(new RowLeases(0, true, 10).take(5).kind, 'exhausted');
});
