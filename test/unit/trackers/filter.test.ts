import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, FilterError, matches } from '../../../engine/trackers/filter';
import { createTrackerSet, readsBody } from '../../../engine/trackers/index';
import { cond, event, filter, request, tracker } from './events';

const req = (attrs: Record<string, string | number | boolean>) => request('poll', { ts: 1, attrs });

test('the event type must be equal; no conditions matches every event of the type', () => {
  assert.equal(matches(filter('request'), req({})), true);
  assert.equal(matches(filter('request'), event('iteration.end', { ts: 1 })), false);
  assert.equal(matches(filter('order.placed'), event('order.placed', { ts: 1 })), true);
  assert.equal(matches(filter('Request'), req({})), false);
});

test('= compares strings, and numbers numerically when the value is a number', () => {
  assert.equal(
    matches(filter('request', [cond('json.state', '=', 'done')]), req({ 'json.state': 'done' })),
    true,
  );
  assert.equal(
    matches(filter('request', [cond('json.state', '=', 'done')]), req({ 'json.state': 'Done' })),
    false,
  );
  assert.equal(matches(filter('request', [cond('status', '=', 200)]), req({ status: 200 })), true);
  assert.equal(matches(filter('request', [cond('json.n', '=', 200)]), req({ 'json.n': '200' })), true);
  assert.equal(matches(filter('request', [cond('json.n', '=', 1)]), req({ 'json.n': '1.0' })), true);
  assert.equal(matches(filter('request', [cond('status', '=', 200)]), req({ status: 201 })), false);
  assert.equal(matches(filter('request', [cond('ok', '=', true)]), req({ ok: true })), true);
  assert.equal(matches(filter('request', [cond('ok', '=', true)]), req({ ok: false })), false);
  assert.equal(matches(filter('request', [cond('ok', '=', 'true')]), req({ ok: true })), true);
});

test('!= is true only for a present attribute with another value; a missing attribute fails every op', () => {
  const f = filter('request', [cond('json.state', '!=', 'done')]);
  assert.equal(matches(f, req({ 'json.state': 'pending' })), true);
  assert.equal(matches(f, req({ 'json.state': 'done' })), false);
  assert.equal(matches(f, req({})), false);
  for (const op of ['=', '~=', '<', '>'] as const) {
    assert.equal(matches(filter('request', [cond('json.missing', op, 1)]), req({})), false, op);
  }
});

test('~= searches the string form with a regex (unanchored unless anchored)', () => {
  const f = filter('request', [cond('url', '~=', '/jobs/[0-9a-f-]+$')]);
  assert.equal(matches(f, req({ url: 'http://x/jobs/ab12-cd' })), true);
  assert.equal(matches(f, req({ url: 'http://x/jobs/ab12-cd/logs' })), false);
  assert.equal(matches(filter('request', [cond('status', '~=', '^5')]), req({ status: 503 })), true);
  assert.equal(matches(filter('request', [cond('status', '~=', '^5')]), req({ status: 404 })), false);
  // Repeated tests of one compiled regex give the same answer (no lastIndex carried over).
  const g = filter('request', [cond('name', '~=', 'po')]);
  for (let i = 0; i < 3; i++) assert.equal(matches(g, req({})), true);
});

test('a filter is compiled once; a bad regex is a FilterError naming the filter', () => {
  const f = filter('request', [cond('url', '~=', 'a+')]);
  assert.equal(compileFilter(f), compileFilter(f));
  const bad = filter('request', [cond('url', '~=', '(unclosed')]);
  assert.throws(
    () => compileFilter(bad),
    (err: unknown) =>
      err instanceof FilterError &&
      /request\[url~="\(unclosed"\]/.test(err.message) &&
      /not a valid regular expression/.test(err.message),
  );
});

test('< and > compare numbers; text that is not a number never matches', () => {
  const slow = filter('request', [cond('duration', '>', 250)]);
  assert.equal(matches(slow, req({ duration: 251 })), true);
  assert.equal(matches(slow, req({ duration: 250 })), false);
  assert.equal(matches(slow, req({ duration: '300' })), true);
  assert.equal(matches(slow, req({ duration: 'slow' })), false);
  assert.equal(matches(slow, req({ duration: true })), false);
  const fewer = filter('request', [cond('json.left', '<', 3)]);
  assert.equal(matches(fewer, req({ 'json.left': 2 })), true);
  assert.equal(matches(fewer, req({ 'json.left': 3 })), false);
  assert.equal(matches(filter('request', [cond('status', '<', 'x')]), req({ status: 1 })), false);
});

test('conditions are ANDed', () => {
  const f = filter('request', [
    cond('name', '=', 'poll'),
    cond('status', '=', 200),
    cond('json.state', '=', 'done'),
  ]);
  assert.equal(matches(f, req({ 'json.state': 'done' })), true);
  assert.equal(matches(f, req({ 'json.state': 'done', status: 500 })), false);
  assert.equal(matches(f, req({ 'json.state': 'pending' })), false);
});

test('needsBody: a request filter reading json.* whose name conditions accept the name', () => {
  const named = filter('request', [cond('name', '=', 'job status'), cond('json.state', '=', 'done')]);
  assert.equal(readsBody(named, 'job status'), true);
  assert.equal(readsBody(named, 'submit job'), false);
  assert.equal(readsBody(filter('request', [cond('json.state', '=', 'done')]), 'anything'), true);
  assert.equal(
    readsBody(filter('request', [cond('name', '~=', '^job'), cond('json.x', '>', 1)]), 'job status'),
    true,
  );
  assert.equal(
    readsBody(filter('request', [cond('name', '!=', 'login'), cond('json.x', '>', 1)]), 'login'),
    false,
  );
  assert.equal(readsBody(filter('request', [cond('name', '=', 'job status')]), 'job status'), false);
  assert.equal(readsBody(filter('job.done', [cond('json.x', '=', 1)]), 'job status'), false);

  const set = createTrackerSet([tracker('t', filter('request', [cond('name', '=', 'submit job')]), named)], {
    runId: 'r',
    workerId: 'w',
  });
  assert.equal(set.needsBody('job status'), true);
  assert.equal(set.needsBody('submit job'), false);
  assert.equal(set.needsBody('job status'), true);
});
