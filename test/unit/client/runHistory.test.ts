import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunHistory } from '../../../client/runHistory';
import { point, snapshot } from './fixtures';

test('each snapshot adds one point and becomes the latest', () => {
  assert.equal(new RunHistory().latest, null);
  const h = new RunHistory();
  h.add(snapshot({ elapsedMs: 1000 }), point(1000, { rps: 10 }));
  h.add(snapshot({ elapsedMs: 2000 }), point(2000, { rps: 20 }));
  assert.equal(h.latest?.elapsedMs, 2000);
  assert.deepEqual(
    h.history.map((p) => p.rps),
    [10, 20],
  );
});

test('a point not later than the last replaces it (the final snapshot repeats the last second)', () => {
  const h = new RunHistory();
  h.add(snapshot(), point(1000, { rps: 10 }));
  h.add(snapshot(), point(2000, { rps: 20 }));
  h.add(snapshot({ state: 'stopped' }), point(2000, { rps: 21 }));
  assert.deepEqual(
    h.history.map((p) => [p.t, p.rps]),
    [
      [1000, 10],
      [2000, 21],
    ],
  );
  assert.equal(h.latest?.state, 'stopped');
});

test('the history handed out is a copy', () => {
  const h = new RunHistory();
  h.add(snapshot(), point(1000));
  h.history.push(point(5000));
  assert.equal(h.size, 1);
});

test('over the cap the history halves and still spans from the first point to the newest', () => {
  const h = new RunHistory(10);
  for (let t = 1; t <= 25; t++) h.add(snapshot(), point(t * 1000));
  assert.ok(h.size <= 10, `size ${h.size}`);
  const ts = h.history.map((p) => p.t);
  assert.equal(ts[0], 1000);
  assert.equal(ts[ts.length - 1], 25_000);
  assert.deepEqual(
    [...ts].sort((a, b) => a - b),
    ts,
    'still in time order',
  );
});

test('a cap below 2 is refused', () => {
  assert.throws(() => new RunHistory(1), /maxPoints/);
});
