// HTTPS reads go through `onread` into the shared buffer (engine/http/tlsSessions.ts): bodies
// larger than that buffer, chunked bodies and bodies delimited by the server's close arrive whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { HttpConnection, parseOrigin, requestBuffer, type SendOptions } from '../../../engine/http/index';
import { TEST_CERT, TEST_KEY } from './tlsFixture';

const keep: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: true,
  keepHeaders: true,
  timeoutMs: 10_000,
};
const big = Buffer.alloc(3 * 1024 * 1024, 'b');

/** A raw TLS server answering each request head with `respond(path)`, and closing when told. */
async function tlsServer(
  respond: (path: string, socket: tls.TLSSocket) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = tls.createServer({ key: TEST_KEY, cert: TEST_CERT }, (socket) => {
    let head = '';
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      let end: number;
      while ((end = head.indexOf('\r\n\r\n')) >= 0) {
        respond(head.slice(0, end).split(' ')[1], socket);
        head = head.slice(end + 4);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('HTTPS: a 3 MiB body, a chunked body and a close-delimited body are read whole', async () => {
  const srv = await tlsServer((path, socket) => {
    if (path === '/big') {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${big.length}\r\n\r\n`);
      socket.write(big);
    } else if (path === '/chunked')
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
    else socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end');
  });
  const origin = parseOrigin(srv.url);
  const get = (path: string): Buffer =>
    requestBuffer({ method: 'GET', path, hostHeader: origin.hostHeader, headers: [] });
  const c = new HttpConnection(origin, { insecure: true });
  try {
    let r = await c.send(get('/big'), keep);
    assert.equal(r.error, undefined);
    assert.ok(r.body!.equals(big));
    r = await c.send(get('/chunked'), keep);
    assert.equal(r.body!.toString(), 'abcde');
    r = await c.send(get('/close'), keep);
    assert.equal(r.error, undefined);
    assert.equal(r.body!.toString(), 'until the end');
  } finally {
    c.close();
    await srv.close();
  }
});
