// curl command lines, as Chromium's "Copy as cURL (bash)" writes them and as READMEs show them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importScenario, ImportError } from '../../../engine/import/index';
import { byName, imported, importFixture, requests, src } from './helpers';

test("Chromium's Copy as cURL lines: one sequence, browser-only headers out, credentials to secrets", async () => {
  const text = importFixture('chromium-copy-as-curl.sh');
  const { result, scenario } = await imported(text, { fileName: 'chromium-copy-as-curl.sh' });
  assert.equal(result.kind, 'curl');
  assert.equal(scenario.target, 'http://127.0.0.1:8080');
  assert.deepEqual(
    requests(scenario).map((r) => `${r.method} ${r.url.source}`),
    ['GET /products', 'POST /form/login', 'POST /cart'],
  );
  // Sent by every request with the same value: defaults. Browser-only and engine-set headers: gone.
  assert.deepEqual(Object.keys(scenario.defaults.headers).sort(), [
    'Accept-Language',
    'Referer',
    'User-Agent',
  ]);
  for (const r of requests(scenario))
    for (const h of Object.keys(r.headers)) assert.doesNotMatch(h, /^(sec-|connection$|content-type$)/i);
  const login = byName(scenario, 'POST /form/login');
  assert.equal(login.body?.type, 'form');
  const fields =
    login.body?.type === 'form' ? Object.fromEntries(login.body.fields.map(([k, t]) => [k, t.source])) : {};
  assert.deepEqual(fields, { user: 'demo-user', password: '{{ env.PASSWORD }}' });
  assert.equal(src(login.headers.Cookie), '{{ env.COOKIE }}');
  const cart = byName(scenario, 'POST /cart');
  assert.deepEqual(cart.auth?.kind === 'bearer' && cart.auth.token.source, '{{ env.API_TOKEN }}');
  assert.equal(cart.body?.type, 'json');
  assert.deepEqual(
    result.secrets.map((s) => s.name),
    ['COOKIE', 'PASSWORD', 'API_TOKEN'],
  );
  // Never copied into the file.
  for (const secret of ['curl-s3cret', 'sess-8f14e45fceea167a5a36dedd4bea2543', 'eyJhbGciOiJIUzI1NiJ9'])
    assert.ok(!result.yaml.includes(secret), `${secret} is in the scenario`);
  assert.match(
    result.yaml,
    /# +- COOKIE # the Cookie header of POST \/form\/login|- COOKIE # the Cookie header of POST \/form\/login/,
  );
});

test('curl flags: -u, -G, -F, -X, -k, $VAR and flags with no equivalent (kept as comments, values of credential flags masked)', async () => {
  const text = [
    `curl -u admin:hunter2 -G -d page=2 -d q=shoes https://shop.example.test/search`,
    `curl -XPUT "https://shop.example.test/items/7" -H "X-Trace: $TRACE_ID" -k --proxy-user bob:pw123 --retry 3 -sS`,
    `curl -F title=holiday -F avatar=@me.png https://shop.example.test/upload`,
  ].join('\n');
  const { result, scenario } = await imported(text);
  const [search, put, upload] = requests(scenario);
  assert.equal(search.method, 'GET');
  assert.equal(search.url.source, '/search?page=2&q=shoes');
  assert.deepEqual(search.auth?.kind === 'basic' && [search.auth.user.source, search.auth.password.source], [
    'admin',
    '{{ env.PASSWORD }}',
  ]);
  assert.equal(put.method, 'PUT');
  assert.equal(src(put.headers['X-Trace']), '{{ env.TRACE_ID }}');
  assert.equal(scenario.defaults.insecure, true);
  assert.equal(upload.body?.type, 'multipart');
  assert.ok(!result.yaml.includes('hunter2') && !result.yaml.includes('pw123'));
  assert.match(result.yaml, /# TODO curl: --proxy-user \*\*\* has no equivalent/);
  assert.match(result.yaml, /# TODO curl: --retry 3 has no equivalent/);
  assert.match(result.yaml, /# TODO curl: -F avatar=@me.png uploads a file/);
  assert.ok(result.notes.some((n) => n.includes('--retry 3')));
  assert.match(result.yaml, /curl -s \(output only\)/);
});

test('bad curl input: a clear error, never a crash', async () => {
  await assert.rejects(
    importScenario('curl -H "A: b"', { from: 'curl' }),
    (e: unknown) => e instanceof ImportError && /no URL/.test(e.message),
  );
  await assert.rejects(importScenario('curl http://x.test/ | grep a', { from: 'curl' }), ImportError);
  await assert.rejects(
    importScenario('wget http://x.test/', { from: 'curl' }),
    (e: unknown) => e instanceof ImportError && /not a curl command/.test(e.message),
  );
  await assert.rejects(
    importScenario('curl http://x.test/ -X', { from: 'curl' }),
    (e: unknown) => e instanceof ImportError && /-X needs a value/.test(e.message),
  );
});
