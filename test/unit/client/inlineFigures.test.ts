// The figures shown beside request lines: the one-line label, which line gets which entry, and the
// hover's full row, top errors and (when the snapshot carries one) a failure sample.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  entryKey,
  escapeMarkdown,
  failureSampleText,
  figuresForLines,
  hoverMarkdown,
  inlineLabel,
} from '../../../client/inline/inlineFigures';
import type { ErrorStats, FailureSample } from '../../../common/snapshot';
import { fillPercentiles } from '../percentiles';
import { entry, snapshot } from './fixtures';

const browse = entry({
  name: 'browse',
  method: 'GET',
  requests: 1234,
  failures: 4,
  rps: 41.1,
  maxMs: 250,
  percentiles: fillPercentiles(12, 43, 80),
});
const buy = entry({
  name: '/cart',
  method: 'POST',
  requests: 10,
  failures: 10,
  percentiles: fillPercentiles(5, 6, 7),
});

test('the label is count, p95 and failure share, through the shared formatter', () => {
  assert.equal(inlineLabel(browse), '1.2k req · p95 43.0 ms · 0.32% failed');
  assert.equal(inlineLabel(entry({ name: 'x', method: 'GET' })), '0 req · p95 0 ms · 0% failed');
});

test('each request line gets its own entry by method and name; unknown requests get nothing', () => {
  const s = snapshot({ entries: [browse, buy] });
  const figures = figuresForLines(
    [
      { name: 'browse', method: 'GET', line: 12 },
      { name: '/cart', method: 'POST', line: 20 },
      { name: '/cart', method: 'GET', line: 25 }, // same name, other method: another entry
      { name: 'not run yet', method: 'GET', line: 30 },
    ],
    s,
  );
  assert.deepEqual(
    figures.map((f) => [f.line, f.label]),
    [
      [12, '1.2k req · p95 43.0 ms · 0.32% failed'],
      [20, '10 req · p95 6.00 ms · 100.0% failed'],
    ],
  );
  assert.equal(entryKey('get', 'browse'), entryKey('GET', 'browse'));
});

test('the hover has the full percentile row, rps, failures and the top errors, most frequent first', () => {
  const errors: ErrorStats[] = [
    { name: 'browse', method: 'GET', error: 'expected 200, got 503', count: 3 },
    { name: 'browse', method: 'GET', error: 'timeout', count: 1 },
    { name: '/cart', method: 'POST', error: 'connection refused', count: 10 },
  ];
  const md = hoverMarkdown(browse, snapshot({ entries: [browse, buy], errors, state: 'stopped' }));
  assert.match(md, /\*\*GET browse\*\* \(finished run, Shop checkout\)/);
  assert.match(
    md,
    /\| 1,234 \| 4 \(0\.32%\) \| 41\.1 \| 12\.0 ms \| 38\.3 ms \| 43\.0 ms \| 80\.0 ms \| 250 ms \|/,
  );
  const listed = md.split('\n').filter((l) => l.startsWith('- '));
  assert.deepEqual(listed, ['- 3 × expected 200, got 503', '- 1 × timeout']);
  assert.doesNotMatch(md, /connection refused/, 'another request’s errors stay out');
  assert.doesNotMatch(md, /failing exchange/, 'no sample section when the rows carry none');
});

test('a failure sample is shown when the error row carries one, fenced so the response cannot close it', () => {
  const sample: FailureSample = {
    time: 0,
    error: 'expected 200, got 503',
    request: { method: 'GET', url: 'http://127.0.0.1/products', headers: '', body: '', bodyBytes: 0 },
    response: {
      status: 503,
      headers: 'HTTP/1.1 503 Service Unavailable',
      body: 'down ```\n# not a heading',
      bodyBytes: 24,
    },
  };
  const withSample: ErrorStats = {
    name: 'browse',
    method: 'GET',
    error: 'expected 200, got 503',
    count: 2,
    samples: [sample],
  };
  assert.equal(
    failureSampleText(withSample),
    '> GET http://127.0.0.1/products\n< HTTP/1.1 503 Service Unavailable\ndown ```\n# not a heading',
  );
  const md = hoverMarkdown(browse, snapshot({ entries: [browse], errors: [withSample] }));
  assert.match(md, /\*\*A failing exchange\*\*\n\n````text\n> GET http/);
  assert.match(md, /# not a heading\n````$/);
  assert.equal(failureSampleText({ ...withSample, samples: [] }), undefined);
  assert.equal(failureSampleText({ ...withSample, samples: undefined }), undefined);
  const refused: ErrorStats = { ...withSample, samples: [{ ...sample, response: undefined }] };
  assert.equal(failureSampleText(refused), '> GET http://127.0.0.1/products\n< no response');
  const long: ErrorStats = {
    ...withSample,
    samples: [{ ...sample, response: { ...sample.response!, body: 'x'.repeat(5000) } }],
  };
  assert.ok(failureSampleText(long)!.length < 1600, 'a long body is cut');
});

test('names and error texts are not markup in the hover', () => {
  assert.equal(escapeMarkdown('[x](command:evil) *b* |'), '\\[x\\]\\(command:evil\\) \\*b\\* \\|');
  const odd = entry({ name: '[click](command:x)', method: 'GET', requests: 1 });
  assert.match(hoverMarkdown(odd, snapshot({ entries: [odd] })), /\\\[click\\\]\\\(command:x\\\)/);
});
