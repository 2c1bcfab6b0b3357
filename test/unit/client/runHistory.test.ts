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

test('a long run keeps every point of the last hour, then one per 10 s, then one per minute', () => {
  const h = new RunHistory();
  // 26 hours at 1 Hz.
  const hours = 26;
  for (let t = 1; t <= hours * 3600; t++) h.add(snapshot(), point(t * 1000));
  const ts = h.history.map((p) => p.t);
  const newest = hours * 3_600_000;
  assert.equal(ts[0], 1000, 'the run start stays');
  assert.equal(ts[ts.length - 1], newest);
  assert.deepEqual(
    [...ts].sort((a, b) => a - b),
    ts,
    'in time order',
  );
  const within = (fromAge: number, toAge: number) =>
    ts.filter((t) => newest - t >= fromAge && newest - t < toAge);
  // Nothing in the last hour is dropped (the newest points may not be thinned yet: at most 60).
  assert.equal(within(0, 3_600_000).length, 3600);
  const tenSeconds = within(3_700_000, 86_000_000);
  assert.ok(
    tenSeconds.every((t, i) => i === 0 || t - tenSeconds[i - 1] === 10_000),
    'one per 10 s',
  );
  const minutes = within(86_500_000, newest - 120_000);
  assert.ok(
    minutes.every((t, i) => i === 0 || t - minutes[i - 1] === 60_000),
    'one per minute',
  );
  // Bounded: about 3,600 + 8,280 + 120 points, not 93,600.
  assert.ok(h.size < 12_100, `size ${h.size}`);
});
