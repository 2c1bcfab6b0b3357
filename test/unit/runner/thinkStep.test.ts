// A `think:` step pauses between the steps around it (an imported journey's recorded pauses), and
// ends at once when the user stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

test('the request after a think step starts at least the pause after the one before it ended', async () => {
  const arrivals: Array<[string, number]> = [];
  const srv = await httpServer((r, res) => {
    arrivals.push([r.url ?? '', performance.now()]);
    res.end('ok');
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('u', [
      task('journey', [req('/a'), { kind: 'think', think: { kind: 'constant', ms: 150 } }, req('/b')]),
    ]),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 8);
  await g.stop();
  await srv.close();
  // Lower bounds only: the pause is never shorter than asked (the response of /a came before it).
  // The smallest of four gaps: without the pause, /b follows /a within a round trip.
  const gaps: number[] = [];
  for (let i = 0; i + 1 < arrivals.length && gaps.length < 4; i++)
    if (arrivals[i][0] === '/a' && arrivals[i + 1][0] === '/b')
      gaps.push(arrivals[i + 1][1] - arrivals[i][1]);
  assert.equal(gaps.length, 4, JSON.stringify(arrivals));
  assert.ok(Math.min(...gaps) >= 150, `gaps ${gaps.join(', ')} ms`);
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
});

test('a user stopping during a think step stops at once, without sending the next request', async () => {
  const urls: string[] = [];
  const srv = await httpServer((r, res) => {
    urls.push(r.url ?? '');
    res.end('ok');
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('u', [
      task('journey', [req('/a'), { kind: 'think', think: { kind: 'constant', ms: 3_600_000 } }, req('/b')]),
    ]),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 1);
  await g.stop(); // would hang for an hour if the pause did not end with the user
  await srv.close();
  assert.deepEqual(urls, ['/a']);
});
