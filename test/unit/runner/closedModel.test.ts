import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer, rawServer } from '../http/servers';
import { FakeStats, generator, FakeTrackers, req, scenario, task, user } from './helpers';

test('closed model: the server sees exactly the requests the runner recorded', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const g = generator(scenario(srv.url, [user('u', [task('t', [req('/')])])]), stats);
  g.setLoad({ model: 'closed', stage: 0, users: 10, spawnRate: 0 });
  assert.equal(g.users, 10);
  await stats.until(() => stats.records.length >= 2000);
  await g.stop();
  assert.equal(g.users, 0);
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
  assert.equal(srv.requests, stats.records.length);
  await srv.close();
});

test('user kinds are spread by weight exactly, across workers', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const kinds = [
    user('a', [task('ta', [req('/a')])], { weight: 3 }),
    user('b', [task('tb', [req('/b')])], { weight: 1 }),
  ];
  const perKind = new Map<string, number>();
  for (let w = 0; w < 2; w++) {
    const stats = new FakeStats();
    const trackers = new FakeTrackers(true);
    const g = generator(scenario(srv.url, kinds), stats, trackers);
    g.setLoad({ model: 'closed', stage: 0, users: 20, spawnRate: 0, segment: { index: w, count: 2 } });
    await stats.until(() => stats.records.length >= 100);
    await g.stop();
    const kindOfUser = new Map<number, string>();
    for (const e of trackers.events)
      if (e.type === 'iteration.start') kindOfUser.set(e.trace.user, String(e.attr('user')));
    assert.equal(kindOfUser.size, 20);
    for (const k of kindOfUser.values()) perKind.set(k, (perKind.get(k) ?? 0) + 1);
  }
  // 40 users over two workers, weights 3:1: exactly 30 and 10.
  assert.deepEqual(Object.fromEntries(perKind), { a: 30, b: 10 });
  await srv.close();
});

test('tasks are picked by weight per iteration (count-based tolerance)', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const g = generator(
    scenario(srv.url, [user('u', [task('one', [req('/one')], 1), task('three', [req('/three')], 3)])]),
    stats,
  );
  g.setLoad({ model: 'closed', stage: 0, users: 4, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 4000);
  await g.stop();
  const total = stats.records.length;
  const share = stats.count((r) => r.name === '/three') / total;
  assert.ok(Math.abs(share - 0.75) < 0.04, `share of the weight-3 task: ${share}`);
  await srv.close();
});

test('spawnRate starts users evenly, and a new stage changes the user count', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const trackers = new FakeTrackers(true);
  const g = generator(
    scenario(srv.url, [user('u', [task('t', [req('/')])], { think: { kind: 'constant', ms: 5 } })]),
    stats,
    trackers,
  );
  g.setLoad({ model: 'closed', stage: 0, users: 6, spawnRate: 100 });
  assert.equal(g.users, 1, 'the first user starts at once, the rest one every 10 ms');
  await stats.until(() => g.users === 6);
  g.setLoad({ model: 'closed', stage: 1, users: 2, spawnRate: 0 });
  assert.equal(g.users, 2);
  // A new share within the same stage (a worker lost and its users moved here): trackers hear it.
  g.setLoad({ model: 'closed', stage: 1, users: 3, spawnRate: 0 });
  g.setLoad({ model: 'closed', stage: 1, users: 3, spawnRate: 0 });
  assert.equal(g.users, 3);
  assert.deepEqual(trackers.stages, [
    [0, 6],
    [1, 2],
    [1, 3],
  ]);
  const before = stats.records.length;
  await stats.until(() => stats.records.length >= before + 50);
  await g.stop();
  assert.equal(srv.requests, stats.records.length);
  await srv.close();
});

test("think time: constant think spaces one user's requests", async () => {
  const times: number[] = [];
  const srv = await httpServer((_req, res) => {
    times.push(performance.now());
    res.end('ok');
  });
  const stats = new FakeStats();
  const g = generator(
    scenario(srv.url, [user('u', [task('t', [req('/')])], { think: { kind: 'constant', ms: 40 } })]),
    stats,
  );
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 4);
  await g.stop();
  for (let i = 1; i < times.length; i++)
    assert.ok(times[i] - times[i - 1] >= 39, `gap ${times[i] - times[i - 1]}`);
  await srv.close();
});

test('stop ends thinking users at once and lets in-flight requests finish', async () => {
  let release: (() => void) | undefined;
  const held = new Promise<void>((r) => (release = r));
  let slowArrived: (() => void) | undefined;
  const slowSeen = new Promise<void>((r) => (slowArrived = r));
  const srv = await httpServer((req, res) => {
    if (req.url === '/slow') {
      slowArrived!();
      void held.then(() => res.end('late'));
    } else res.end('ok');
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('thinker', [task('t', [req('/fast')])], { think: { kind: 'constant', ms: 60_000 } }),
    user('slow', [task('s', [req('/slow')])]),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 2, spawnRate: 0 });
  await slowSeen;
  await stats.until(() => stats.records.length >= 1);
  const stopped = g.stop();
  release!();
  await stopped;
  assert.equal(stats.records.length, 2);
  assert.deepEqual(stats.records.map((r) => r.name).sort(), ['/fast', '/slow']);
  assert.ok(
    stats.records.every((r) => r.ok),
    JSON.stringify(stats.records),
  );
  await srv.close();
});

test('closes, resets and timeouts: each request is counted once, as the server counted it', async () => {
  const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
  const srv = await rawServer((socket, _head, i) => {
    switch (i % 4) {
      case 0:
        socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
        break;
      case 1:
        socket.resetAndDestroy();
        break;
      case 2:
        break; // no answer: the step's 100 ms timeout ends it
      default:
        socket.write(ok);
    }
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/', { timeoutMs: 100 })])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 12);
  await g.stop();
  assert.equal(srv.requests, stats.records.length);
  const errors = new Set(stats.records.filter((r) => !r.ok).map((r) => r.error));
  assert.deepEqual([...errors].sort(), [
    'connection reset by server before response',
    'timeout after 100 ms waiting for response head',
  ]);
  // Requests 0 and 3 of every 4 succeed. The stop may land before or after the next request is
  // written (the runner writes it from the previous response's callback), so count from the total.
  const n = stats.records.length;
  let expectedOk = 0;
  for (let i = 0; i < n; i++) if (i % 4 === 0 || i % 4 === 3) expectedOk++;
  assert.equal(
    stats.count((r) => r.ok),
    expectedOk,
  );
  await srv.close();
});
