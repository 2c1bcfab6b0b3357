// The server's bytes in a failure sample are untrusted wherever they are shown: the terminal gets
// no escape sequence (a colour change, a cursor move, a bidi override), the HTML report no markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorStats } from '../../../common/snapshot';
import { failureSamplesSection } from '../../../engine/cli/sampleReport';
import { failureSamplesHtml } from '../../../engine/recorders/failureSamplesHtml';

const hostile = '\u001b]0;pwned\u0007\u001b[2J<script>alert(1)</script>\u202eevil\nline 2\nline 3\nline 4';
const rows: ErrorStats[] = [
  {
    name: 'cart',
    method: 'POST',
    error: 'HTTP 502',
    count: 7,
    samples: [
      {
        time: 0,
        error: 'HTTP 502',
        request: { method: 'POST', url: 'http://127.0.0.1/cart', headers: 'A: b', body: '{}', bodyBytes: 2 },
        response: { status: 502, headers: 'HTTP/1.1 502 Bad Gateway\nx: y', body: hostile, bodyBytes: 9000 },
      },
    ],
  },
  { name: 'other', method: 'GET', error: 'HTTP 404', count: 1 },
];

test('the terminal section shows the first body lines with control characters escaped', () => {
  const text = failureSamplesSection(rows)!;
  const raw = [...text].filter((c) => c !== '\n' && c !== '\t' && (c < ' ' || c === '\u007f' || c === '\u202e'));
  assert.deepEqual(raw, [], JSON.stringify(text));
  assert.match(
    text,
    /POST cart: HTTP 502\n {4}> POST http:\/\/127\.0\.0\.1\/cart\n {4}< HTTP\/1\.1 502 Bad Gateway \(9000 bytes of body\)/,
  );
  assert.match(text, /\| \\x1b\]0;pwned\\x07\\x1b\[2J<script>/);
  assert.match(text, /\\u202eevil/);
  assert.match(text, /\| line 3\n {4}\| …$/, 'three body lines, then a mark that there is more');
  assert.ok(!text.includes('GET other'), 'rows without samples are left out');
  assert.equal(failureSamplesSection([rows[1]]), undefined);
});

test('the HTML section escapes markup and control characters', () => {
  const html = failureSamplesHtml(rows);
  assert.ok(!html.includes('<script>'));
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/, 'markup from the server is escaped');
  assert.match(html, /\\x1b\[2J/);
  assert.match(html, /9000 bytes in all/);
  assert.equal(failureSamplesHtml([rows[1]]), '');
});
