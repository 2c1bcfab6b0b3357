// Tracker filters `eventType[attr op value, ...]:selector`: parsing, offsets of syntax errors,
// and the semantic diagnostics inside the YAML string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario, checkEventFilter, parseEventFilter } from '../../../scenario/index';
import type { FilterContext } from '../../../scenario/index';
import { HEAD, only, span } from './helpers';

function parsed(text: string) {
  const r = parseEventFilter(text);
  assert.ok('filter' in r, `expected ${text} to parse: ${JSON.stringify(r)}`);
  return r;
}

function errorAt(text: string): [number, number, string] {
  const r = parseEventFilter(text);
  assert.ok('errors' in r, `expected ${text} to fail`);
  return [r.errors[0].start, r.errors[0].end, r.errors[0].message];
}

test('filters parse event type, conditions with every operator and value kind, and selectors', () => {
  assert.deepEqual(parsed('request').filter, { source: 'request', eventType: 'request', conditions: [] });
  const f = parsed(
    `request[name="job status", json.state = 'done', status!=500, url~=^/jobs/\\d+, duration>100, ok=true, n<3]:last`,
  ).filter;
  assert.deepEqual(f.conditions, [
    { attr: 'name', op: '=', value: 'job status' },
    { attr: 'json.state', op: '=', value: 'done' },
    { attr: 'status', op: '!=', value: 500 },
    { attr: 'url', op: '~=', value: '^/jobs/\\d+' },
    { attr: 'duration', op: '>', value: 100 },
    { attr: 'ok', op: '=', value: true },
    { attr: 'n', op: '<', value: 3 },
  ]);
  assert.deepEqual(f.selector, { kind: 'last' });
  assert.deepEqual(parsed('iteration.start:first').filter.selector, { kind: 'first' });
  assert.deepEqual(parsed('order.placed[id="a,b]"]:nth(3)').filter, {
    source: 'order.placed[id="a,b]"]:nth(3)',
    eventType: 'order.placed',
    conditions: [{ attr: 'id', op: '=', value: 'a,b]' }],
    selector: { kind: 'nth', n: 3 },
  });
  assert.deepEqual(parsed('stage[]').filter.conditions, []);
});

test('malformed filters report the offending offsets', () => {
  assert.deepEqual(errorAt('[name=x]').slice(0, 2), [0, 1]);
  assert.deepEqual(errorAt('request[name x]').slice(0, 2), [13, 14]);
  assert.deepEqual(errorAt('request[name=]').slice(0, 2), [13, 14]);
  assert.deepEqual(errorAt('request[name="x]').slice(0, 2), [13, 16]);
  assert.deepEqual(errorAt('request[name=x').slice(0, 2), [14, 15]);
  assert.deepEqual(errorAt('request[duration < fast]').slice(0, 2), [19, 23]);
  assert.deepEqual(errorAt('request:nth(0)').slice(0, 2), [8, 11]);
  assert.deepEqual(errorAt('request[ok=true] extra').slice(0, 2), [17, 22]);
  const [s, e, msg] = errorAt('request[url~="a(b"]');
  assert.deepEqual([s, e], [13, 18]);
  assert.match(msg, /bad regular expression/);
  const sel = parseEventFilter('request:frist');
  assert.ok('errors' in sel);
  assert.equal(sel.errors[0].suggestion, 'first');
});

const context: FilterContext = {
  requestNames: ['submit job', 'job status'],
  events: new Map([['order.placed', new Set(['id'])]]),
};

test('semantic checks: event types, request names, attributes', () => {
  const check = (text: string) => {
    const r = parsed(text);
    return checkEventFilter(r.filter, r.conditionSpans, context).map((p) => [
      p.code,
      p.start,
      p.end,
      p.suggestion,
    ]);
  };
  assert.deepEqual(check('request[name="submit job"]'), []);
  assert.deepEqual(check('order.placed[id=3]'), []);
  assert.deepEqual(check('requests[name=x]'), [['unknown-event', 0, 8, 'request']]);
  assert.deepEqual(check('order.place'), [['unknown-event', 0, 11, 'order.placed']]);
  assert.deepEqual(check('request[name="job statu"]'), [['unknown-request', 13, 24, '"job status"']]);
  assert.deepEqual(check('request[name=nothing]'), [['unknown-request', 13, 20, undefined]]);
  assert.deepEqual(check('request[stauts=200]'), [['unknown-attribute', 8, 14, 'status']]);
  assert.deepEqual(check('request[json.state=done, header.x=1]'), []);
  assert.deepEqual(check('order.placed[idd=1]'), [['unknown-attribute', 13, 16, 'id']]);
});

test('tracker filters in a scenario: diagnostics at the exact range inside the YAML string', () => {
  const text =
    HEAD +
    'users:\n  - tasks:\n      - steps:\n          - { name: submit job, post: /jobs }\n          - emit: job.done\n' +
    'trackers:\n  - metric: job\n    start: request[name="submit jb"]\n    end: job.don\n' +
    '  - metric: ok\n    start: \'request[name="submit job"]\'\n    end: job.done:last\n';
  const a = analyzeScenario(text);
  const req = only(a, 'unknown-request');
  assert.deepEqual(span(req), [10, 24, 10, 35]);
  assert.equal(req.suggestion, '"submit job"');
  assert.match(req.message, /^`start`: no request is named `submit jb`; did you mean `submit job`\?/);
  const ev = only(a, 'unknown-event');
  assert.deepEqual(span(ev), [11, 9, 11, 16]);
  assert.equal(ev.suggestion, 'job.done');
  assert.equal(a.diagnostics.length, 2);
});

test('a valid tracker compiles into the scenario', () => {
  const text =
    HEAD +
    'users: [{ tasks: [{ name: submit, post: /jobs }] }]\ntrackers:\n  - metric: m\n    start: iteration.start\n    end: "request[name=submit, status=200]:first"\n';
  const a = analyzeScenario(text);
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(a.scenario?.trackers, [
    {
      metric: 'm',
      start: { source: 'iteration.start', eventType: 'iteration.start', conditions: [] },
      end: {
        source: 'request[name=submit, status=200]:first',
        eventType: 'request',
        conditions: [
          { attr: 'name', op: '=', value: 'submit' },
          { attr: 'status', op: '=', value: 200 },
        ],
        selector: { kind: 'first' },
      },
    },
  ]);
});

test('a bad regex inside a double-quoted YAML filter is flagged at its span', () => {
  const a = analyzeScenario(
    HEAD +
      'users: [{ tasks: [{ get: /x }] }]\ntrackers:\n  - { metric: m, start: "request[url~=\'(\']", end: stage }\n',
  );
  const d = only(a, 'bad-regex');
  assert.deepEqual(span(d), [5, 38, 5, 41]);
});

test('built-in iteration and stage events: their attributes, and user/task names', () => {
  const ctx: FilterContext = { ...context, userKinds: ['shopper'], taskNames: ['buy', 'browse'] };
  const check = (text: string) => {
    const r = parsed(text);
    return checkEventFilter(r.filter, r.conditionSpans, ctx).map((p) => [
      p.code,
      p.start,
      p.end,
      p.suggestion,
    ]);
  };
  assert.deepEqual(check('iteration.end[user=shopper, task="buy", ok=true]'), []);
  assert.deepEqual(check('stage[stage>1, users=10]'), []);
  assert.deepEqual(check('iteration.start[ok=true]'), [['unknown-attribute', 16, 18, undefined]]);
  assert.deepEqual(check('iteration.start[task=buyy]'), [['unknown-name', 21, 25, 'buy']]);
  assert.deepEqual(check('iteration.start[user="shoper"]'), [['unknown-name', 21, 29, '"shopper"']]);
  assert.deepEqual(check('stage[user=1]'), [['unknown-attribute', 6, 10, 'users']]);
});

test('ranges stay exact inside quoted YAML strings with escapes', () => {
  const text =
    HEAD +
    'users: [{ tasks: [{ name: submit job, post: /jobs }] }]\ntrackers:\n' +
    `  - metric: a\n    start: "request[name=\\"submit jb\\"]"\n    end: 'request[name=''its'']'\n`;
  const a = analyzeScenario(text);
  const [first, second] = a.diagnostics;
  assert.equal(first.code, 'unknown-request');
  // `\"submit jb\"` written with escapes: the range covers exactly the escaped value in the source.
  assert.deepEqual(span(first), [6, 25, 6, 38]);
  assert.equal(text.split('\n')[6].slice(25, 38), '\\"submit jb\\"');
  assert.equal(second.code, 'unknown-request');
  assert.deepEqual(span(second), [7, 23, 7, 30]);
  assert.equal(text.split('\n')[7].slice(23, 30), "''its''");
});
