import { test } from 'node:test';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { HttpConnection, parseOrigin, requestBuffer, type SendOptions } from '../../../engine/http/index';
import { getRequest, httpServer, PLAIN_SEND, rawServer, refusedPort } from './servers';
import { TEST_CERT, TEST_KEY } from './tlsFixture';

const plain = PLAIN_SEND;
const keep: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: true,
  keepHeaders: true,
  timeoutMs: 10_000,
};

const get = getRequest;

test('keep-alive: many requests on one connection, every one counted by the server', async () => {
  let connections = 0;
  const srv = await httpServer((_req, res) => res.end('ok'));
  srv.server.on('connection', () => connections++);
  const c = new HttpConnection(parseOrigin(srv.url));
  const req = get(srv.url);
  for (let i = 0; i < 200; i++) {
    const r = await c.send(req, plain);
    assert.equal(r.error, undefined);
    assert.equal(r.status, 200);
    assert.equal(r.bytes, 2);
    assert.ok(r.durationMs > 0 && r.durationMs < 10_000);
  }
  assert.equal(srv.requests, 200);
  assert.equal(connections, 1);
  c.close();
  await srv.close();
});

test('chunked and large bodies are read whole; headers by name', async () => {
  const big = Buffer.alloc(3 * 1024 * 1024, 'a');
  const srv = await httpServer((req, res) => {
    res.setHeader('X-Kind', req.url!);
    if (req.url === '/chunked') {
      res.write('{"a":');
      setImmediate(() => res.end('1}'));
    } else res.end(big);
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  let r = await c.send(get(srv.url, '/chunked'), keep);
  assert.equal(r.body!.toString(), '{"a":1}');
  assert.equal(r.header('x-kind'), '/chunked');
  assert.equal(r.header('Transfer-Encoding'), 'chunked');
  r = await c.send(get(srv.url, '/big'), plain);
  assert.equal(r.error, undefined);
  assert.equal(r.bytes, big.length);
  assert.equal(r.body, undefined);
  r = await c.send(get(srv.url, '/big'), keep);
  assert.ok(r.body!.equals(big));
  c.close();
  await srv.close();
});

test('Connection: close makes the next request reconnect', async () => {
  let connections = 0;
  const srv = await httpServer((_req, res) => {
    res.setHeader('Connection', 'close');
    res.end('bye');
  });
  srv.server.on('connection', () => connections++);
  const c = new HttpConnection(parseOrigin(srv.url));
  for (let i = 0; i < 5; i++) {
    const r = await c.send(get(srv.url), plain);
    assert.equal(r.error, undefined);
    assert.equal(r.status, 200);
  }
  assert.equal(connections, 5);
  c.close();
  await srv.close();
});

test('a body that ends at close is complete at close', async () => {
  const srv = await rawServer((socket) => socket.end('HTTP/1.1 200 OK\r\n\r\nuntil close'));
  const c = new HttpConnection(parseOrigin(srv.url));
  const r = await c.send(get(srv.url), keep);
  assert.equal(r.error, undefined);
  assert.equal(r.body!.toString(), 'until close');
  c.close();
  await srv.close();
});

test('refused, reset and closed connections are errors with their names, never throws', async () => {
  const port = await refusedPort();
  const refused = new HttpConnection(parseOrigin(`http://127.0.0.1:${port}`));
  const r1 = await refused.send(get(`http://127.0.0.1:${port}`), plain);
  assert.equal(r1.error, `connection refused (ECONNREFUSED) 127.0.0.1:${port}`);
  refused.close();

  const srv = await rawServer((socket, _head, i) => {
    if (i === 0) socket.resetAndDestroy();
    else if (i === 1) socket.end();
    else socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf');
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  assert.equal((await c.send(get(srv.url), plain)).error, 'connection reset by server before response');
  assert.equal((await c.send(get(srv.url), plain)).error, 'connection closed by server before response');
  const r3 = await c.send(get(srv.url), plain);
  assert.equal(r3.error, 'connection closed by server after 4 of 10 B');
  assert.equal(r3.status, 200);
  c.close();
  await srv.close();
});

test('a slow response times out with "timeout after ..." and the connection recovers', async () => {
  const srv = await rawServer((socket, _head, i) => {
    if (i === 0) return; // never answers
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  const r = await c.send(get(srv.url), { ...plain, timeoutMs: 150 });
  assert.equal(r.error, 'timeout after 150 ms waiting for response head');
  assert.ok(r.durationMs >= 150);
  const r2 = await c.send(get(srv.url), { ...plain, timeoutMs: 2000 });
  assert.equal(r2.error, undefined);
  assert.equal(r2.status, 200);
  c.close();
  await srv.close();
});

test('slow but in-time responses are measured from the write to the end of the body', async () => {
  const srv = await rawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab');
    setTimeout(() => socket.write('cd'), 120);
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  const r = await c.send(get(srv.url), keep);
  assert.equal(r.body!.toString(), 'abcd');
  assert.ok(r.durationMs >= 119, `duration ${r.durationMs}`);
  c.close();
  await srv.close();
});

test('a keep-alive connection closed by the server while idle is replaced transparently', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  srv.server.keepAliveTimeout = 300; // the server closes idle connections (no Connection: close)
  let serverClosed: Promise<void> = Promise.resolve();
  srv.server.on('connection', (socket) => {
    serverClosed = new Promise((r) => socket.on('close', () => r()));
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  for (let i = 0; i < 4; i++) {
    const r = await c.send(get(srv.url), plain);
    assert.equal(r.error, undefined, `request ${i}`);
    await serverClosed; // the idle connection is gone before the next request
  }
  assert.equal(srv.requests, 4);
  c.close();
  await srv.close();
});

test('a bad response is counted with its kind and the line the server sent', async () => {
  const srv = await rawServer((socket) => socket.write('HTP/1.1 200\r\n\r\n'));
  const c = new HttpConnection(parseOrigin(srv.url));
  const r = await c.send(get(srv.url), plain);
  assert.equal(r.error, "bad status line: 'HTP/1.1 200'");
  c.close();
  await srv.close();
});

test('HEAD responses end at the head', async () => {
  const srv = await httpServer((_req, res) => {
    res.setHeader('Content-Length', '1000');
    res.end();
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  const head = requestBuffer({
    method: 'HEAD',
    path: '/',
    hostHeader: parseOrigin(srv.url).hostHeader,
    headers: [],
  });
  for (let i = 0; i < 3; i++) {
    const r = await c.send(head, { ...plain, head: true });
    assert.equal(r.error, undefined);
    assert.equal(r.bytes, 0);
  }
  c.close();
  await srv.close();
});

test('POST bodies arrive with their length', async () => {
  const srv = await httpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => res.end(`${req.method} ${req.headers['content-type']} ${body}`));
  });
  const c = new HttpConnection(parseOrigin(srv.url));
  const req = requestBuffer({
    method: 'POST',
    path: '/x',
    hostHeader: parseOrigin(srv.url).hostHeader,
    headers: [['Content-Type', 'application/json']],
    body: '{"é":1}',
  });
  const r = await c.send(req, keep);
  assert.equal(r.body!.toString(), 'POST application/json {"é":1}');
  c.close();
  await srv.close();
});

test('HTTPS: keep-alive over TLS; an untrusted certificate is an error unless insecure', async () => {
  let count = 0;
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => {
    count++;
    res.end('secure');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const origin = parseOrigin(url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const strict = new HttpConnection(origin);
  const refused = await strict.send(req, plain);
  assert.match(refused.error!, /SELF_SIGNED|self.signed|UNABLE_TO_VERIFY/i);
  strict.close();
  const c = new HttpConnection(origin, { insecure: true });
  for (let i = 0; i < 3; i++) {
    const r = await c.send(req, keep);
    assert.equal(r.error, undefined);
    assert.equal(r.body!.toString(), 'secure');
  }
  assert.equal(count, 3);
  c.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
