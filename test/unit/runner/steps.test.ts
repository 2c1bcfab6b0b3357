import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServer } from '../http/servers';
import { FakeStats, generator, FakeTrackers, req, scenario, t, task, user } from './helpers';

test('captures feed later steps; list variables give one value per iteration; json bodies are rendered', async () => {
  const seen: string[] = [];
  let n = 0;
  const srv = await httpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (req.method === 'POST') {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('X-Token', `tok${n}`);
        res.end(JSON.stringify({ id: `cart${n++}`, nested: { qty: 2 } }));
      } else res.end('ok');
    });
  });
  const stats = new FakeStats();
  const add = req('/cart', {
    name: 'add',
    method: 'POST',
    body: { type: 'json', value: { sku: t('{{ sku }}'), n: 1 } },
    captures: [
      { as: 'cartId', source: { from: 'json', path: ['id'] } },
      { as: 'qty', source: { from: 'json', path: ['nested', 'qty'] } },
      { as: 'token', source: { from: 'header', name: 'x-token' } },
    ],
  });
  const show = req('/cart/{{ cartId }}', {
    name: 'show',
    query: { qty: t('{{ qty }}'), t: t('{{ token }}') },
  });
  const s = scenario(srv.url, [user('u', [task('buy', [add, show])])], { variables: { sku: ['A1', 'B2'] } });
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 40);
  await g.stop();
  assert.equal(
    stats.count((r) => !r.ok),
    0,
  );
  for (let i = 0; i + 1 < seen.length; i += 2) {
    const m = /^POST \/cart \{"sku":"(A1|B2)","n":1\}$/.exec(seen[i]);
    assert.ok(m, seen[i]);
    assert.equal(seen[i + 1], `GET /cart/cart${i / 2}?qty=2&t=tok${i / 2} `);
  }
  const skus = new Set(seen.filter((l) => l.startsWith('POST')).map((l) => l.slice(19, 21)));
  assert.deepEqual([...skus].sort(), ['A1', 'B2']);
  await srv.close();
});

test('checks: a failed check is a failure with its reason and ends the iteration', async () => {
  const srv = await httpServer((req, res) => {
    if (req.url === '/bad') res.statusCode = 500;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ state: 'pending' }));
  });
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('u', [
      task('status', [req('/bad', { checks: [{ kind: 'status', oneOf: [200] }] }), req('/never')]),
      task('json', [req('/json', { checks: [{ kind: 'json', path: ['state'], equals: 'done' }] })]),
      task('body', [req('/body', { checks: [{ kind: 'body', contains: 'nope' }] })]),
      task('plain500', [req('/bad', { name: 'plain' })]),
      task('ok', [
        req('/fine', { checks: [{ kind: 'header', name: 'content-type', match: '^application/json' }] }),
      ]),
    ]),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 2, spawnRate: 0 });
  await stats.until(() => new Set(stats.records.map((r) => r.name)).size >= 5 && stats.records.length >= 200);
  await g.stop();
  const errors = new Map(stats.records.filter((r) => !r.ok).map((r) => [r.name, r.error]));
  assert.equal(errors.get('/bad'), 'check status: expected 200, got 500');
  assert.equal(errors.get('/json'), 'check json.state: expected "done", got "pending"');
  assert.equal(errors.get('/body'), 'check body: does not contain "nope"');
  assert.equal(errors.get('plain'), 'HTTP 500');
  assert.equal(
    stats.count((r) => r.name === '/never'),
    0,
    'a failed step ends the iteration',
  );
  assert.ok(stats.count((r) => r.name === '/fine' && r.ok) > 0);
  assert.equal(srv.requests, stats.records.length);
  await srv.close();
});

test('checks with templates compare with the value of this iteration (variables and captures)', async () => {
  let n = 0;
  const srv = await httpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'POST') {
        const sku = (JSON.parse(body) as { sku: string }).sku;
        // Every third cart gets the wrong item back, so the check must fail exactly then.
        res.end(JSON.stringify({ id: `c${n}`, sku: n++ % 3 === 2 ? 'WRONG' : sku }));
      } else res.end(JSON.stringify({ id: req.url?.split('/').pop() }));
    });
  });
  const stats = new FakeStats();
  const add = req('/cart', {
    name: 'add',
    method: 'POST',
    body: { type: 'json', value: { sku: t('{{ sku }}') } },
    captures: [{ as: 'cartId', source: { from: 'json', path: ['id'] } }],
    checks: [{ kind: 'json', path: ['sku'], equalsTemplate: t('{{ sku }}') }],
  });
  const show = req('/cart/{{ cartId }}', {
    name: 'show',
    checks: [{ kind: 'json', path: ['id'], equalsTemplate: t('{{ cartId }}') }],
  });
  const s = scenario(srv.url, [user('u', [task('buy', [add, show])])], { variables: { sku: ['A1', 'B2'] } });
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.filter((r) => r.name === 'add').length >= 30);
  await g.stop();
  const adds = stats.records.filter((r) => r.name === 'add');
  const failed = adds.filter((r) => !r.ok);
  assert.equal(failed.length, Math.floor(adds.length / 3), 'every third add fails (n % 3 === 2)');
  for (const f of failed) assert.match(f.error ?? '', /^check json\.sku: expected "(A1|B2)", got "WRONG"$/);
  assert.ok(
    stats.records.filter((r) => r.name === 'show').every((r) => r.ok),
    'captured id matches',
  );
  await srv.close();
});

test('repeat: polls until the condition holds, each try a request; gives up after max tries', async () => {
  const polls = new Map<string, number>();
  const srv = await httpServer((req, res) => {
    const n = (polls.get(req.url!) ?? 0) + 1;
    polls.set(req.url!, n);
    res.end(JSON.stringify({ state: n >= 3 ? 'done' : 'pending' }));
  });
  const until = [{ kind: 'json' as const, path: ['state'], equals: 'done' }];
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('u', [
      task('poll', [
        req('/job/1', { name: 'enough', repeat: { until, everyMs: 5, max: 5 } }),
        req('/job/2', { name: 'short', repeat: { until, everyMs: 5, max: 2 } }),
      ]),
    ]),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.count((r) => r.name === 'short') >= 2);
  await g.stop();
  const enough = stats.records.filter((r) => r.name === 'enough');
  assert.deepEqual(
    enough.slice(0, 3).map((r) => r.ok),
    [true, true, true],
  );
  const short = stats.records.filter((r) => r.name === 'short').slice(0, 2);
  assert.deepEqual(
    short.map((r) => r.error),
    [undefined, 'repeat: gave up after 2 tries'],
  );
  assert.equal(srv.requests, stats.records.length);
  await srv.close();
});

test('loops run concurrently inside a user, each at its own period', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const s = scenario(srv.url, [
    user('u', [task('t', [req('/task')])], {
      think: { kind: 'constant', ms: 60_000 },
      loops: [
        { everyMs: 10, steps: [req('/fast-loop')] },
        { everyMs: 60_000, steps: [req('/slow-loop')] },
      ],
    }),
  ]);
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.count((r) => r.name === '/fast-loop') >= 5);
  await g.stop();
  // The task ran once and is thinking for a minute; the slow loop ran once; the fast one kept going.
  assert.equal(
    stats.count((r) => r.name === '/task'),
    1,
  );
  assert.equal(
    stats.count((r) => r.name === '/slow-loop'),
    1,
  );
  assert.ok(stats.count((r) => r.name === '/fast-loop') >= 5);
  assert.equal(srv.requests, stats.records.length);
  await srv.close();
});

test('pacing keeps a fixed iteration period', async () => {
  const srv = await httpServer((_req, res) => res.end('ok'));
  const stats = new FakeStats();
  const trackers = new FakeTrackers(true);
  const g = generator(
    scenario(srv.url, [user('u', [task('t', [req('/')])], { think: { kind: 'pacing', ms: 30 } })]),
    stats,
    trackers,
  );
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 4);
  await g.stop();
  await srv.close();
  const starts = trackers.events.filter((e) => e.type === 'iteration.start').map((e) => e.ts);
  // The sleeper never wakes early, so only microseconds of bookkeeping separate the starts from 30 ms.
  for (let i = 1; i < starts.length; i++)
    assert.ok(starts[i] - starts[i - 1] >= 29.9, `gap ${starts[i] - starts[i - 1]}`);
});

test('tracker events: request attributes (json, headers), iteration start/end and emit steps with trace ids', async () => {
  const srv = await httpServer((_req, res) => {
    res.setHeader('X-Id', 'j1');
    res.end(JSON.stringify({ job: { state: 'done' } }));
  });
  const stats = new FakeStats();
  const trackers = new FakeTrackers(true, ['submit']);
  const s = scenario(srv.url, [
    user('u', [
      task('t', [
        req('/jobs', { name: 'submit', method: 'POST' }),
        { kind: 'emit', event: 'custom', attributes: { k: t('v') } },
      ]),
    ]),
  ]);
  const g = generator(s, stats, trackers);
  g.setLoad({ model: 'closed', stage: 3, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 2);
  await g.stop();
  const types = trackers.events.map((e) => e.type);
  assert.deepEqual(types.slice(0, 5), ['stage', 'iteration.start', 'request', 'custom', 'iteration.end']);
  const r = trackers.events.find((e) => e.type === 'request')!;
  assert.equal(r.attr('name'), 'submit');
  assert.equal(r.attr('method'), 'POST');
  assert.equal(r.attr('status'), 200);
  assert.equal(r.attr('ok'), true);
  assert.equal(r.attr('url'), `${srv.url}/jobs`);
  assert.equal(r.attr('json.job.state'), 'done');
  assert.equal(r.attr('header.x-id'), 'j1');
  assert.equal(typeof r.attr('duration'), 'number');
  assert.deepEqual(r.trace, { run: 'r1', stage: 3, user: 1, iteration: 1 });
  assert.equal(trackers.events.find((e) => e.type === 'custom')!.attr('k'), 'v');
  await srv.close();
});

test('a relative URL without a target fails each try with a clear reason, never throws', async () => {
  const stats = new FakeStats();
  const s = scenario('http://x', [user('u', [task('t', [req('/x')])])]);
  delete s.target;
  const g = generator(s, stats);
  g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 3);
  await g.stop();
  assert.match(stats.records[0].error!, /no target: "\/x" is relative/);
});
