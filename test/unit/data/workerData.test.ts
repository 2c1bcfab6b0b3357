// A worker's rows: sequential slices per worker, random picks, and unique rows leased in blocks
// with a prefetch, waiting users served in order, and an end when the master says none is left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataSetHeader } from '../../../common/protocol/engine';
import { MasterData } from '../../../engine/data/masterData';
import { WorkerData } from '../../../engine/data/workerData';
import type { DataSetSpec } from '../../../scenario/model';

const rows = (n: number) => Array.from({ length: n }, (_, i) => [`u${i}`, `${i}`]);
const header = (name: string, n: number, unique: boolean): DataSetHeader => ({
  name,
  columns: ['email', 'id'],
  rows: n,
  unique,
});

test('sequential rows start at the worker\'s own place and wrap around', () => {
  const w = new WorkerData([header('a', 4, false)], new Set(), new Set(), () => undefined, 0.5);
  w.addRows({ kind: 'dataRows', set: 'a', rows: rows(4) });
  const taken = Array.from({ length: 5 }, () => (w.take('a') as string[])[0]);
  assert.deepEqual(taken, ['u2', 'u3', 'u0', 'u1', 'u2']);
  assert.deepEqual(w.keys('a'), ['a.email', 'a.id']);
});

test('a worker keeps no more rows than the header announced', () => {
  const w = new WorkerData([header('a', 2, false)], new Set(), new Set(), () => undefined, 0);
  w.addRows({ kind: 'dataRows', set: 'a', rows: rows(5) });
  const seen = new Set(Array.from({ length: 10 }, () => (w.take('a') as string[])[0]));
  assert.deepEqual([...seen].sort(), ['u0', 'u1']);
});

/** A worker wired to a real MasterData, with leases answered when `answer()` is called. */
function leasedWorker(
  total: number,
  onExhausted: DataSetSpec['onExhausted'],
  per: DataSetSpec['per'] = 'iteration',
) {
  const spec: DataSetSpec = { name: 'a', file: 'a.csv', pick: 'unique', per, onExhausted };
  const perUser = new Set(per === 'user' ? ['a'] : []);
  const master = new MasterData([{ spec, table: { columns: ['email', 'id'], rows: rows(total) } }]);
  const asks: number[] = [];
  const w = new WorkerData(master.headers()!, new Set(), perUser, (_set, want) => asks.push(want), 0);
  const answer = () => {
    const want = asks.shift();
    assert.ok(want !== undefined, 'the worker asked for a lease');
    const out = master.lease('a', want);
    if (out.kind === 'grant') w.grant(out.message);
    return out;
  };
  return { w, asks, answer };
}

test('unique rows: users wait for the first lease, prefetch asks before the block runs out', async () => {
  const { w, asks, answer } = leasedWorker(500, 'stop');
  const first = w.take('a');
  const second = w.take('a');
  assert.ok(first instanceof Promise && second instanceof Promise);
  assert.equal(asks.length, 1, 'one lease request at a time');
  answer();
  assert.deepEqual(await first, ['u0', '0']);
  assert.deepEqual(await second, ['u1', '1']);
  const got: string[] = [];
  for (let i = 2; i < 500; i++) {
    let r = w.take('a');
    if (r instanceof Promise) {
      answer();
      r = await r;
    } else if (asks.length) answer(); // prefetch: answered while rows are still in hand
    got.push((r as string[])[0]);
  }
  assert.equal(new Set(got).size, 498);
  assert.ok(asks.length <= 1);
});

test('when the master has no unique row left, waiting users get none (onExhausted: stop)', async () => {
  const { w, answer } = leasedWorker(2, 'stop');
  const a = w.take('a');
  answer();
  assert.deepEqual(await a, ['u0', '0']);
  assert.deepEqual(w.take('a'), ['u1', '1']);
  const c = w.take('a');
  assert.ok(c instanceof Promise);
  const out = answer();
  assert.equal(out.kind === 'grant' && out.message.exhausted, true);
  assert.equal(await c, undefined);
  assert.equal(w.take('a'), undefined);
});

test('onExhausted fail: the master ends the run instead of granting', () => {
  const { w, answer } = leasedWorker(1, 'fail');
  void w.take('a');
  answer();
  void w.take('a');
  const out = answer();
  assert.equal(out.kind, 'fail');
  assert.match(out.kind === 'fail' ? out.reason : '', /ran out of unique rows: all 1 were used/);
});

test('close() releases users waiting for a lease', async () => {
  const { w } = leasedWorker(10, 'stop');
  const waiting = w.take('a');
  w.close();
  assert.equal(await waiting, undefined);
});

test('per: user sets ask for exactly as many rows as users wait for (no prefetch)', async () => {
  const { w, asks, answer } = leasedWorker(100, 'stop', 'user');
  const a = w.take('a');
  assert.deepEqual(asks, [1]);
  const b = w.take('a');
  answer();
  assert.deepEqual(await a, ['u0', '0']);
  assert.deepEqual(asks, [1], 'the second user asks once the first answer is in');
  answer();
  assert.deepEqual(await b, ['u1', '1']);
  assert.deepEqual(asks, [], 'no rows asked for ahead of need');
});
