// .http files (REST Client / httpyac): `###`, `@name = value`, `# @name`, chaining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpFileRequests } from '../../../engine/import/index';
import { byName, imported, importFixture, requests, src } from './helpers';

test('a .http file with chaining becomes one sequence whose captures feed the later requests', async () => {
  const { result, scenario } = await imported(importFixture('demo-shop.http'), {
    fileName: 'demo-shop.http',
  });
  assert.equal(result.kind, 'http');
  assert.equal(scenario.target, 'http://127.0.0.1:8080');
  assert.equal(scenario.users[0].tasks.length, 1);
  assert.deepEqual(
    requests(scenario).map((r) => r.name),
    ['List products', 'login', 'me', 'cart', 'GET /cart/{cart_id}'],
  );
  const login = byName(scenario, 'login');
  assert.deepEqual(login.captures, [{ as: 'login_token', source: { from: 'json', path: ['token'] } }]);
  const me = byName(scenario, 'me');
  assert.equal(me.auth?.kind === 'bearer' && me.auth.token.source, '{{ login_token }}');
  assert.equal(byName(scenario, 'GET /cart/{cart_id}').url.source, '/cart/{{ cart_id }}?view=full');
  assert.deepEqual(byName(scenario, 'cart').body, {
    type: 'json',
    value: { sku: { source: 'P2', parts: ['P2'] }, quantity: 1 },
  });
  // File variables are filled in; the password is a secret; a setting with no equivalent is a comment.
  assert.equal(src(scenario.defaults.headers.Accept), 'application/json');
  assert.ok(!result.yaml.includes('http-file-s3cret'));
  assert.deepEqual(
    result.secrets.map((s) => s.name),
    ['PASSWORD'],
  );
  assert.match(result.yaml, /# TODO \.http setting @no-log has no equivalent/);
  assert.ok(result.notes.some((n) => n.includes('{{$guid}}')));
});

test("httpFileRequests gives each request's line and name (the editor's CodeLens)", () => {
  const found = httpFileRequests(importFixture('demo-shop.http'));
  assert.deepEqual(
    found.map((r) => [r.line, r.name, r.method]),
    [
      [7, 'List products', 'GET'],
      [12, 'login', 'POST'],
      [20, 'me', 'GET'],
      [27, 'cart', 'POST'],
      [37, undefined, 'GET'],
    ],
  );
});

test('one request of a .http file (the CodeLens) comes with the requests whose responses it reads', async () => {
  const text = importFixture('demo-shop.http');
  const { scenario } = await imported(text, { onlyRequest: 2 });
  assert.deepEqual(
    requests(scenario).map((r) => r.name),
    ['login', 'me'],
  );
  const alone = await imported(text, { onlyRequest: 0 });
  assert.deepEqual(
    requests(alone.scenario).map((r) => r.name),
    ['List products'],
  );
});

test('an undefined {{name}} reads the environment; a request line without a method is a GET', async () => {
  const { scenario, result } = await imported('https://api.example.test/v1/items?key={{apiKey}}\n', {
    from: 'http',
  });
  const [r] = requests(scenario);
  assert.equal(r.method, 'GET');
  assert.equal(r.url.source, '/v1/items?key={{ env.API_KEY }}');
  assert.deepEqual(
    result.secrets.map((s) => s.name),
    ['API_KEY'],
  );
});
