import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

test('open model: iterations keep their schedule; with no free user they are counted as dropped', async () => {
  // The server holds every response until released, so the 2 users stay busy.
  const held: Array<() => void> = [];
  const srv = await httpServer((_req, res) => held.push(() => res.end('ok')));
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
  s.load = { model: 'open', stages: [{ durationMs: 60_000, arrivalRate: 200 }], maxUsers: 2 };
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 200, maxUsers: 2 });
  await stats.until(() => stats.dropped >= 10);
  assert.equal(stats.started, 2, 'only as many iterations start as there are users');
  assert.equal(g.users, 2);
  // Free the users: new arrivals start again (nothing was skipped silently).
  const stopped = (async () => {
    await stats.until(() => stats.started >= 6);
    return g.stop();
  })();
  const releaser = setInterval(() => held.splice(0).forEach((f) => f()), 2);
  await stopped;
  clearInterval(releaser);
  assert.equal(srv.requests, stats.records.length);
  assert.equal(stats.records.length, stats.started, 'one request per started iteration');
  assert.equal(
    stats.intended.length,
    stats.started,
    'latency from the intended start for every started iteration',
  );
  assert.ok(stats.records.every((r) => r.ok));
  await srv.close();
});

test('open model: the intended-start latency includes the wait for a late start', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 500, maxUsers: 50 });
  await stats.until(() => stats.intended.length >= 100);
  await g.stop();
  assert.equal(srv.requests, stats.records.length);
  assert.equal(stats.intended.length, stats.started);
  // Each iteration's intended-start latency is at least its own response time, so the k-th
  // smallest of one is at least the k-th smallest of the other.
  const perIteration = stats.records.map((r) => r.ms).sort((a, b) => a - b);
  const intended = [...stats.intended].sort((a, b) => a - b);
  assert.equal(perIteration.length, intended.length);
  for (let k = 0; k < intended.length; k++) assert.ok(intended[k] >= perIteration[k], `k=${k}`);
  await srv.close();
});
