// Starting or stopping thousands of users at once must not hold the worker's event loop: each user's
// socket costs a syscall to open and to close, and a worker that cannot send heartbeats for seconds
// is declared missing. Changes go in slices of 500 per event-loop turn, so a callback queued for the
// next turn runs while the change is still under way (no timing involved: the order of turns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';
import { inSlices, nextTurn } from '../../../engine/runner/inSlices';

test('1,200 users start and stop in slices of 500, with event-loop turns between them', async (t) => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  t.after(() => srv.close());
  const stats = new FakeStats();
  const g = generator(
    scenario(srv.url, [user('u', [task('t', [req('/')])], { think: { kind: 'constant', ms: 60_000 } })]),
    stats,
  );
  g.setLoad({ model: 'closed', stage: 0, users: 1200, spawnRate: 0 });
  assert.equal(g.users, 500, 'the first slice starts at once');
  await stats.until(() => g.users === 1200 && stats.records.length === 1200);
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );

  // Queued before the stop, so it is the first callback of the next turn.
  let usersSeenNextTurn = -1;
  void nextTurn().then(() => (usersSeenNextTurn = g.users));
  await g.stop();
  assert.equal(usersSeenNextTurn, 700, 'one slice of 500 stopped before the next turn ran');
  assert.equal(g.users, 0);
  assert.equal(srv.requests, 1200);
});

test('inSlices (cancel and close at stop) calls 500 per turn, over a snapshot of the items', async () => {
  const items = new Set(Array.from({ length: 1200 }, (_, i) => i));
  const seen: number[] = [];
  let doneBeforeNextTurn = -1;
  void nextTurn().then(() => (doneBeforeNextTurn = seen.length));
  // Removing items as they are handled (a cancelled user leaves the active set) skips none.
  await inSlices(items, (i) => {
    seen.push(i);
    items.delete(i);
  });
  assert.equal(doneBeforeNextTurn, 500);
  assert.equal(seen.length, 1200);
  assert.equal(items.size, 0);
});
