// HttpConnection.sendWith: the callback form the runner's fast lane uses (no promise per request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpConnection, parseOrigin, type HttpResponse } from '../../../engine/http/index';
import { getRequest, httpServer, PLAIN_SEND, rawServer } from './servers';

const plain = PLAIN_SEND;
const get = getRequest;

test('sendWith: requests sent again from the callback run one after another on one keep-alive connection', async () => {
  let connections = 0;
  const srv = await httpServer((req, res) => res.end(req.url));
  srv.server.on('connection', () => connections++);
  const c = new HttpConnection(parseOrigin(srv.url));
  const statuses: number[] = [];
  let depth = 0;
  let deepest = 0;
  await new Promise<void>((resolve) => {
    const done = (r: HttpResponse): void => {
      depth++;
      deepest = Math.max(deepest, depth);
      assert.equal(r.error, undefined);
      statuses.push(r.status);
      if (statuses.length < 100) c.sendWith(get(srv.url, `/${statuses.length}`), plain, done);
      else resolve();
      depth--;
    };
    c.sendWith(get(srv.url, '/0'), plain, done);
  });
  assert.equal(statuses.length, 100);
  assert.ok(statuses.every((s) => s === 200));
  assert.equal(srv.requests, 100);
  assert.equal(connections, 1);
  // Each callback came from a read, never from inside the previous callback's sendWith.
  assert.equal(deepest, 1);
  c.close();
  await srv.close();
});

test('sendWith: a closed connection fails the request later, never inside the call', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const c = new HttpConnection(parseOrigin(srv.url));
  c.close();
  let called = false;
  const response = new Promise<HttpResponse>((resolve) =>
    c.sendWith(get(srv.url), plain, (r) => {
      called = true;
      resolve(r);
    }),
  );
  assert.equal(called, false);
  const r = await response;
  assert.equal(r.error, 'connection closed by the load generator');
  assert.equal(c.busy, false);
  await srv.close();
});

test('sendWith: errors, timeouts and a second request in flight behave as with send', async () => {
  const srv = await rawServer(() => {}); // never answers
  const c = new HttpConnection(parseOrigin(srv.url));
  const r = await new Promise<HttpResponse>((resolve) => {
    c.sendWith(get(srv.url), { ...plain, timeoutMs: 50 }, resolve);
    assert.throws(() => c.sendWith(get(srv.url), plain, () => {}), /already in flight/);
  });
  assert.equal(r.error, 'timeout after 50 ms waiting for response head');
  c.close();
  await srv.close();
});
