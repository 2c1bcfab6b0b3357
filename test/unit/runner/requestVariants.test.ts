// Requests whose holes read only variables are prebuilt, one per combination of values: the bytes on
// the wire must be exactly what rendering per request would send, and a capture that replaces a
// variable must still win.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRequest } from '../../../engine/runner/requestPlan';
import { variantFor } from '../../../engine/runner/requestVariants';
import { Scope } from '../../../engine/runner/scope';
import { parseOrigin } from '../../../engine/http/index';
import { httpServer } from '../http/servers';
import { FakeStats, generator, FakeTrackers, req, scenario, t, task, user } from './helpers';

test('every combination of list values is prebuilt and equals the per-request rendering', () => {
  const step = req('/items/{{ kind }}', {
    headers: { 'X-Client': t('{{ client }}-{{ region }}') },
    query: { page: t('{{ region }}') },
    body: { type: 'json', value: { n: t('{{ count }}'), kind: t('{{ kind }}') } },
    method: 'POST',
  });
  const s = scenario('http://127.0.0.1:1', [user('u', [task('a', [step])])], {
    variables: { kind: ['book', 'pen', 'ink'], client: 'web', region: ['eu', 'us'], count: [3, 7] },
  });
  const plan = compileRequest(
    step,
    s,
    parseOrigin('http://127.0.0.1:1'),
    new FakeStats(),
    new FakeTrackers(false),
  );
  const shape = plan.bytes;
  assert.ok(shape.kind === 'variants', 'prebuilt');
  assert.equal(shape.variants.variants.length, 3 * 1 * 2 * 2);
  const seen = new Set<string>();
  const scope = new Scope(s.variables);
  for (let i = 0; i < 400; i++) {
    scope.newIteration();
    const v = variantFor(shape.variants, scope);
    assert.ok(v);
    const text = v.bytes.toString('utf8');
    assert.equal(text, shape.render(scope).text);
    seen.add(text);
  }
  assert.equal(seen.size, 12, 'every combination is reached');
  // A number keeps its type in a JSON body: {"n":3}, not {"n":"3"}.
  assert.ok(
    [...seen].some((x) => x.endsWith('{"n":3,"kind":"book"}')),
    [...seen][0],
  );
});

test('a request reading a capture, or with too many forms, is rendered per request', () => {
  const target = parseOrigin('http://127.0.0.1:1');
  const captured = req('/cart/{{ cartId }}');
  const many = req('/user/{{ id }}');
  const s = scenario('http://127.0.0.1:1', [user('u', [task('a', [captured, many])])], {
    variables: { id: Array.from({ length: 300 }, (_, i) => i) },
  });
  const trackers = new FakeTrackers(false);
  assert.equal(compileRequest(captured, s, target, new FakeStats(), trackers).bytes.kind, 'rendered');
  assert.equal(compileRequest(many, s, target, new FakeStats(), trackers).bytes.kind, 'rendered');
});

test('a capture that replaces a variable wins until the next iteration picks again', async () => {
  const seen: string[] = [];
  let n = 0;
  const srv = await httpServer((r, res) => {
    seen.push(`${r.url} ${r.headers['x-who']}`);
    res.setHeader('X-Who', `captured${n++}`);
    res.end('ok');
  });
  const stats = new FakeStats();
  const s = scenario(
    srv.url,
    [
      user('u', [
        task('t', [
          req('/first', { headers: { 'X-Who': t('{{ who }}') } }),
          req('/login', { captures: [{ as: 'who', source: { from: 'header', name: 'x-who' } }] }),
          req('/after', { headers: { 'X-Who': t('{{ who }}') } }),
        ]),
      ]),
    ],
    { variables: { who: ['alice', 'bob'] } },
  );
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 30);
  await g.stop();
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
  const first = seen.filter((l) => l.startsWith('/first '));
  const after = seen.filter((l) => l.startsWith('/after '));
  assert.ok(first.length >= 9 && after.length >= 9);
  for (const l of first) assert.match(l, /^\/first (alice|bob)$/);
  for (const l of after) assert.match(l, /^\/after captured\d+$/);
  // The variable's own values are back on the next iteration's first step.
  assert.ok(new Set(first).size === 2, first.join(','));
  await srv.close();
});
