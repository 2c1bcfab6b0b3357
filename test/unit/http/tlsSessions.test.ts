// TLS session resumption (engine/http/tlsSessions.ts) and one connection per request, against a
// real node:https server on loopback: the server says which handshakes resumed a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HttpConnection,
  parseOrigin,
  requestBuffer,
  type ConnectionOptions,
  type SendOptions,
} from '../../../engine/http/index';
import {
  MAX_TLS_SESSIONS,
  clearTlsSessions,
  saveTlsSession,
  tlsSessionCount,
  tlsSessionFor,
  tlsSessionKey,
} from '../../../engine/http/tlsSessions';
import { httpServer } from './servers';
import { withHandshakeServer } from './tlsFixture';

const opts: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: true,
  keepHeaders: false,
  timeoutMs: 10_000,
};

/** Sends `n` GETs one after another on one HttpConnection and checks each succeeded. */
async function sendMany(url: string, options: ConnectionOptions, n: number): Promise<void> {
  const origin = parseOrigin(url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const c = new HttpConnection(origin, options);
  for (let i = 0; i < n; i++) {
    const r = await c.send(req, opts);
    assert.equal(r.error, undefined);
    assert.equal(r.body!.toString(), 'secure');
  }
  c.close();
}

test('keepAlive false: a handshake per request; the second and later ones resume the first session', () =>
  withHandshakeServer(async (srv) => {
    await sendMany(srv.url, { insecure: true, keepAlive: false }, 5);
    assert.deepEqual(srv.resumed, [false, true, true, true, true]);
    // Another connection object (another virtual user) to the same origin resumes too.
    await sendMany(srv.url, { insecure: true, keepAlive: false }, 1);
    assert.equal(srv.resumed[5], true);
    assert.equal(tlsSessionCount(), 1);
  }));

test('resumeTlsSessions false: every connection makes a full handshake and no session is kept', () =>
  withHandshakeServer(async (srv) => {
    await sendMany(srv.url, { insecure: true, keepAlive: false, resumeTlsSessions: false }, 4);
    assert.deepEqual(srv.resumed, [false, false, false, false]);
    assert.equal(tlsSessionCount(), 0);
  }));

test('keep-alive HTTPS: one handshake for many requests', () =>
  withHandshakeServer(async (srv) => {
    await sendMany(srv.url, { insecure: true }, 5);
    assert.deepEqual(srv.resumed, [false]);
  }));

test('a session made without verifying the certificate is never offered to a connection that verifies', () =>
  withHandshakeServer(async (srv) => {
    await sendMany(srv.url, { insecure: true, keepAlive: false }, 2);
    assert.deepEqual(srv.resumed, [false, true]);
    const origin = parseOrigin(srv.url);
    const strict = new HttpConnection(origin, { keepAlive: false });
    const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
    const r = await strict.send(req, opts);
    strict.close();
    assert.match(r.error!, /SELF_SIGNED/);
    // The verifying client refused the certificate, so the server completed no handshake for it:
    // had it resumed the insecure session, the server would have counted a resumed handshake.
    assert.deepEqual(srv.resumed, [false, true]);
    // The session is kept under the insecure key only, so no verifying connection is offered it
    // (Node would also refuse the certificate it restores; this keeps it from being offered at all).
    assert.equal(tlsSessionCount(), 1);
    assert.notEqual(tlsSessionFor(tlsSessionKey('127.0.0.1', origin.port, undefined, true)), undefined);
    assert.equal(tlsSessionFor(tlsSessionKey('127.0.0.1', origin.port, undefined, false)), undefined);
  }));

test('the cache keeps the newest session per origin and forgets the oldest origin past its bound', () => {
  clearTlsSessions();
  for (let i = 0; i <= MAX_TLS_SESSIONS; i++) saveTlsSession(`origin${i}`, Buffer.from([i]));
  assert.equal(tlsSessionCount(), MAX_TLS_SESSIONS);
  assert.equal(tlsSessionFor('origin0'), undefined);
  assert.deepEqual(tlsSessionFor('origin1'), Buffer.from([1]));
  // Saving again refreshes an origin: it becomes the newest, and the next oldest goes instead.
  saveTlsSession('origin1', Buffer.from([9]));
  saveTlsSession('another', Buffer.from([7]));
  assert.deepEqual(tlsSessionFor('origin1'), Buffer.from([9]));
  assert.equal(tlsSessionFor('origin2'), undefined);
  clearTlsSessions();
});

test('keepAlive false over plain HTTP: a new connection per request, closed by the client', async () => {
  let connections = 0;
  const srv = await httpServer((_req, res) => res.end('ok'));
  srv.server.on('connection', () => connections++);
  try {
    const origin = parseOrigin(srv.url);
    const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
    const c = new HttpConnection(origin, { keepAlive: false });
    for (let i = 0; i < 4; i++) assert.equal((await c.send(req, opts)).status, 200);
    c.close();
    assert.equal(srv.requests, 4);
    assert.equal(connections, 4);
  } finally {
    await srv.close();
  }
});
