// `start:` and `stop:` steps of a user kind: start once per user before its first task (its
// captures last the user's life; a failed start is tried again, never skipped), stop once when the
// user stops; both recorded like any request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, t, task, user } from './helpers';

/** One user kind: POST /login at start, GET /work as its task, POST /logout at stop. */
function loginWorkLogout(url: string) {
  return scenario(url, [
    user('u', [task('work', [req('/work', { name: 'work' })])], {
      start: [req('/login', { name: 'login', method: 'POST' })],
      stop: [req('/logout', { name: 'logout', method: 'POST' })],
    }),
  ]);
}

test('start runs once per user and its capture is read by every task and by stop', async () => {
  const seen: string[] = [];
  let logins = 0;
  const srv = await httpServer((rq, res) => {
    seen.push(`${rq.method} ${rq.url} ${rq.headers['x-session'] ?? ''}`);
    res.setHeader('Content-Type', 'application/json');
    res.end(rq.url === '/login' ? JSON.stringify({ session: `s${++logins}` }) : '{}');
  });
  const stats = new FakeStats();
  const login = req('/login', {
    name: 'login',
    method: 'POST',
    captures: [{ as: 'session', source: { from: 'json', path: ['session'] } }],
  });
  const work = req('/work', { name: 'work', headers: { 'X-Session': t('{{ session }}') } });
  const logout = req('/logout', {
    name: 'logout',
    method: 'POST',
    headers: { 'X-Session': t('{{ session }}') },
  });
  const s = scenario(srv.url, [user('u', [task('work', [work])], { start: [login], stop: [logout] })]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 3, spawnRate: 0 });
  await stats.until(() => stats.count((r) => r.name === 'work') >= 30);
  await g.stop();
  assert.equal(
    stats.count((r) => r.name === 'login'),
    3,
  );
  assert.equal(
    stats.count((r) => r.name === 'logout'),
    3,
  );
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
  const sessions = (path: string) => seen.filter((l) => l.startsWith(`${path} `) || l.includes(` ${path} `));
  for (const line of sessions('/work')) assert.match(line, /^GET \/work s[123]$/);
  assert.deepEqual(
    sessions('/logout')
      .map((l) => l.split(' ')[2])
      .sort(),
    ['s1', 's2', 's3'],
  );
  // Every user logged in before its first task: no /work without a session.
  assert.ok(seen.indexOf(seen.find((l) => l.startsWith('GET /work'))!) > seen.indexOf('POST /login '));
  await srv.close();
});

test('a failed start is tried again after a pause; no task runs until it succeeds; stop is skipped for a user that never started', async () => {
  let tries = 0;
  const srv = await httpServer((rq, res) => {
    if (rq.url === '/login') res.statusCode = ++tries < 2 ? 503 : 200;
    res.end('{}');
  });
  const stats = new FakeStats();
  const s = loginWorkLogout(srv.url);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.count((r) => r.name === 'work') >= 1);
  await g.stop();
  const names = stats.records.map((r) => `${r.name}:${r.ok}`);
  assert.deepEqual(names.slice(0, 3), ['login:false', 'login:true', 'work:true']);
  assert.equal(
    stats.count((r) => r.name === 'logout'),
    1,
  );

  // A user stopped while its start keeps failing never logs out.
  tries = -1e9;
  const stats2 = new FakeStats();
  const g2 = generator(s, stats2);
  g2.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats2.until(() => stats2.count((r) => r.name === 'login') >= 1);
  await g2.stop();
  assert.equal(
    stats2.count((r) => r.name === 'work' || r.name === 'logout'),
    0,
  );
  await srv.close();
});

test("open model: start runs before a pooled user's first arrival, stop when the generator stops", async () => {
  const srv = await httpServer((_rq, res) => res.end('{}'));
  const stats = new FakeStats();
  const s = loginWorkLogout(srv.url);
  const g = generator(s, stats);
  g.setLoad({ model: 'open', stage: 0, arrivalRate: 200, maxUsers: 2 });
  await stats.until(() => stats.count((r) => r.name === 'work') >= 20);
  await g.stop();
  const logins = stats.count((r) => r.name === 'login');
  assert.ok(logins >= 1 && logins <= 2, `logins: ${logins}`);
  assert.equal(
    stats.count((r) => r.name === 'logout'),
    logins,
  );
  await srv.close();
});
