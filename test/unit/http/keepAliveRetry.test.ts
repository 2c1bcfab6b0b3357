// A keep-alive connection the server closed before any byte of the response (the race every
// client meets): an idempotent request is sent again once on a new connection, whatever the idle
// time; any other fails and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type net from 'node:net';
import { HttpConnection, parseOrigin, requestBuffer, type SendOptions } from '../../../engine/http/index';
import { rawServer } from './servers';

const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const get: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: false,
  keepHeaders: false,
  timeoutMs: 10_000,
};
const post: SendOptions = { ...get, idempotent: false };

/** Counts requests per connection: `onRequest(socket, n)` with n = 1 for a connection's first. */
async function perConnectionServer(onRequest: (socket: net.Socket, n: number) => void) {
  const counts = new WeakMap<net.Socket, number>();
  return rawServer((socket) => {
    const n = (counts.get(socket) ?? 0) + 1;
    counts.set(socket, n);
    onRequest(socket, n);
  });
}

test('a server that closes silently after every third response: no GET fails', async () => {
  const srv = await perConnectionServer((socket, n) => {
    socket.write(ok);
    if (n === 3) socket.end(); // no Connection: close: the client learns it only by the FIN
  });
  const origin = parseOrigin(srv.url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const connections = Array.from({ length: 10 }, () => new HttpConnection(origin));
  const errors: string[] = [];
  let done = 0;
  try {
    await Promise.all(
      connections.map(async (c) => {
        for (let i = 0; i < 60; i++) {
          const r = await c.send(req, get);
          if (r.error !== undefined || r.status !== 200) errors.push(r.error ?? `status ${r.status}`);
          done++;
        }
      }),
    );
  } finally {
    for (const c of connections) c.close();
    await srv.close();
  }
  assert.equal(done, 600);
  assert.equal(errors.length, 0, `${errors.length} of ${done} failed, first: ${errors[0]}`);
  assert.ok(srv.requests >= 600);
});

test('a request the server dropped on a reused connection: GET is retried once, POST fails saying why', async () => {
  // Each connection answers its first request and closes on its second without a byte.
  const srv = await perConnectionServer((socket, n) => {
    if (n === 1) socket.write(ok);
    else socket.end();
  });
  const origin = parseOrigin(srv.url);
  const build = (method: string): Buffer =>
    requestBuffer({ method, path: '/', hostHeader: origin.hostHeader, headers: [] });

  const c = new HttpConnection(origin);
  const p = new HttpConnection(origin);
  try {
    for (let i = 0; i < 5; i++) {
      const r = await c.send(build('GET'), get);
      assert.equal(r.error, undefined, `GET ${i}`);
      assert.equal(r.status, 200);
    }
    // 1 + 2 per later request: the dropped try and the retry on a fresh connection.
    assert.equal(srv.requests, 9);

    assert.equal((await p.send(build('POST'), post)).error, undefined);
    const r = await p.send(build('POST'), post);
    assert.equal(
      r.error,
      'connection closed by server before response on a reused keep-alive connection (not retried: the method is not idempotent)',
    );
    assert.equal(srv.requests, 11, 'the POST was sent once');
  } finally {
    c.close();
    p.close();
    await srv.close();
  }
});

test('a retry is made once: a fresh connection that also fails reports the failure', async () => {
  let answered = false;
  const srv = await perConnectionServer((socket) => {
    if (answered) socket.resetAndDestroy();
    else socket.write(ok);
    answered = true;
  });
  const origin = parseOrigin(srv.url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const c = new HttpConnection(origin);
  try {
    assert.equal((await c.send(req, get)).error, undefined);
    const r = await c.send(req, get);
    assert.equal(r.error, 'connection reset by server before response');
    assert.equal(srv.requests, 3);
  } finally {
    c.close();
    await srv.close();
  }
});
