// The closed model's fast lane (virtualUser.ts `runFast`): tasks of one request step with no think
// time are sent from the previous response's callback. Everything a step does must still happen
// there: captures feeding the next iteration, checks, cookies, weighted tasks, cancel at stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer, rawServer } from '../http/servers';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

test('fast lane: a capture feeds the next iteration, checks fail with their reason, cookies come back', async () => {
  const seen: string[] = [];
  let n = 0;
  const srv = await httpServer((req, res) => {
    seen.push(`${req.url} ${req.headers.cookie ?? '-'}`);
    n++;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Set-Cookie', `visit=${n}`);
    // Every fifth answer is not the state the check wants.
    res.end(JSON.stringify({ next: `p${n}`, state: n % 5 === 0 ? 'down' : 'up' }));
  });
  const stats = new FakeStats();
  const step = req('/item/{{ next }}', {
    name: 'item',
    captures: [{ as: 'next', source: { from: 'json', path: ['next'] } }],
    checks: [
      { kind: 'status', oneOf: [200] },
      { kind: 'json', path: ['state'], equals: 'up' },
    ],
  });
  const s = scenario(srv.url, [user('u', [task('walk', [step])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 30);
  await g.stop();
  assert.ok(seen[0].endsWith(' -'), seen[0]); // nothing captured yet, no cookie yet
  // A failed check ends its iteration before its capture: the next request reads the last value
  // captured by a passing one, as the step loop does.
  for (let i = 1; i < seen.length; i++) {
    const [path, cookie] = seen[i].split(' ');
    const lastGood = [...Array(i).keys()].reverse().find((k) => (k + 1) % 5 !== 0);
    assert.equal(path, lastGood === undefined ? seen[0].split(' ')[0] : `/item/p${lastGood + 1}`, seen[i]);
    assert.equal(cookie, `visit=${i}`, seen[i]);
  }
  const failures = stats.records.filter((r) => !r.ok);
  assert.ok(failures.length >= 5, JSON.stringify(failures));
  assert.ok(
    failures.every((r) => r.error !== undefined && r.error.startsWith('check')),
    JSON.stringify(failures),
  );
  assert.equal(stats.records.length, seen.length);
  await srv.close();
});

test('fast lane: weighted one-step tasks are all picked; cancel at stop counts the request in flight as cancelled', async () => {
  const paths = new Map<string, number>();
  let hold = false;
  let held!: () => void;
  const heldSeen = new Promise<void>((r) => (held = r));
  const srv = await rawServer((socket, head) => {
    const path = head.split(' ')[1];
    paths.set(path, (paths.get(path) ?? 0) + 1);
    if (hold) return held(); // never answered: the stop's grace period cancels it
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('a', [req('/a')], 3), task('b', [req('/b')], 1)])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 2, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 200);
  hold = true;
  await heldSeen;
  const recorded = stats.records.length;
  await g.stop(0); // no grace: the request in flight is cancelled
  assert.ok((paths.get('/a') ?? 0) > (paths.get('/b') ?? 0), JSON.stringify([...paths]));
  assert.ok((paths.get('/b') ?? 0) > 0, JSON.stringify([...paths]));
  assert.ok(stats.cancelled >= 1, `cancelled ${stats.cancelled}`);
  assert.ok(stats.records.length - recorded <= 2 - stats.cancelled);
  assert.ok(stats.records.every((r) => r.ok));
  await srv.close();
});
