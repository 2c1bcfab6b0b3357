// A Host header set in the scenario (defaults or the request, any case) replaces the target's:
// two Host headers get a 400 from nginx ("client sent duplicate host header"), and from the raw
// server here, which does the same and records every request head as it arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawServer } from '../http/servers';
import { FakeStats, generator, req, scenario, t, task, user } from './helpers';

test('a Host header from defaults or a request is sent instead of the default one, never beside it', async () => {
  const heads: string[] = [];
  const srv = await rawServer((socket, head) => {
    heads.push(head);
    const hosts = head.split('\r\n').filter((l) => /^host:/i.test(l)).length;
    socket.write(
      hosts === 1
        ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'
        : 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n',
    );
  });
  const stats = new FakeStats();
  const steps = [
    req('/from-defaults'),
    req('/from-request', { headers: { HOST: t('request.example.test') } }),
    // Holes in the URL and a header: rendered per request (and prebuilt per variable value).
    req('/item/{{ id }}', { headers: { 'X-Id': t('{{ id }}') } }),
  ];
  const s = scenario(srv.url, [user('u', [task('t', steps)])], {
    defaults: {
      headers: { host: t('defaults.example.test') },
      timeoutMs: 10_000,
      cookies: true,
      insecure: false,
    },
    variables: { id: ['1', '2'] },
  });
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 9);
  await g.stop();
  await srv.close();
  assert.deepEqual(
    stats.records.filter((r) => !r.ok),
    [],
  );
  for (const head of heads) {
    const hosts = head.split('\r\n').filter((l) => /^host:/i.test(l));
    const path = head.split(' ')[1];
    assert.deepEqual(
      hosts,
      [path === '/from-request' ? 'HOST: request.example.test' : 'host: defaults.example.test'],
      head,
    );
  }
});

test('without a Host header in the scenario the target host and port are sent', async () => {
  const heads: string[] = [];
  const srv = await rawServer((socket, head) => {
    heads.push(head);
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  });
  const stats = new FakeStats();
  const g = generator(scenario(srv.url, [user('u', [task('t', [req('/')])])]), stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 2);
  await g.stop();
  await srv.close();
  assert.ok(heads.length >= 2);
  for (const head of heads)
    assert.match(head, new RegExp(`^GET / HTTP/1.1\\r\\nHost: 127.0.0.1:${srv.port}\\r\\n`));
});
