// A Postman collection (v2.1) through its SDK, and the public Petstore OpenAPI 3.0 document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectKind, importScenario, ImportError } from '../../../engine/import/index';
import { byName, imported, importFixture, requests, src } from './helpers';

test('Postman: folders are sequences, variables filled in, auth and api_key to secrets, scripts kept as comments', async () => {
  const { result, scenario } = await imported(importFixture('demo-shop.postman_collection.json'));
  assert.equal(result.kind, 'postman');
  assert.equal(scenario.name, 'Demo shop');
  assert.equal(scenario.target, 'http://127.0.0.1:8080');
  assert.deepEqual(
    scenario.users[0].tasks.map((t) => [t.name, t.steps.length]),
    [
      ['Products', 2],
      ['Form login', 1],
      ['Add to cart', 1],
    ],
  );
  assert.equal(byName(scenario, 'One product').url.source, '/products/P3?api_key={{ env.API_KEY }}');
  const login = byName(scenario, 'Form login');
  assert.deepEqual(login.body?.type === 'form' && login.body.fields.map(([k, t]) => [k, t.source]), [
    ['user', 'demo-user'],
    ['password', '{{ env.PASSWORD }}'],
  ]);
  const cart = byName(scenario, 'Add to cart');
  assert.equal(cart.auth?.kind === 'bearer' && cart.auth.token.source, '{{ env.API_TOKEN }}');
  assert.deepEqual(result.secrets.map((s) => s.name).sort(), ['API_KEY', 'API_TOKEN', 'PASSWORD']);
  assert.ok(!result.yaml.includes('postman-s3cret') && !result.yaml.includes('pk_live_'));
  assert.match(result.yaml, /# TODO Postman test script of "One product"[^\n]*\n\s*#\s+pm\.test\("200"/);
  assert.match(result.yaml, /#\s+pm\.variables\.set\("stamp", Date\.now\(\)\);/);
  assert.equal(src(scenario.defaults.headers.Accept), 'application/json');
});

test('Petstore OpenAPI 3.0: one task per operation, $refs resolved into bodies, path parameters as variables', async () => {
  const { result, scenario } = await imported(importFixture('petstore-openapi-3.0.yaml'), {
    fileName: 'petstore-openapi-3.0.yaml',
  });
  assert.equal(result.kind, 'openapi');
  assert.equal(scenario.users[0].tasks.length, 19);
  assert.equal(scenario.target, undefined, 'the server /api/v3 is relative');
  assert.match(result.yaml, /server \(\/api\/v3\) has no host/);
  const add = byName(scenario, 'addPet');
  assert.equal(add.body?.type, 'json');
  const body = add.body?.type === 'json' ? (add.body.value as Record<string, unknown>) : {};
  assert.deepEqual(Object.keys(body), ['id', 'name', 'category', 'photoUrls', 'tags', 'status']);
  assert.deepEqual((body.category as Record<string, { source: string } | number>).name, {
    source: 'Dogs',
    parts: ['Dogs'],
  });
  assert.equal(add.auth?.kind === 'bearer' && add.auth.token.source, '{{ env.API_TOKEN }}');
  const get = byName(scenario, 'getPetById');
  assert.equal(get.url.source, '/api/v3/pet/{{ petId }}');
  assert.equal(src(get.headers.api_key), '{{ env.API_KEY }}');
  assert.deepEqual(scenario.variables, { petId: 1, orderId: 1, username: 'string' });
  assert.equal(byName(scenario, 'findPetsByStatus').url.source, '/api/v3/pet/findByStatus?status=available');
  assert.equal(scenario.users[0].tasks.find((t) => t.name === 'getInventory')?.steps.length, 1);
  assert.match(result.yaml, /# TODO the body \(application\/octet-stream\) has no JSON or form media type/);
});

test('the kind is guessed from the content', () => {
  assert.equal(detectKind(importFixture('demo-shop.har')), 'har');
  assert.equal(detectKind(importFixture('petstore-openapi-3.0.yaml'), 'petstore.yaml'), 'openapi');
  assert.equal(detectKind(importFixture('demo-shop.postman_collection.json')), 'postman');
  assert.equal(detectKind(importFixture('chromium-copy-as-curl.sh')), 'curl');
  assert.equal(detectKind(importFixture('demo-shop.http')), 'http');
  assert.throws(() => detectKind('hello world'), ImportError);
});

test('broken inputs are clear errors', async () => {
  await assert.rejects(
    importScenario('{"log": {}}', { from: 'har' }),
    (e: unknown) => e instanceof ImportError && /no log.entries/.test(e.message),
  );
  await assert.rejects(importScenario('openapi: 3.0.0\npaths: 7\n', { from: 'openapi' }), ImportError);
  await assert.rejects(
    importScenario('{', { from: 'postman' }),
    (e: unknown) => e instanceof ImportError && /not JSON/.test(e.message),
  );
  await assert.rejects(
    importScenario('   ', {}),
    (e: unknown) => e instanceof ImportError && /empty/.test(e.message),
  );
  await assert.rejects(
    importScenario('OPTIONS http://x.test/\n', { from: 'http' }),
    (e: unknown) => e instanceof ImportError && /can be sent/.test(e.message),
  );
  // An unsupported method among others is left out with a note.
  const { result } = await imported('GET http://x.test/a\n###\nOPTIONS http://x.test/b\n', { from: 'http' });
  assert.ok(result.notes.some((n) => /OPTIONS http:\/\/x.test\/b/.test(n)));
  assert.equal(requests((await imported('GET http://x.test/a\n', { from: 'http' })).scenario).length, 1);
});
