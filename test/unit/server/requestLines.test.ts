// Where each request is, from the language's one analysis: what the client's inline figures read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service } from './serviceSetup';

const SOURCE = `name: Shop
load: { users: 1, duration: 5s }
users:
  - name: shopper
    tasks:
      - name: browse
        get: /products
      - steps:
          - post: /cart
            json: { sku: A1 }
          - name: show cart
            get: /cart/{{ sku }}
    loops:
      - every: 1s
        get: /health
`;

test('every request with its stats name, method and the line of its method key', () => {
  const doc = TextDocument.create('file:///w/shop.load.yaml', 'stampede', 1, SOURCE);
  assert.deepEqual(service.requestLines(doc), [
    { name: 'browse', method: 'GET', line: 6 },
    { name: '/cart', method: 'POST', line: 8 },
    { name: 'show cart', method: 'GET', line: 11 },
    { name: '/health', method: 'GET', line: 14 },
  ]);
});

test('after an edit the lines follow the requests, and a removed request is gone', () => {
  const edited = SOURCE.replace('      - name: browse\n        get: /products\n', '').replace(
    'users:\n',
    '# a comment\nusers:\n',
  );
  const doc = TextDocument.create('file:///w/shop.load.yaml', 'stampede', 2, edited);
  assert.deepEqual(service.requestLines(doc), [
    { name: '/cart', method: 'POST', line: 7 },
    { name: 'show cart', method: 'GET', line: 10 },
    { name: '/health', method: 'GET', line: 13 },
  ]);
});
