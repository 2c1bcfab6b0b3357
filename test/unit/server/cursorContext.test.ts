import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cursorContext } from '../../../server/service/cursorContext';
import { analyzeScenarioDetailed } from '../../../scenario/index';
import { caret } from './caret';

function mapPathAt(source: string) {
  const context = contextAt(source);
  return context?.kind === 'key' ? context.mapPath : undefined;
}

function contextAt(source: string) {
  const { document, offset } = caret(source);
  return cursorContext(
    { text: document, yaml: analyzeScenarioDetailed(document.getText()).parsed.doc },
    offset,
  );
}

test('the key path is rebuilt from indentation, with item indexes, even without a colon', () => {
  assert.deepEqual(contextAt('users:\n  - name: a\n    th|\n'), {
    kind: 'key',
    mapPath: ['users', 0],
    prefix: 'th',
    start: 23,
    end: 25,
  });
  const nested =
    'users:\n  - name: a\n  - name: b\n    tasks:\n      - get: /x\n      - name: t\n        steps:\n          - get: /a\n          - |\n';
  assert.deepEqual(mapPathAt(nested), ['users', 1, 'tasks', 1, 'steps', 1]);
});

test('blank lines and comments between keys do not break the path', () => {
  const source = 'load:\n  users: 3\n\n  # how long\n  |\n';
  assert.deepEqual(mapPathAt(source), ['load']);
});

test('a value after `key: ` reports the key path and the typed prefix', () => {
  const context = contextAt('users:\n  - name: a\n    think: betw|een\n');
  assert.deepEqual(context, {
    kind: 'value',
    path: ['users', 0, 'think'],
    prefix: 'betw',
    start: 30,
    end: 37,
  });
});

test('inside a flow collection: the key or value being typed there; a scalar item line gives no context', () => {
  assert.deepEqual(contextAt('load: { users: |'), {
    kind: 'value',
    path: ['load', 'users'],
    prefix: '',
    start: 15,
    end: 15,
  });
  assert.deepEqual(contextAt('load: { users: 3, dur|ation }'), {
    kind: 'key',
    mapPath: ['load'],
    prefix: 'dur',
    present: ['users'],
    start: 18,
    end: 26,
  });
  assert.deepEqual(contextAt('x: { a: [1, {b: 2, c: 3|}] }'), {
    kind: 'value',
    path: ['x', 'a', 1, 'c'],
    prefix: '3',
    start: 22,
    end: 23,
  });
  assert.equal(contextAt('- a\n- b |\n'), undefined);
});
