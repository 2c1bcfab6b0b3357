// The bounded keeper of failing exchanges: first N per (request, error), a cap per run, bodies cut
// on a UTF-8 boundary, secrets and credentials masked before a sample leaves the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FailureSample } from '../../../common/snapshot';
import {
  createFailureSampleKeeper,
  SAMPLE_BODY_BYTES,
  SAMPLES_PER_KEY,
  SAMPLES_PER_RUN,
  utf8Head,
} from '../../../engine/runner/failureSamples';
import { createSecretMask } from '../../../engine/secrets/mask';

const noMask = (s: string): string => s;

function sample(error: string, extra: Partial<FailureSample> = {}): FailureSample {
  return {
    time: 1,
    error,
    request: { method: 'GET', url: 'http://127.0.0.1/x', headers: 'Accept: */*', body: '', bodyBytes: 0 },
    response: { status: 500, headers: 'HTTP/1.1 500 Internal Server Error', body: 'boom', bodyBytes: 4 },
    ...extra,
  };
}

test('keeps the first samples of each (request, error) and no more', () => {
  const keeper = createFailureSampleKeeper(noMask);
  const a = keeper.entry('a', 'GET');
  for (let i = 0; i < 10; i++) {
    if (a.wants('HTTP 500')) a.keep(sample('HTTP 500', { time: i }));
    if (a.wants('HTTP 503')) a.keep(sample('HTTP 503', { time: i }));
  }
  // The same entry under another step shares the counts; another method is another request.
  assert.equal(keeper.entry('a', 'GET'), a);
  const post = keeper.entry('a', 'POST');
  assert.equal(post.wants('HTTP 500'), true);
  post.keep(sample('HTTP 500'));
  const kept = keeper.drain();
  assert.equal(kept.filter((s) => s.method === 'GET' && s.error === 'HTTP 500').length, SAMPLES_PER_KEY);
  assert.deepEqual(
    kept.filter((s) => s.method === 'GET' && s.error === 'HTTP 500').map((s) => s.time),
    [0, 1, 2],
  );
  assert.equal(kept.filter((s) => s.error === 'HTTP 503').length, SAMPLES_PER_KEY);
  assert.equal(kept.filter((s) => s.method === 'POST').length, 1);
  assert.equal(a.wants('HTTP 500'), false, 'a full key wants no more, even after a drain');
  assert.deepEqual(keeper.drain(), [], 'each sample is sent once');
});

test('stops at the run cap and tells the plans to stop asking', () => {
  const keeper = createFailureSampleKeeper(noMask);
  let full = 0;
  keeper.onFull(() => full++);
  const e = keeper.entry('a', 'GET');
  for (let i = 0; i < SAMPLES_PER_RUN * 2; i++) {
    const error = `error ${i}`;
    if (e.wants(error)) e.keep(sample(error));
  }
  assert.equal(keeper.drain().length, SAMPLES_PER_RUN);
  assert.equal(full, 1);
  assert.equal(keeper.entry('b', 'GET').wants('new'), false);
  let late = 0;
  keeper.onFull(() => late++);
  assert.equal(late, 1, 'a plan compiled after the cap is told at once');
});

test('cuts a body at 2 KiB on a UTF-8 character boundary', () => {
  // 2047 ASCII bytes then a 3-byte character across the cut: it is left out whole.
  const bytes = Buffer.from(`${'a'.repeat(2047)}€and more`);
  const head = utf8Head(bytes);
  assert.equal(head, 'a'.repeat(2047));
  assert.ok(!head.includes('\uFFFD'));
  // Four-byte characters (emoji) only: the cut lands between two of them.
  const emoji = utf8Head(Buffer.from('😀'.repeat(1000)));
  assert.equal(Buffer.byteLength(emoji), SAMPLE_BODY_BYTES);
  assert.equal(emoji, '😀'.repeat(SAMPLE_BODY_BYTES / 4));
  assert.equal(utf8Head(Buffer.from('short é')), 'short é');
});

test('masks secrets everywhere and credentials in request headers, then keeps the bounds', () => {
  const keeper = createFailureSampleKeeper(createSecretMask(['s3cr3t-token', 'pp']).text);
  const e = keeper.entry('login', 'POST');
  e.keep(
    sample('check json.ok: expected true, got false', {
      check: { check: 'json.ok', saw: 'false s3cr3t-token' },
      request: {
        method: 'POST',
        url: 'http://127.0.0.1/login?token=s3cr3t-token',
        headers:
          'Authorization: Bearer s3cr3t-token\nProxy-Authorization: Basic dXNlcjpwYXNz\nX-Key: s3cr3t-token',
        body: `{"token":"s3cr3t-token","pad":"${'p'.repeat(SAMPLE_BODY_BYTES)}"}`.slice(0, SAMPLE_BODY_BYTES),
        bodyBytes: 5000,
      },
      response: {
        status: 401,
        headers: 'HTTP/1.1 401\nX-Echo: s3cr3t-token',
        body: 'bad s3cr3t-token',
        bodyBytes: 16,
      },
    }),
  );
  const [s] = keeper.drain();
  const text = JSON.stringify(s);
  assert.ok(!text.includes('s3cr3t-token'), text.slice(0, 500));
  assert.equal(s.request.headers.split('\n')[0], 'Authorization: Bearer ***');
  assert.equal(s.request.headers.split('\n')[1], 'Proxy-Authorization: Basic ***', 'base64 credentials too');
  assert.equal(s.request.url, 'http://127.0.0.1/login?token=***');
  assert.equal(s.response!.body, 'bad ***');
  assert.equal(s.check!.saw, 'false ***');
  // `pp` -> `***` makes the body longer than the 2 KiB it had: it is cut again.
  assert.ok(s.request.body.length <= SAMPLE_BODY_BYTES, `${s.request.body.length}`);
  assert.equal(s.request.bodyBytes, 5000);
});
