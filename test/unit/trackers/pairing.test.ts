import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairingSession, type PairingSink } from '../../../engine/trackers/pairing';

/** A session that writes down what it measured. */
function session(cap = 100) {
  const out = { durations: [] as number[], incomplete: 0, dropped: 0 };
  const sink: PairingSink = {
    duration: (ms) => out.durations.push(ms),
    incomplete: (n) => (out.incomplete += n),
    dropped: (n) => (out.dropped += n),
  };
  return { s: new PairingSession(sink, cap), out };
}
const m = (ts: number, user: number, iteration: number) => ({ ts, user, iteration });

test('an end pairs with the start of its own iteration before one of its user, before one of no user', () => {
  const { s, out } = session();
  s.start(m(0, -1, -1)); // stage-level start (no user)
  s.start(m(10, 1, 1)); // user 1, older iteration
  s.start(m(20, 1, 2)); // user 1, this iteration
  s.end(m(50, 1, 2));
  assert.deepEqual(out.durations, [30]);
  s.end(m(60, 1, 3)); // no start in iteration 3: the user's start wins over the no-user one
  assert.deepEqual(out.durations, [30, 50]);
  s.end(m(70, 2, 1)); // user 2 has nothing: the no-user start is the most specific shared id
  assert.deepEqual(out.durations, [30, 50, 70]);
  s.close();
  assert.equal(out.incomplete, 0);
});

test('several starts in one iteration pair first in, first out', () => {
  const { s, out } = session();
  s.start(m(10, 1, 1));
  s.start(m(20, 1, 1));
  s.end(m(25, 1, 1));
  s.end(m(40, 1, 1));
  assert.deepEqual(out.durations, [15, 20]);
});

test('events of two different users never pair at once, only when the session closes', () => {
  const { s, out } = session();
  s.start(m(10, 1, 1));
  s.end(m(30, 2, 1));
  assert.deepEqual(out.durations, []);
  assert.equal(s.pendingStarts, 1);
  assert.equal(s.pendingEnds, 1);
  s.close();
  assert.deepEqual(out.durations, [20]);
  assert.equal(out.incomplete, 0);
});

test('an end that arrives before its start waits and pairs when the start arrives', () => {
  const { s, out } = session();
  s.end(m(300, 4, 7));
  s.end(m(500, 4, 8));
  assert.equal(s.pendingEnds, 2);
  s.start(m(100, 4, 7));
  assert.deepEqual(out.durations, [200]);
  s.start(m(450, 4, 8));
  assert.deepEqual(out.durations, [200, 50]);
  assert.equal(s.pendingEnds, 0);
});

test('no negative durations: an end earlier than every start of its trace does not pair', () => {
  const { s, out } = session();
  s.end(m(5, 1, 1));
  s.start(m(10, 1, 1));
  assert.deepEqual(out.durations, []);
  s.close();
  assert.deepEqual(out.durations, []);
  assert.equal(out.incomplete, 2);
});

test('a start and an end at the same timestamp pair with duration 0', () => {
  const { s, out } = session();
  s.end(m(10, 1, 1));
  s.start(m(10, 1, 1));
  assert.deepEqual(out.durations, [0]);
});

test('at close, lingering events pair in timestamp order; the rest are incomplete both ways', () => {
  const { s, out } = session();
  s.end(m(5, 9, 1)); // before any start: end without start
  s.start(m(10, 1, 1));
  s.start(m(12, 2, 1));
  s.end(m(30, 3, 1));
  s.end(m(15, 4, 1)); // arrives after the end at 30 but is earlier: paired first
  s.start(m(40, 5, 1)); // no end after it: start without end
  s.start(m(41, 6, 1));
  s.close();
  assert.deepEqual(out.durations, [15 - 10, 30 - 12]);
  assert.equal(out.incomplete, 3);
  assert.equal(s.pendingStarts, 0);
  assert.equal(s.pendingEnds, 0);
  s.close();
  assert.equal(out.incomplete, 3, 'a closed session is empty');
});

test('a no-user end pairs at once with the earliest start before it, whoever it belongs to', () => {
  const { s, out } = session();
  s.start(m(20, 2, 1));
  s.start(m(10, 1, 1));
  s.start(m(50, 3, 1));
  s.end(m(40, -1, -1));
  assert.deepEqual(out.durations, [30]);
  s.end(m(45, -1, -1));
  assert.deepEqual(out.durations, [30, 25]);
  s.end(m(46, -1, -1));
  s.close();
  assert.equal(out.incomplete, 2);
});

test('a full queue drops its oldest start and counts it', () => {
  const { s, out } = session(3);
  for (let user = 0; user < 5; user++) s.start(m(user * 10, user, 1));
  assert.equal(s.pendingStarts, 3);
  assert.equal(out.dropped, 2);
  s.end(m(100, 0, 1)); // user 0's start was dropped: no pairing now
  assert.deepEqual(out.durations, []);
  s.end(m(100, 4, 1));
  assert.deepEqual(out.durations, [60]);
  s.close(); // lingering: starts 20, 30 and the end of user 0 at 100 -> one pair, one start left
  assert.deepEqual(out.durations, [60, 80]);
  assert.equal(out.incomplete, 1);
});

test('ends are bounded too', () => {
  const { s, out } = session(4);
  for (let i = 0; i < 1000; i++) s.end(m(i, i, 1));
  assert.equal(s.pendingEnds, 4);
  assert.equal(out.dropped, 996);
});

test('thousands of pairings behind an old waiting orphan: every pair exact, nothing dropped', () => {
  const { s, out } = session(10);
  s.start(m(0, 999, 1)); // an orphan that stays oldest the whole time
  for (let i = 1; i <= 5000; i++) {
    s.start(m(i, i % 50, i));
    s.end(m(i + 3, i % 50, i));
  }
  assert.equal(out.durations.length, 5000);
  assert.ok(out.durations.every((d) => d === 3));
  assert.equal(s.pendingStarts, 1);
  assert.equal(out.dropped, 0);
});

test('memory stays bounded while a full queue keeps dropping, and while pairs keep being taken', () => {
  const { s, out } = session(100);
  for (let i = 0; i < 100_000; i++) s.start(m(i, i % 1000, Math.floor(i / 1000)));
  assert.equal(out.dropped, 100_000 - 100);
  assert.ok(s.footprint <= 4 * 100 + 2048, `footprint ${s.footprint}`);
  for (let i = 0; i < 100_000; i++) {
    s.start(m(200_000 + i, 5000 + (i % 7), i));
    s.end(m(200_001 + i, 5000 + (i % 7), i));
  }
  assert.equal(out.durations.length, 100_000);
  assert.ok(s.footprint <= 4 * 100 + 2048, `footprint ${s.footprint}`);
});
