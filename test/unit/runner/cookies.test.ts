// Each virtual user keeps the cookies its responses set and sends them back, like a browser
// session: per user, by path and expiry, off with `defaults.cookies: false`, and never on top of
// a request's own Cookie header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, req, scenario, t, task, user } from './helpers';
import { UserCookies, withCookie } from '../../../engine/runner/userCookies';

test('a user sends back the cookies it was given, by path; another user has its own', async () => {
  const seen: Array<{ url: string; cookie: string | undefined }> = [];
  let logins = 0;
  const srv = await httpServer((r, res) => {
    seen.push({ url: r.url!, cookie: r.headers.cookie });
    if (r.url === '/login') {
      res.setHeader('Set-Cookie', [
        `sid=s${++logins}; Path=/`,
        'admin=1; Path=/admin',
        'gone=x; Path=/; Max-Age=0',
      ]);
    }
    res.end('ok');
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [user('u', [task('t', [req('/login'), req('/cart'), req('/admin/panel')])])]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 2, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 30);
  await g.stop();
  await srv.close();
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
  const carts = seen.filter((x) => x.url === '/cart');
  const panels = seen.filter((x) => x.url === '/admin/panel');
  for (const c of carts) assert.match(c.cookie ?? '', /^sid=s\d+$/, 'only the cookie whose path matches');
  for (const p of panels) assert.match(p.cookie ?? '', /^(sid=s\d+; admin=1|admin=1; sid=s\d+)$/);
  assert.ok(new Set(carts.map((c) => c.cookie)).size >= 2, 'each user has its own session');
  // The first login of each user had no cookie yet; later ones carry the previous session.
  const logins1 = seen.filter((x) => x.url === '/login');
  assert.equal(logins1.filter((x) => x.cookie === undefined).length, 2);
});

test('defaults.cookies: false sends none; a request with its own Cookie header sends only that', async () => {
  const seen: Array<{ url: string; cookie: string | undefined }> = [];
  const srv = await httpServer((r, res) => {
    seen.push({ url: r.url!, cookie: r.headers.cookie });
    res.setHeader('Set-Cookie', 'sid=abc; Path=/');
    res.end('ok');
  });
  const stats = new FakeStats();
  const off = scenario(srv.url, [user('u', [task('t', [req('/a'), req('/b')])])]);
  off.defaults.cookies = false;
  let g = generator(off, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 10);
  await g.stop();
  assert.ok(
    seen.every((x) => x.cookie === undefined),
    JSON.stringify(seen.slice(0, 4)),
  );

  seen.length = 0;
  const own = scenario(srv.url, [
    user('u', [task('t', [req('/a'), req('/b', { headers: { Cookie: t('mine=1') } })])]),
  ]);
  const stats2 = new FakeStats();
  g = generator(own, stats2);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats2.until(() => stats2.records.length >= 10);
  await g.stop();
  await srv.close();
  assert.ok(seen.filter((x) => x.url === '/b').every((x) => x.cookie === 'mine=1'));
  assert.ok(
    seen
      .filter((x) => x.url === '/a')
      .slice(1)
      .every((x) => x.cookie === 'sid=abc'),
  );
});

test('the jar: expiry, host-only cookies, a cookie header spliced into a prebuilt request', () => {
  const jar = new UserCookies();
  assert.equal(jar.header('http://127.0.0.1:8080/'), '', 'nothing before the first Set-Cookie');
  jar.store('http://127.0.0.1:8080/login', [
    'a=1; Path=/',
    'b=2; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    '',
  ]);
  assert.equal(jar.header('http://127.0.0.1:8080/x'), 'a=1');
  assert.equal(jar.header('http://127.0.0.2:8080/x'), '', 'host-only: another host gets nothing');
  jar.store('http://127.0.0.1:8080/logout', ['a=; Path=/; Max-Age=0']);
  assert.equal(jar.header('http://127.0.0.1:8080/x'), '', 'a change is seen at once, not after the cache');
  const request = Buffer.from('GET / HTTP/1.1\r\nHost: h\r\n\r\n');
  assert.equal(
    jar.apply(request, 'http://127.0.0.1:8080/'),
    request,
    'no cookies: the prebuilt bytes as they are',
  );
  jar.store('http://127.0.0.1:8080/login', ['s=1; Path=/']);
  const first = jar.apply(request, 'http://127.0.0.1:8080/');
  assert.equal(first.toString(), 'GET / HTTP/1.1\r\nHost: h\r\nCookie: s=1\r\n\r\n');
  assert.equal(jar.apply(request, 'http://127.0.0.1:8080/'), first, 'the same cookie: the same spliced copy');
  jar.store('http://127.0.0.1:8080/login', ['s=2; Path=/']);
  assert.match(jar.apply(request, 'http://127.0.0.1:8080/').toString(), /Cookie: s=2\r\n/);
  assert.equal(withCookie(request, 'a=1').toString(), 'GET / HTTP/1.1\r\nHost: h\r\nCookie: a=1\r\n\r\n');
  assert.equal(
    withCookie('POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi', 'a=1'),
    'POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nCookie: a=1\r\n\r\nhi',
  );
});
