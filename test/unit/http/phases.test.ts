// `timed` connections (stampede try) record when each phase of a request happened; others do not.
import { test } from 'node:test';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { HttpConnection, parseOrigin, requestBuffer, type SendOptions } from '../../../engine/http/index';
import { httpServer } from './servers';
import { TEST_CERT, TEST_KEY } from './tlsFixture';

const opts: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: true,
  keepHeaders: true,
  timeoutMs: 10_000,
};

function get(url: string): Buffer {
  return requestBuffer({ method: 'GET', path: '/', hostHeader: parseOrigin(url).hostHeader, headers: [] });
}

test('HTTPS: connect, TLS and first byte in order on a new connection; no connect on a reused one', async () => {
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('secure'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const c = new HttpConnection(parseOrigin(url), { insecure: true, timed: true });
  const first = await c.send(get(url), opts);
  assert.equal(first.error, undefined);
  const p = { ...first.phases! };
  assert.ok(p.connectStartMs > 0 && p.connectedMs >= p.connectStartMs, JSON.stringify(p));
  assert.ok(p.secureMs >= p.connectedMs, JSON.stringify(p));
  assert.ok(p.firstByteMs >= p.secureMs && first.endMs >= p.firstByteMs, JSON.stringify(p));
  const second = await c.send(get(url), opts);
  assert.equal(second.phases!.connectStartMs, 0, 'a reused connection has no connect');
  assert.ok(second.phases!.firstByteMs >= second.startMs);
  c.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

test('plain HTTP: connect and first byte, no TLS; an untimed connection records nothing', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const timed = new HttpConnection(parseOrigin(srv.url), { timed: true });
  const r = await timed.send(get(srv.url), opts);
  assert.ok(r.phases!.connectedMs > 0);
  assert.equal(r.phases!.secureMs, 0);
  assert.ok(r.phases!.firstByteMs >= r.phases!.connectedMs);
  timed.close();
  const plain = new HttpConnection(parseOrigin(srv.url));
  assert.equal((await plain.send(get(srv.url), opts)).phases, undefined);
  plain.close();
  await srv.close();
});
