import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-protocol';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { caret } from './caret';
import { completionAt, labelsAt, newTextOf, service } from './serviceSetup';
import { SHOP_REQUEST_NAMES, SHOP_SOURCE as SHOP } from '../../fixtures/server/shopSource';

test('top-level keys come from the schema, with documentation and a snippet `key: `', () => {
  const items = completionAt('|');
  assert.deepEqual(
    items.map((i) => i.label),
    [
      'name',
      'target',
      'load',
      'workers',
      'sourceAddresses',
      'defaults',
      'variables',
      'env',
      'secrets',
      'data',
      'users',
      'events',
      'trackers',
      'thresholds',
      'output',
    ],
  );
  const load = items.find((i) => i.label === 'load')!;
  assert.equal(newTextOf(load), 'load: $0');
  assert.equal(load.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal((load.documentation as MarkupContent).kind, MarkupKind.Markdown);
  assert.match((load.documentation as MarkupContent).value, /How much load/);
});

test('keys already present are not offered again, the one being typed is', () => {
  const labels = labelsAt('name: x\nlo|ad:\n  users: 3\n');
  assert.ok(!labels.includes('name'));
  assert.ok(labels.includes('load'), 'the key under the cursor may be re-completed');
  assert.ok(!labelsAt('name: x\nload:\n  users: 3\nlo|\n').includes('load'));
  assert.deepEqual(labelsAt('load:\n  users: 3\n  |\n'), [
    'spawnRate',
    'duration',
    'gracefulStop',
    'arrivalRate',
    'maxUsers',
    'stages',
  ]);
});

test('a key being typed is replaced whole, from its start to the end of the word', () => {
  const { document, position } = caret('users:\n  - name: a\n    th|nk\n');
  const think = service.completion(document, position).items.find((i) => i.label === 'think')!;
  assert.ok(think.textEdit && 'range' in think.textEdit);
  assert.deepEqual(think.textEdit.range, {
    start: { line: 2, character: 4 },
    end: { line: 2, character: 8 },
  });
});

const USER_KIND_KEYS = ['weight', 'think', 'tasks', 'loops', 'start', 'stop'];

test('inside a user kind: its keys; inside a task item: HTTP methods as request keys', () => {
  assert.deepEqual(labelsAt('users:\n  - name: a\n    |\n'), USER_KIND_KEYS);
  const task = completionAt('users:\n  - name: a\n    tasks:\n      - |\n');
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head']) {
    const item = task.find((i) => i.label === method);
    assert.ok(item, method);
    assert.equal(item.detail, `HTTP ${method.toUpperCase()} request`);
  }
  assert.ok(task.some((i) => i.label === 'steps'));
  const step = labelsAt('users:\n  - tasks:\n      - steps:\n          - get: /a\n          - |\n');
  assert.ok(step.includes('emit') && step.includes('capture') && !step.includes('weight'));
});

test('compact sequences (dashes at the key column) resolve to the same keys', () => {
  assert.deepEqual(labelsAt('users:\n- name: a\n  |\n'), USER_KIND_KEYS);
});

test('enum and const values, examples and think forms for values', () => {
  assert.deepEqual(labelsAt('workers: |\n'), ['auto', '2']);
  const think = completionAt('users:\n  - name: a\n    think: |\n');
  const between = think.find((i) => i.label === 'between(1s, 3s)')!;
  assert.equal(newTextOf(between), 'between(${1:1s}, ${2:3s})');
  assert.equal(between.insertTextFormat, InsertTextFormat.Snippet);
  assert.ok(think.some((i) => i.label === 'pacing(5s)'));
  assert.ok(labelsAt('load:\n  duration: |\n').includes('250ms'));
});

test('inside {{ }}: variables and only the captures of earlier steps', () => {
  // The names only (the functions and `env.` are offered too: see the next test).
  const labelsAt = (source: string) =>
    completionAt(source)
      .filter((i) => i.kind === CompletionItemKind.Variable)
      .map((i) => i.label);
  const atShowCart = labelsAt(SHOP.replace('/cart/{{ cartId }}', '/cart/{{ |'));
  assert.deepEqual(atShowCart.sort(), ['cartId', 'region', 'sku']);
  const atFirstStep = labelsAt(SHOP.replace('"{{ sku }}"', '"{{ s|'));
  assert.deepEqual(atFirstStep.sort(), ['region', 'sku'], 'a step does not see its own capture');
  const otherTask = labelsAt(SHOP.replace('get: /products', 'get: /products/{{ |'));
  assert.deepEqual(otherTask.sort(), ['region', 'sku'], 'captures do not leak into other tasks');
});

test('inside {{ }}: every template function as a snippet, and env.; in an argument no functions', () => {
  const items = completionAt(SHOP.replace('/cart/{{ cartId }}', '/cart/{{ |'));
  const functions = items.filter((i) => i.kind === CompletionItemKind.Function);
  assert.deepEqual(
    functions.map((i) => i.label),
    ['uuid', 'randomInt', 'randomString', 'now', 'timestamp', 'base64', 'urlencode', 'sha256', 'pick'],
  );
  const randomInt = functions.find((i) => i.label === 'randomInt')!;
  assert.equal(newTextOf(randomInt), 'randomInt(${1:min}, ${2:max})');
  assert.equal(randomInt.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(randomInt.detail, 'randomInt(min, max)');
  assert.match((randomInt.documentation as MarkupContent).value, /from min to max/);
  assert.ok(items.some((i) => i.label === 'env.'));
  const inArgument = completionAt(SHOP.replace('/cart/{{ cartId }}', '/cart/{{ base64(|'));
  assert.ok(inArgument.some((i) => i.label === 'cartId'));
  assert.ok(!inArgument.some((i) => i.kind === CompletionItemKind.Function));
});

test('a template completion replaces the partial name only', () => {
  const source = 'variables:\n  region: eu\ntarget: http://x/{{ reg|\n';
  const item = completionAt(source).find((i) => i.label === 'region')!;
  assert.ok(item.textEdit && 'range' in item.textEdit);
  assert.deepEqual(item.textEdit.range, {
    start: { line: 2, character: 20 },
    end: { line: 2, character: 23 },
  });
});

test('tracker filters: event types, attributes, request names, selectors', () => {
  const withoutTrackers = SHOP.slice(0, SHOP.indexOf('trackers:'));
  const doc = (filter: string) => `${withoutTrackers}trackers:\n  - metric: m\n    start: ${filter}\n`;
  // `event` (from outside the run) can only end a tracker.
  assert.deepEqual(labelsAt(doc('|')), [
    'request',
    'iteration.start',
    'iteration.end',
    'stage',
    'order.placed',
  ]);
  const endDoc = `${withoutTrackers}trackers:\n  - metric: m\n    start: request\n    end: |\n`;
  assert.deepEqual(labelsAt(endDoc), [
    'request',
    'iteration.start',
    'iteration.end',
    'event',
    'stage',
    'order.placed',
  ]);
  assert.ok(labelsAt(doc('request[|')).includes('status'));
  assert.deepEqual(labelsAt(doc('request[name="|')), SHOP_REQUEST_NAMES);
  assert.deepEqual(labelsAt(doc('request[status=200, name="sh|')), SHOP_REQUEST_NAMES);
  const unquoted = completionAt(doc('request[name=|')).find((i) => i.label === 'add to cart')!;
  assert.equal(newTextOf(unquoted), '"add to cart"', 'a name with spaces gets quotes when none were typed');
  assert.deepEqual(labelsAt(doc('request[name="x"]:|')), ['first', 'last', 'nth(n)']);
});

test('tracker filters: every built-in event gets its attributes and fixed values (iteration.end[ too)', () => {
  const withoutTrackers = SHOP.slice(0, SHOP.indexOf('trackers:'));
  const doc = (filter: string) => `${withoutTrackers}trackers:\n  - metric: m\n    end: ${filter}\n`;
  assert.deepEqual(labelsAt(doc('iteration.end[|')), ['user', 'task', 'ok']);
  assert.deepEqual(labelsAt(doc('iteration.start[|')), ['user', 'task']);
  assert.deepEqual(labelsAt(doc('stage[|')), ['stage', 'users']);
  assert.deepEqual(labelsAt(doc('iteration.end[ok=|')), ['true', 'false']);
  const ok = completionAt(doc('iteration.end[|')).find((i) => i.label === 'ok')!;
  assert.match(JSON.stringify(ok.documentation), /every step of the iteration passed/);
});

test('inside a flow mapping after a block key: its keys (minus those written), values, nested maps', () => {
  const keys = labelsAt('load: { users: 3, |');
  assert.ok(keys.includes('duration') && keys.includes('spawnRate'), keys.join());
  assert.ok(!keys.includes('users'), 'a key already written in the unclosed mapping is not offered');
  const duration = completionAt('load: { users: 3, du| }').find((i) => i.label === 'duration')!;
  assert.equal(newTextOf(duration), 'duration: $0');
  assert.deepEqual(duration.textEdit && 'range' in duration.textEdit ? duration.textEdit.range : undefined, {
    start: { line: 0, character: 18 },
    end: { line: 0, character: 20 },
  });
  assert.ok(labelsAt('load: { users: 3, duration: |').includes('10s'));
  const nested = labelsAt('defaults: { headers: { Accept: json }, ti|');
  assert.ok(nested.includes('timeout') && !nested.includes('headers'), nested.join());
  const task = 'users:\n  - name: u\n    tasks:\n      - get: /\n        check: { st|';
  assert.ok(labelsAt(task).includes('status'));
});

test('a list item written as one flow mapping: `- { duration: 5s, us|` in stages, a task', () => {
  assert.deepEqual(labelsAt('load:\n  stages:\n    - { duration: 5s, us|'), [
    'users',
    'spawnRate',
    'arrivalRate',
  ]);
  const second = labelsAt('load:\n  stages:\n    - { duration: 5s, users: 10 }\n    - { |');
  assert.ok(second.includes('duration') && second.includes('users'), 'a new item starts with every key');
  assert.ok(labelsAt('load:\n  stages:\n    - { duration: |').includes('30s'));
  assert.ok(labelsAt('users:\n  - name: u\n    tasks:\n      - { get: /, ch|').includes('check'));
  assert.deepEqual(labelsAt('thresholds:\n  - { |'), [], 'a list of strings has no keys to offer inside { }');
});

test('no completion where the text is not YAML we understand', () => {
  assert.deepEqual(labelsAt('name: "abc|'), []);
  assert.deepEqual(labelsAt('load: { users: "3, |'), [], 'inside a quoted string');
  assert.deepEqual(labelsAt('load: { users: 3 } |'), [], 'after the mapping closed');
  assert.deepEqual(labelsAt('load: { { a: 1 }: |'), [], 'a collection as a key');
});

test("inside a threshold's brackets: every request and every tracker, the typed part replaced", () => {
  const base =
    'users:\n  - tasks:\n      - name: submit\n        post: /jobs\n      - get: /health\n' +
    'trackers:\n  - metric: job latency\n    start: request[name="submit"]\n    end: request[name="submit"]\n';
  assert.deepEqual(labelsAt(`${base}thresholds:\n  - p95 < 1s\n  - p95[|`), [
    'submit',
    '/health',
    'job latency',
  ]);
  const item = completionAt(`${base}thresholds:\n  - p95[su|b] < 1s`).find((i) => i.label === 'submit')!;
  assert.equal(newTextOf(item), 'submit');
  assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range.start : undefined, {
    line: 10,
    character: 8,
  });
  assert.deepEqual(labelsAt(`${base}other:\n  - p95[|`), [], 'only in the thresholds list');
});

test('inside {{ }}: env.NAME for the names under env: and secrets:', () => {
  const source =
    'env: { BASE: /api }\nsecrets: [TOKEN]\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /a\n        headers: { X: "{{ |" }\n';
  const labels = labelsAt(source);
  assert.ok(labels.includes('env.BASE') && labels.includes('env.TOKEN'), labels.join());
});
