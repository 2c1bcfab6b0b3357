// The /metrics text: every sample of a snapshot reads back with its exact labels and value through
// a strict parser, whatever the scenario named its requests (quotes, backslashes, line feeds,
// text that looks like another sample).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotSamples } from '../../../engine/recorders/prometheusSeries';
import { escapeLabelValue, formatExposition } from '../../../engine/recorders/prometheusText';
import { entry, snapshot } from '../stats/fixtures';
import { parseExposition } from './expositionParser';

const hostile = 'x"} 1\nstampede_users{run="forged"} 99\\n\\"';

test('the exposition of a snapshot parses back to the same samples, hostile names included', () => {
  const s = snapshot({
    entries: [entry(hostile, 'GET', 7, 2, 100), entry('login', 'POST', 3, 0, 50)],
    trackers: [
      {
        metric: 'job "latency"',
        stage: 1,
        users: 3,
        count: 4,
        min: 10,
        mean: 20,
        p50: 20,
        p90: 30,
        p95: 35,
        p99: 40,
        max: 41,
        incomplete: 1,
        dropped: 0,
      },
    ],
  });
  const samples = snapshotSamples(s, [
    ['run', 'r1'],
    ['team', 'a\\b'],
  ]);
  const text = formatExposition(samples);
  const parsed = parseExposition(text);
  assert.equal(parsed.samples.length, samples.length);
  // Families are grouped, so compare as sets of (name, labels) with their values.
  const key = (name: string, labels: Record<string, string>) =>
    `${name} ${JSON.stringify(Object.entries(labels).sort())}`;
  const got = new Map(parsed.samples.map((p) => [key(p.name, p.labels), p.value]));
  assert.equal(got.size, samples.length);
  for (const want of samples) {
    const value = got.get(key(want.name, Object.fromEntries(want.labels.filter(([, v]) => v !== ''))));
    if (Number.isNaN(want.value)) assert.ok(Number.isNaN(value));
    else assert.equal(value, want.value, want.name);
  }
  // The forged line is a label value, not a sample: one users sample, with the run's label.
  const users = parsed.samples.filter((p) => p.name === 'stampede_users');
  assert.deepEqual(
    users.map((u) => u.labels.run),
    ['r1'],
  );
  assert.equal(parsed.types.get('stampede_http_requests_total'), 'counter');
  assert.equal(parsed.types.get('stampede_http_request_duration_seconds'), 'summary');
  const hostileRequests = parsed.samples.find(
    (p) => p.name === 'stampede_http_requests_total' && p.labels.request === hostile,
  );
  assert.equal(hostileRequests?.value, 7);
  assert.equal(hostileRequests?.labels.team, 'a\\b');
});

test('counters, seconds and the total follow the JSON summary', () => {
  const s = snapshot();
  const samples = snapshotSamples(s, [['run', 'r1']]);
  const find = (name: string, labels: Record<string, string>) =>
    samples.find(
      (x) =>
        x.name === name &&
        Object.entries(labels).every(([k, v]) => x.labels.some(([lk, lv]) => lk === k && lv === v)),
    );
  assert.equal(find('stampede_http_requests_total', { request: 'Aggregated' })?.value, 1000);
  assert.equal(find('stampede_http_request_failures_total', { request: '/cart', method: 'POST' })?.value, 10);
  // Quantiles are in seconds, over the current window.
  assert.equal(
    find('stampede_http_request_duration_seconds', { request: 'login', method: 'GET', quantile: '0.95' })
      ?.value,
    s.entries[2].current.p95 / 1000,
  );
  assert.equal(
    find('stampede_http_request_duration_seconds_count', { request: 'login', method: 'GET' })?.value,
    500,
  );
  assert.equal(find('stampede_users', {})?.value, 0);
});

test('a window without requests has NaN quantiles, not zeros', () => {
  const quiet = entry('idle', 'GET', 5, 0, 100);
  quiet.current = { ...quiet.current, p50: 0, p95: 0, p99: 0, p100: 0 };
  const samples = snapshotSamples(snapshot({ entries: [quiet] }), []);
  const q = samples.filter(
    (x) => x.name === 'stampede_http_request_duration_seconds' && x.labels.some(([, v]) => v === 'idle'),
  );
  assert.equal(q.length, 11);
  assert.ok(q.every((x) => Number.isNaN(x.value)));
});

test('label values are escaped as the format says', () => {
  assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  assert.throws(() => parseExposition('m{a="x"y"} 1\n'), /expected , or }/);
});
