// A request that keeps neither head nor body still gets them for a failure sample when its
// `sampleWhen` says so: the head, and the first 2 KiB of the body (chunked or not, whatever the
// reads); a response it says no to keeps nothing. Through a real connection to a raw TCP server
// that answers a 500 after its head has gone out, the partial body is there too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { COMPLETE, NEED_MORE, ResponseParser, SAMPLE_BODY_BYTES } from '../../../engine/http/responseParser';
import { HttpConnection, parseOrigin } from '../../../engine/http/index';

function feedAll(p: ResponseParser, text: string, step: number): number {
  const b = Buffer.from(text, 'latin1');
  let state = NEED_MORE;
  for (let i = 0; i < b.length && state === NEED_MORE; i += step)
    state = p.feed(b, i, Math.min(b.length, i + step));
  return state;
}

const big = 'x'.repeat(5000);
const chunkedBody = `${(2000).toString(16)}\r\n${big.slice(0, 2000)}\r\n${(3000).toString(16)}\r\n${big.slice(2000)}\r\n0\r\n\r\n`;

test('sampleWhen keeps the head and the body head of the responses it picks, and only those', () => {
  const asked: number[] = [];
  const when = (status: number): boolean => (asked.push(status), status >= 500);
  for (const step of [1, 13, 700, 100_000]) {
    const p = new ResponseParser();
    p.reset(false, false, false, when);
    const fail = `HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\nX-Trace: t1\r\n\r\n${chunkedBody}`;
    assert.equal(feedAll(p, fail, step), COMPLETE);
    assert.equal(p.sampled, true);
    assert.equal(p.bodyBytes, 5000);
    assert.equal(p.body().length, SAMPLE_BODY_BYTES, `step ${step}`);
    assert.match(p.headText!, /^HTTP\/1\.1 500 Oops\r\n.*X-Trace: t1/s);

    p.reset(false, false, false, when);
    assert.equal(feedAll(p, `HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n${big}`, step), COMPLETE);
    assert.equal(p.sampled, false);
    assert.equal(p.headText, undefined);
    assert.equal(p.body().length, 0, 'a response it said no to keeps nothing');
  }
  assert.deepEqual([...new Set(asked)], [500, 200], 'asked once the status is known');
  assert.equal(asked.length, 8, 'once per response');
});

test('a response that fails mid-body still brings what the sample kept', async () => {
  const server = net.createServer((s) => {
    s.once('data', () => {
      s.write('HTTP/1.1 503 Busy\r\nContent-Length: 100000\r\n\r\npartial body');
      // Reset once the bytes are out: the response fails after its head.
      setImmediate(() => s.resetAndDestroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const conn = new HttpConnection(parseOrigin(`http://127.0.0.1:${port}`));
  try {
    const res = await conn.send('GET / HTTP/1.1\r\nHost: x\r\n\r\n', {
      head: false,
      keepBody: false,
      keepHeaders: false,
      timeoutMs: 10_000,
      idempotent: false,
      sampleWhen: (status) => status === 503,
    });
    assert.match(res.error ?? '', /connection (reset|closed) by server/);
    assert.equal(res.status, 503);
    assert.match(res.headText ?? '', /^HTTP\/1\.1 503 Busy/);
    assert.equal(res.sampleBody?.toString(), 'partial body');
  } finally {
    conn.close();
    server.close();
  }
});
