// The open model's arrival schedule (issue 23): a stage's share is exactly rate x duration
// arrivals (started + dropped), whatever the timers and messages do, and an arrival is dropped
// only when no user at all is free. Every assertion is a count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArrivalSchedule } from '../../../engine/runner/arrivalSchedule';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

test('arrival schedule: exactly ceil(rate x duration) arrivals, each due at start + k x period', () => {
  const s = new ArrivalSchedule(0, 100, 50_000, 5000);
  assert.equal(s.count, 250_000);
  assert.equal(new ArrivalSchedule(0, 0, 3, 1000).count, 3);
  assert.equal(new ArrivalSchedule(0, 0, 0.5, 3000).count, 2);
  assert.equal(new ArrivalSchedule(0, 0, 10).count, Infinity);
  let n = 0;
  let last = -Infinity;
  for (let at = s.take(Infinity); at !== undefined; at = s.take(Infinity)) {
    assert.ok(at > last);
    last = at;
    n++;
  }
  assert.equal(n, 250_000);
  assert.equal(s.exhausted, true);
  // Nothing is due before its time.
  const t = new ArrivalSchedule(0, 1000, 1000, 10);
  assert.equal(t.take(999.9), undefined);
  assert.equal(t.take(1000), 1000);
  assert.equal(t.take(1000.5), undefined);
  assert.equal(t.take(1001), 1001);
});

test('open model: a stop right after the load still starts or drops exactly rate x remaining arrivals', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 2000, maxUsers: 20, remainingMs: 300 });
  // The master's stop may reach a worker before the worker's own clock ends the stage.
  await g.stop();
  assert.equal(stats.started + stats.dropped, 600);
  assert.equal(srv.requests, stats.started, 'one request per started iteration');
  assert.equal(stats.intended.length, stats.started);
  await srv.close();
});

test('open model: the next stage that comes early waits for the previous schedule; both are whole', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 1000, maxUsers: 20, remainingMs: 200 });
  g.setLoad({ model: 'open', stage: 1, arrivalRate: 500, maxUsers: 20, remainingMs: 200 });
  await g.stop();
  assert.equal(stats.started + stats.dropped, 200 + 100);
  assert.equal(srv.requests, stats.started);
  await srv.close();
});

test('open model: at maxUsers a free user of another kind makes room; the arrival is not dropped', async () => {
  const seen = new Map<string, number>();
  const srv = await httpServer((r, res) => {
    seen.set(r.url ?? '', (seen.get(r.url ?? '') ?? 0) + 1);
    res.end('ok');
  });
  const stats = new FakeStats();
  // Kinds a and b alternate; one user in all. Before, the first user (kind a) stayed the only one
  // and every b arrival was dropped although that user was free.
  const s = scenario(srv.url, [user('a', [task('ta', [req('/a')])]), user('b', [task('tb', [req('/b')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 200, maxUsers: 1 });
  await stats.until(() => (seen.get('/b') ?? 0) >= 3 || stats.started + stats.dropped >= 600);
  await g.stop();
  assert.ok((seen.get('/b') ?? 0) >= 3, `b iterations ran: ${seen.get('/b') ?? 0}`);
  assert.equal(srv.requests, stats.started);
  await srv.close();
});
