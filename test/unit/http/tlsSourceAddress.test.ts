// HTTPS connections take the same local address choice as plain HTTP ones (sourceAddress.ts), and
// a TLS session made from one source address resumes from another: a session ticket is bound to
// the server and the client's verification, not to the client's address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HttpConnection,
  parseOrigin,
  requestBuffer,
  type ConnectionOptions,
} from '../../../engine/http/index';
import { LOOPBACK_SOURCES } from '../../../engine/http/sourceAddress';
import { withHandshakeServer } from './tlsFixture';

/** `n` GETs on one connection that opens a new TLS connection per request. */
async function handshakesFrom(url: string, options: ConnectionOptions, n: number): Promise<void> {
  const origin = parseOrigin(url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const c = new HttpConnection(origin, { insecure: true, keepAlive: false, ...options });
  try {
    for (let i = 0; i < n; i++) {
      const r = await c.send(req, {
        head: false,
        idempotent: true,
        keepBody: true,
        keepHeaders: false,
        timeoutMs: 10_000,
      });
      assert.equal(r.error, undefined);
      assert.equal(r.body!.toString(), 'secure');
    }
  } finally {
    c.close();
  }
}

test('HTTPS to a loopback target: connections come from 127.0.0.2 ... 127.0.0.17, and resumed sessions work from any of them', () =>
  withHandshakeServer(async (srv) => {
    const n = LOOPBACK_SOURCES.length * 2;
    await handshakesFrom(srv.url, {}, n);
    const sources = new Set(srv.sources);
    assert.equal(srv.sources.length, n);
    if (process.platform === 'linux') {
      assert.deepEqual([...sources].sort(), [...LOOPBACK_SOURCES].sort(), [...sources].join(' '));
      assert.ok(!sources.has('127.0.0.1'));
    } else assert.deepEqual([...sources], ['127.0.0.1']);
    // The first handshake is full; every later one resumed the origin's session, whichever
    // source address it came from (on Linux, each from another address than the one before).
    assert.deepEqual(
      srv.resumed,
      Array.from({ length: n }, (_, i) => i > 0),
    );
    if (process.platform === 'linux')
      for (let i = 1; i < n; i++) assert.notEqual(srv.sources[i], srv.sources[i - 1]);
  }));

test('HTTPS with `sourceAddresses:`: connections come from exactly the listed addresses, in turn', () =>
  withHandshakeServer(async (srv) => {
    await handshakesFrom(srv.url, { sourceAddresses: ['127.0.0.5', '127.0.0.6'] }, 4);
    assert.deepEqual(srv.sources, ['127.0.0.5', '127.0.0.6', '127.0.0.5', '127.0.0.6']);
    assert.deepEqual(srv.resumed, [false, true, true, true]);
  }));
