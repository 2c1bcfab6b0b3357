// A server that answers garbage must not make thousands of error rows: every error key keeps its
// kind, and each kind keeps only a bounded number of distinct server-chosen details.
// (Its own file: the bound is per process, and other tests expect their details listed.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HttpConnection, parseOrigin, requestBuffer } from '../../../engine/http/index';
import { MAX_DETAILS_PER_KIND } from '../../../engine/http/errorText';
import { rawServer } from './servers';

test('random status lines from a server make a bounded number of error keys', async () => {
  const srv = await rawServer((socket) => {
    const junk = randomBytes(200).toString('latin1').replace(/\n/g, ' ');
    socket.write(Buffer.from(`HTTP/1.1 ${junk}\r\n\r\n`, 'latin1'));
  });
  const origin = parseOrigin(srv.url);
  const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
  const c = new HttpConnection(origin);
  const errors: Array<string | undefined> = [];
  try {
    for (let i = 0; i < 200; i++) {
      const r = await c.send(req, {
        head: false,
        idempotent: true,
        keepBody: false,
        keepHeaders: false,
        timeoutMs: 10_000,
      });
      errors.push(r.error);
    }
  } finally {
    c.close();
    await srv.close();
  }
  const keys = new Set(errors);
  assert.equal(keys.size, MAX_DETAILS_PER_KIND + 1);
  for (const error of errors) {
    assert.ok(error !== undefined);
    assert.match(error, /^bad status line: /);
    assert.ok(error.length <= "bad status line: ''".length + 80 + 1, error);
  }
  assert.equal(srv.requests, 200);
});
