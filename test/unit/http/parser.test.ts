import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPLETE, FAILED, NEED_MORE, ResponseParser } from '../../../engine/http/responseParser';

/** Feeds `text` to a parser split into pieces of `step` bytes; returns the final state. */
function feedAll(p: ResponseParser, text: string, step: number): number {
  const b = Buffer.from(text, 'latin1');
  let state = NEED_MORE;
  for (let i = 0; i < b.length && state === NEED_MORE; i += step) {
    // A reused buffer with junk around the piece, like the shared read buffer.
    const piece = Buffer.alloc(step + 8, 0x5a);
    const n = b.copy(piece, 4, i, Math.min(b.length, i + step));
    state = p.feed(piece, 4, 4 + n);
  }
  return state;
}

const chunked =
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Test: a\r\n\r\n' +
  '5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n';

test('parses chunked bodies whatever the split, keeping the body when asked', () => {
  for (const step of [1, 2, 3, 7, 16, 1000]) {
    const p = new ResponseParser();
    p.reset(false, true, true);
    assert.equal(feedAll(p, chunked, step), COMPLETE, `step ${step}`);
    assert.equal(p.status, 200);
    assert.equal(p.bodyBytes, 16);
    assert.equal(p.body().toString(), 'hello 0123456789');
    assert.match(p.headText!, /X-Test: a/);
    assert.equal(p.shouldClose, false);
  }
});

test('Content-Length bodies are counted without being kept', () => {
  const p = new ResponseParser();
  p.reset(false, false, false);
  assert.equal(feedAll(p, 'HTTP/1.1 201 Created\r\ncontent-length: 11\r\n\r\nhello world', 4), COMPLETE);
  assert.equal(p.status, 201);
  assert.equal(p.bodyBytes, 11);
  assert.equal(p.body().length, 0);
  assert.equal(p.headText, undefined);
});

test('HEAD, 204 and 304 have no body whatever their headers say', () => {
  const p = new ResponseParser();
  p.reset(true, false, false);
  assert.equal(feedAll(p, 'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n', 5), COMPLETE);
  for (const status of [204, 304]) {
    p.reset(false, false, false);
    assert.equal(feedAll(p, `HTTP/1.1 ${status} X\r\nContent-Length: 9\r\n\r\n`, 64), COMPLETE);
    assert.equal(p.bodyBytes, 0);
  }
});

test('Connection: close and HTTP/1.0 ask for the connection to be closed', () => {
  const p = new ResponseParser();
  p.reset(false, false, false);
  feedAll(p, 'HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n', 100);
  assert.equal(p.shouldClose, true);
  p.reset(false, false, false);
  feedAll(p, 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', 100);
  assert.equal(p.shouldClose, true);
  p.reset(false, false, false);
  feedAll(p, 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n', 100);
  assert.equal(p.shouldClose, false);
});

test('a body without length or chunking ends at close', () => {
  const p = new ResponseParser();
  p.reset(false, true, false);
  assert.equal(feedAll(p, 'HTTP/1.1 200 OK\r\n\r\nabc', 2), NEED_MORE);
  assert.equal(p.eof(), true);
  assert.equal(p.body().toString(), 'abc');
  assert.equal(p.shouldClose, true);
});

test('interim 100 Continue responses are skipped', () => {
  const p = new ResponseParser();
  p.reset(false, false, false);
  assert.equal(
    feedAll(p, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 3),
    COMPLETE,
  );
  assert.equal(p.status, 200);
});

test('malformed responses fail with a readable reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['SSH-2.0-OpenSSH_9.0\r\n\r\n', /^bad status line: 'SSH-2\.0-OpenSSH_9\.0'$/],
    ['HTTP/1.1 abc OK\r\n\r\n', /^bad status line: 'HTTP\/1\.1 abc OK'$/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n', /^bad Content-Length: '1x'$/],
    ['HTTP/1.1 200 OK\r\nno colon here\r\n\r\n', /^bad header line \(no colon\): 'no colon here'$/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /^bad chunked body: invalid chunk size$/],
  ];
  for (const [text, re] of cases) {
    const p = new ResponseParser();
    p.reset(false, false, false);
    assert.equal(feedAll(p, text, 100), FAILED, text);
    assert.match(p.error, re);
  }
});

test('bytes after a complete response are flagged as leftover', () => {
  const p = new ResponseParser();
  p.reset(false, false, false);
  assert.equal(feedAll(p, 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxEXTRA', 100), COMPLETE);
  assert.equal(p.leftover, true);
});

test('Set-Cookie values are collected (every one, whatever the split) without keeping the head', () => {
  const text =
    'HTTP/1.1 200 OK\r\nset-cookie: sid=abc; Path=/; HttpOnly\r\nConnection: keep-alive\r\n' +
    'Set-Cookie:  theme=dark \r\nContent-Length: 2\r\n\r\nok';
  for (const step of [1, 5, 1000]) {
    const p = new ResponseParser();
    p.reset(false, false, false);
    assert.equal(feedAll(p, text, step), COMPLETE);
    assert.deepEqual(p.setCookies, ['sid=abc; Path=/; HttpOnly', 'theme=dark']);
    assert.equal(p.headText, undefined);
    assert.equal(p.shouldClose, false);
    p.reset(false, false, false);
    assert.equal(feedAll(p, 'HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n', step), COMPLETE);
    assert.equal(p.setCookies, undefined, 'a response without Set-Cookie has none');
    assert.equal(p.shouldClose, true);
  }
});

/** A response whose head is `size` bytes long (status line, one long header, blank line). */
function headOf(size: number): string {
  const start = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Fill: ';
  return `${start}${'a'.repeat(size - start.length - 4)}\r\n\r\nok`;
}

test('the 64 KiB head limit holds however the head is split across reads', () => {
  const big = headOf(70_000);
  assert.equal(big.indexOf('\r\n\r\n') + 4, 70_000);
  for (const step of [big.length, 65_536, 40_000, 4096, 1000]) {
    const p = new ResponseParser();
    p.reset(false, false, false);
    assert.equal(feedAll(p, big, step), FAILED, `reads of ${step} bytes`);
    assert.equal(p.error, 'response head larger than 64 KiB');
  }
  // A head of exactly 64 KiB is still a head.
  for (const step of [70_000, 4096]) {
    const p = new ResponseParser();
    p.reset(false, false, false);
    assert.equal(feedAll(p, headOf(64 * 1024), step), COMPLETE, `reads of ${step} bytes`);
  }
});

test('two different Content-Length headers are a protocol error; identical ones are accepted', () => {
  const p = new ResponseParser();
  p.reset(false, true, false);
  const twoLengths = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 5\r\n\r\nhello';
  assert.equal(feedAll(p, twoLengths, 100), FAILED);
  assert.equal(p.error, 'two different Content-Length headers: 2 and 5');
  p.reset(false, true, false);
  assert.equal(
    feedAll(p, 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello', 3),
    COMPLETE,
  );
  assert.equal(p.body().toString(), 'hello');
});

test("the server's bytes in an error are escaped and cut to 80 characters", () => {
  const p = new ResponseParser();
  p.reset(false, false, false);
  assert.equal(feedAll(p, 'HTTP/1.1 2\x010\t\\x\r\r\n\r\n', 100), FAILED);
  assert.equal(p.error, "bad status line: 'HTTP/1.1 2\\x010\\t\\\\x\\r'");
  p.reset(false, false, false);
  assert.equal(feedAll(p, `HTTP/1.1 200 OK\r\nContent-Length: ${'9'.repeat(200)}\r\n\r\n`, 100), FAILED);
  assert.equal(p.error, `bad Content-Length: '${'9'.repeat(80)}…'`);
});
