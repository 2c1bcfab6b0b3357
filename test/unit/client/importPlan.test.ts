// Where the editor's import commands put a new scenario, and where the .http CodeLenses sit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpLenses, scenarioPathBeside } from '../../../client/importPlan';

test('a new scenario goes beside its source, under a name that is free', () => {
  const none = (): boolean => false;
  assert.equal(scenarioPathBeside('/w/api/shop.har', none), '/w/api/shop.load.yaml');
  assert.equal(scenarioPathBeside('/w/api/Shop.postman_collection.json', none), '/w/api/Shop.load.yaml');
  const taken = new Set(['/w/api/shop.load.yaml', '/w/api/shop-2.load.yaml']);
  assert.equal(
    scenarioPathBeside('/w/api/shop.har', (p) => taken.has(p)),
    '/w/api/shop-3.load.yaml',
  );
  assert.equal(
    scenarioPathBeside('/w/api/requests.http', none, 'GET /cart/{{id}}'),
    '/w/api/requests-get-cart-id.load.yaml',
  );
});

test('one CodeLens per request of a .http file, on its request line, with its name', () => {
  const text = [
    '@host = http://127.0.0.1:8080',
    '',
    '### list',
    'GET {{host}}/products',
    '',
    '###',
    '# @name login',
    'POST {{host}}/login',
    'Content-Type: application/json',
    '',
    '{"user": "a"}',
    '',
  ].join('\n');
  assert.deepEqual(httpLenses(text), [
    { line: 3, index: 0, label: 'list' },
    { line: 7, index: 1, label: 'login' },
  ]);
  assert.deepEqual(httpLenses('# just a comment\n'), []);
});
