// Good scenarios compile to the expected model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario, eventNames, requestNames } from '../../../scenario/index';
import type { RequestStep } from '../../../scenario/index';
import { clean, fixture, HEAD, yaml } from './helpers';

test('the shop example compiles to the expected model', () => {
  const s = clean(fixture('shop.load.yaml'));
  assert.equal(s.name, 'Shop checkout');
  assert.equal(s.target, 'http://127.0.0.1:8080');
  assert.deepEqual(s.load, { model: 'closed', stages: [{ durationMs: 120_000, users: 100, spawnRate: 20 }] });
  assert.equal(s.workers, 2);
  assert.deepEqual(s.defaults, {
    headers: { Accept: { source: 'application/json', parts: ['application/json'] } },
    timeoutMs: 10_000,
    cookies: true,
    insecure: false,
  });
  assert.deepEqual(s.variables, { sku: ['A1', 'B2', 'C3'] });
  const [shopper, watcher] = s.users;
  assert.equal(shopper.name, 'shopper');
  assert.equal(shopper.weight, 3);
  assert.deepEqual(shopper.think, { kind: 'between', minMs: 1000, maxMs: 3000 });
  assert.deepEqual(
    shopper.tasks.map((t) => [t.name, t.weight, t.steps.length]),
    [
      ['browse', 5, 1],
      ['buy', 1, 2],
    ],
  );
  const [add, show] = shopper.tasks[1].steps as RequestStep[];
  assert.deepEqual(add.body, {
    type: 'json',
    value: { sku: { source: '{{ sku }}', parts: [{ ref: 'sku' }] }, quantity: 1 },
  });
  assert.deepEqual(add.captures, [{ as: 'cartId', source: { from: 'json', path: ['id'] } }]);
  assert.deepEqual(show.url, { source: '/cart/{{ cartId }}', parts: ['/cart/', { ref: 'cartId' }] });
  assert.deepEqual(show.checks, [{ kind: 'status', oneOf: [200] }]);
  assert.deepEqual(
    watcher.loops.map((l) => [l.everyMs, (l.steps[0] as RequestStep).name]),
    [
      [5000, '/health'],
      [1000, '/metrics'],
    ],
  );
  assert.deepEqual(watcher.think, { kind: 'none' });
  assert.equal(s.trackers[0].metric, 'cart latency');
  assert.deepEqual(s.trackers[0].end.conditions, [
    { attr: 'name', op: '=', value: 'show cart' },
    { attr: 'json.state', op: '=', value: 'done' },
  ]);
  assert.deepEqual(
    s.thresholds.map((t) => [t.metric, t.op, t.value, t.unit, t.entry]),
    [
      ['p95', '<', 300, 'ms', undefined],
      ['failures', '<', 1, '%', undefined],
      ['p99', '<', 500, 'ms', 'browse'],
    ],
  );
  assert.deepEqual(s.output, { json: 'results/{name}-{time}.json', csv: 'results/{name}-{time}' });
  assert.deepEqual(requestNames(s), ['browse', 'add to cart', 'show cart', '/health', '/metrics']);
});

test('defaults: spawnRate = users (all within 1 s), timeout 10s, workers auto, no think, weight 1', () => {
  const s = clean(HEAD + 'users:\n  - tasks:\n      - get: /\n');
  assert.deepEqual(s.load, { model: 'closed', stages: [{ durationMs: 1000, users: 1, spawnRate: 1 }] });
  assert.equal(s.defaults.timeoutMs, 10_000);
  assert.equal(s.defaults.cookies, true, 'each user keeps its cookies unless told not to');
  assert.equal(s.workers, 'auto');
  assert.deepEqual(s.users[0], {
    name: 'user 1',
    weight: 1,
    think: { kind: 'none' },
    tasks: [
      {
        name: '/',
        weight: 1,
        steps: [
          {
            kind: 'request',
            name: '/',
            method: 'GET',
            url: { source: '/', parts: ['/'] },
            headers: {},
            query: {},
            captures: [],
            checks: [],
          },
        ],
      },
    ],
    loops: [],
    start: [],
    stop: [],
  });
});

test('closed stages take spawnRate from the stage, from load, or the whole change within 1 s', () => {
  const s = clean(yaml`
    target: http://127.0.0.1:1
    load:
      stages:
        - { duration: 30s, users: 20 }
        - { duration: 1m30s, users: 100, spawnRate: 5 }
        - { duration: 10s, users: 40 }
    users: [{ tasks: [{ get: /x }] }]
  `);
  assert.deepEqual(s.load, {
    model: 'closed',
    stages: [
      { durationMs: 30_000, users: 20, spawnRate: 20 },
      { durationMs: 90_000, users: 100, spawnRate: 5 },
      { durationMs: 10_000, users: 40, spawnRate: 60 },
    ],
  });
  const withDefault = clean(yaml`
    target: http://127.0.0.1:1
    load: { spawnRate: 3, stages: [{ duration: 1s, users: 9 }] }
    users: [{ tasks: [{ get: /x }] }]
  `);
  assert.deepEqual(withDefault.load, {
    model: 'closed',
    stages: [{ durationMs: 1000, users: 9, spawnRate: 3 }],
  });
});

test('the open model: arrivalRate with maxUsers, or stages of arrival rates (default maxUsers)', () => {
  const one = clean(
    'target: http://h:1\nload: { arrivalRate: 50, duration: 1m, maxUsers: 500 }\nusers: [{ tasks: [{ get: /x }] }]\n',
  );
  assert.deepEqual(one.load, {
    model: 'open',
    stages: [{ durationMs: 60_000, arrivalRate: 50 }],
    maxUsers: 500,
  });
  const staged = clean(yaml`
    target: http://h:1
    load:
      stages:
        - { duration: 10s, arrivalRate: 5 }
        - { duration: 10s, arrivalRate: 20 }
    users: [{ tasks: [{ get: /x }] }]
  `);
  assert.deepEqual(staged.load, {
    model: 'open',
    stages: [
      { durationMs: 10_000, arrivalRate: 5 },
      { durationMs: 10_000, arrivalRate: 20 },
    ],
    maxUsers: 200,
  });
  // At high rates the default stops at 10,000 users (10 x 50,000 would be 500,000 connections).
  const fast = clean(
    'target: http://h:1\nload: { arrivalRate: 50000, duration: 1m }\nusers: [{ tasks: [{ get: /x }] }]\n',
  );
  assert.equal(fast.load.model === 'open' && fast.load.maxUsers, 10_000);
});

test('requests: methods, headers, query, text body, captures, checks, timeout and repeat', () => {
  const s = clean(
    HEAD +
      yaml`
      variables: { token: abc, n: 3 }
      users:
        - name: poller
          think: pacing(5s)
          tasks:
            - name: job
              steps:
                - name: submit job
                  post: http://127.0.0.1:9/jobs?x=1
                  headers: { Authorization: "Bearer {{ token }}", X-Count: 2 }
                  query: { n: "{{ n }}" }
                  body: "hello"
                  timeout: 2s
                  capture:
                    id: json.items.0.id
                    where: header.Location
                    code: regex(id=(\d+))
                    st: status
                - name: job status
                  get: /jobs/{{ id }}
                  repeat: { until: { json.state: done }, every: 50ms, max: 100 }
                  check:
                    status: [200, 201]
                    header.content-type: ~json
                    json.count: 3
                    body: done
                - delete: /jobs/{{ id }}
                - emit: job.finished
                  attributes: { id: "{{ id }}" }
    `,
  );
  const [submit, status, del, emit] = s.users[0].tasks[0].steps;
  assert.deepEqual(s.users[0].think, { kind: 'pacing', ms: 5000 });
  assert.ok(
    submit.kind === 'request' && status.kind === 'request' && del.kind === 'request' && emit.kind === 'emit',
  );
  assert.equal(submit.method, 'POST');
  assert.equal(submit.url.source, 'http://127.0.0.1:9/jobs?x=1');
  assert.deepEqual(submit.headers.Authorization.parts, ['Bearer ', { ref: 'token' }]);
  assert.deepEqual(submit.headers['X-Count'], { source: '2', parts: ['2'] });
  assert.deepEqual(submit.query, { n: { source: '{{ n }}', parts: [{ ref: 'n' }] } });
  assert.deepEqual(submit.body, { type: 'text', value: { source: 'hello', parts: ['hello'] } });
  assert.equal(submit.timeoutMs, 2000);
  assert.deepEqual(submit.captures, [
    { as: 'id', source: { from: 'json', path: ['items', 0, 'id'] } },
    { as: 'where', source: { from: 'header', name: 'location' } },
    { as: 'code', source: { from: 'regex', pattern: 'id=(\\d+)', flags: '' } },
    { as: 'st', source: { from: 'status' } },
  ]);
  assert.deepEqual(status.repeat, {
    until: [{ kind: 'json', path: ['state'], equals: 'done' }],
    everyMs: 50,
    max: 100,
  });
  assert.deepEqual(status.checks, [
    { kind: 'status', oneOf: [200, 201] },
    { kind: 'header', name: 'content-type', match: 'json' },
    { kind: 'json', path: ['count'], equals: 3 },
    { kind: 'body', contains: 'done' },
  ]);
  assert.equal(del.method, 'DELETE');
  assert.equal(del.name, '/jobs/{{ id }}');
  assert.equal(emit.event, 'job.finished');
  assert.deepEqual(emit.attributes.id.parts, [{ ref: 'id' }]);
  assert.deepEqual(eventNames(s), ['job.finished']);
});

test('repeat defaults: every 1s, max 10', () => {
  const s = clean(HEAD + 'users: [{ tasks: [{ get: /x, repeat: { until: { status: 200 } } }] }]\n');
  const step = s.users[0].tasks[0].steps[0];
  assert.ok(step.kind === 'request');
  assert.deepEqual(step.repeat, { until: [{ kind: 'status', oneOf: [200] }], everyMs: 1000, max: 10 });
});

test('loops with steps keep captures within the loop', () => {
  const s = clean(
    HEAD +
      yaml`
      users:
        - loops:
            - every: 2s
              steps:
                - { post: /login, capture: { t: json.token } }
                - { get: "/me?t={{ t }}" }
    `,
  );
  assert.equal(s.users[0].loops[0].everyMs, 2000);
  assert.equal(s.users[0].loops[0].steps.length, 2);
});

test('a file with only warnings still yields a scenario', () => {
  const a = analyzeScenario(
    HEAD +
      'variables: { id: 1 }\nusers:\n  - tasks:\n      - steps:\n          - { get: /a, capture: { id: json.id } }\n          - get: /b/{{ id }}\n',
  );
  assert.deepEqual(
    a.diagnostics.map((d) => [d.severity, d.code]),
    [['warning', 'shadows-variable']],
  );
  assert.ok(a.scenario);
});

test('requestNames and eventNames work on text with errors too (for the editor)', () => {
  const text =
    HEAD +
    'users:\n  - thnik: 1s\n    tasks:\n      - { name: a, get: /a }\n      - steps: [{ emit: ev }, { post: /b }]\n';
  assert.equal(analyzeScenario(text).scenario, undefined);
  assert.deepEqual(requestNames(text), ['a', '/b']);
  assert.deepEqual(eventNames(text), ['ev']);
});

test('defaults.cookies: false turns the cookie jar off; anything but a boolean is an error on the value', () => {
  assert.equal(
    clean(HEAD + 'defaults: { cookies: false }\nusers:\n  - tasks:\n      - get: /\n').defaults.cookies,
    false,
  );
  const a = analyzeScenario(HEAD + 'defaults: { cookies: sometimes }\nusers:\n  - tasks:\n      - get: /\n');
  assert.equal(a.scenario, undefined);
  const error = a.diagnostics.find((d) => d.severity === 'error')!;
  assert.match(error.message, /`defaults.cookies` must be `true`\/`false`/);
  assert.equal(error.range.start.line, 3);
});

test('defaults.insecure: true lets HTTPS accept any certificate; off unless said', () => {
  const body = 'users:\n  - tasks:\n      - get: /\n';
  assert.equal(clean(HEAD + body).defaults.insecure, false);
  assert.equal(clean(HEAD + 'defaults: { insecure: true }\n' + body).defaults.insecure, true);
});

test('thresholds may name a tracker: its metrics only; an unknown name suggests requests and trackers', () => {
  const base =
    HEAD +
    'users:\n  - tasks:\n      - name: submit\n        post: /jobs\n      - name: poll\n        get: /jobs/1\n' +
    'trackers:\n  - metric: job latency\n    start: request[name="submit"]\n    end: request[name="poll"]\n';
  const s = clean(base + 'thresholds:\n  - p95[job latency] < 2s\n  - p95[submit] < 300ms\n');
  assert.deepEqual(
    s.thresholds.map((t) => [t.entry, t.tracker === true]),
    [
      ['job latency', true],
      ['submit', false],
    ],
  );
  const wrongMetric = analyzeScenario(base + 'thresholds:\n  - p66[job latency] < 2s\n');
  assert.match(
    wrongMetric.diagnostics[0].message,
    /`job latency` is a tracker: its thresholds can use `p50`, `p90`/,
  );
  const typo = analyzeScenario(base + 'thresholds:\n  - p95[job latncy] < 2s\n');
  assert.match(
    typo.diagnostics[0].message,
    /no request or tracker is named `job latncy`; did you mean `job latency`/,
  );
});
