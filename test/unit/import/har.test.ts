// A HAR that Chromium recorded from the demo target's /app/ page (test/fixtures/import/record-har.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byName, imported, importFixture, requests } from './helpers';

const HAR = importFixture('demo-shop.har');
const RECORDED_ORIGIN = (
  JSON.parse(HAR) as { log: { entries: Array<{ request: { url: string } }> } }
).log.entries[0].request.url.replace(/\/app\/$/, '');

test('the recorded journey: one task in order, assets left out, think times between steps', async () => {
  const { result, scenario } = await imported(HAR, { fileName: 'demo-shop.har' });
  assert.equal(result.kind, 'har');
  assert.equal(scenario.name, 'Stampede demo shop');
  assert.equal(scenario.target, RECORDED_ORIGIN);
  const steps = scenario.users[0].tasks[0].steps;
  assert.deepEqual(
    requests(scenario).map((r) => r.name),
    ['GET /app/', 'GET /products', 'POST /form/login', 'GET /me', 'POST /cart', 'GET /cart/{cart_id}'],
  );
  // The recording paused ~1.2 s before signing in and ~0.8 s before adding to the cart.
  const thinks = steps.flatMap((s, i) =>
    s.kind === 'think' && s.think.kind === 'constant' ? [[i, s.think.ms]] : [],
  );
  assert.equal(thinks.length, 2, JSON.stringify(steps.map((s) => s.kind)));
  assert.ok(
    thinks.every(([, ms]) => ms >= 500),
    JSON.stringify(thinks),
  );
  const afterPause = steps[thinks[0][0] + 1];
  assert.equal(afterPause.kind === 'request' && afterPause.name, 'POST /form/login');
  assert.match(result.yaml, /3 static asset requests \(images, fonts, CSS, scripts; --assets keeps them\)/);
  assert.deepEqual(byName(scenario, 'POST /cart').checks, [{ kind: 'status', oneOf: [201] }]);
});

test('values the journey reused from responses become captures; the typed password a secret', async () => {
  const { result, scenario } = await imported(HAR);
  const login = byName(scenario, 'POST /form/login');
  assert.deepEqual(login.captures, [{ as: 'login_token', source: { from: 'json', path: ['token'] } }]);
  const me = byName(scenario, 'GET /me');
  assert.equal(me.auth?.kind === 'bearer' && me.auth.token.source, '{{ login_token }}');
  assert.deepEqual(byName(scenario, 'POST /cart').captures, [
    { as: 'cart_id', source: { from: 'json', path: ['id'] } },
  ]);
  assert.deepEqual(
    result.secrets.map((s) => s.name),
    ['PASSWORD'],
  );
  assert.ok(!result.yaml.includes('s3cret-demo'));
  assert.ok(!/f-[0-9a-f]{8}-/.test(result.yaml), 'the recorded token is not in the file');
});

test("--assets keeps the page's stylesheet, script and image", async () => {
  const { scenario } = await imported(HAR, { assets: true });
  const names = requests(scenario).map((r) => r.name);
  for (const asset of ['GET /app/app.css', 'GET /app/app.js', 'GET /app/logo.svg'])
    assert.ok(names.includes(asset), names.join(', '));
});
