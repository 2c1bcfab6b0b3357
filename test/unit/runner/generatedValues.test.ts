// Generated values and dotted paths in requests, against a real loopback server that records what
// it was sent: uuid() is new per request, randomInt stays in range (and a number in JSON), pick()
// picks from the list, sha256/base64/urlencode are exact, env.NAME comes from the run's env map,
// and a request whose holes read only variables still uses its prebuilt forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createLoadGenerator } from '../../../engine/runner/index';
import { compileRequest } from '../../../engine/runner/requestPlan';
import { silentLogger } from '../../../engine/log';
import { httpServer } from '../http/servers';
import { FakeStats, FakeTrackers, req, scenario, t, task, user } from './helpers';

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

test('generated values are rendered per request; env.NAME reads the run env', async () => {
  const seen: Seen[] = [];
  const srv = await httpServer((r, res) => {
    let body = '';
    r.on('data', (d: Buffer) => (body += d.toString()));
    r.on('end', () => {
      seen.push({ url: r.url ?? '', headers: r.headers, body });
      res.end('ok');
    });
  });
  const step = req('/o/{{ uuid() }}?q={{ urlencode(phrase) }}', {
    name: 'order',
    method: 'POST',
    headers: {
      'X-Sum': t('{{ sha256(sku) }}'),
      Authorization: t('Basic {{ base64(env.USER) }}'),
      'X-Token': t('{{ env.TOKEN }}'),
      'X-Missing': t('[{{ env.NOPE }}]'),
      'X-Time': t('{{ now() }}|{{ timestamp() }}'),
      'X-Rand': t('{{ randomString(12) }}'),
    },
    body: { type: 'json', value: { qty: t('{{ randomInt(1, 5) }}'), pick: t('{{ pick(colors) }}') } },
  });
  const s = scenario(srv.url, [user('u', [task('t', [step])])], {
    variables: { sku: 'P1', phrase: 'a b&c', colors: ['red', 'green', 'blue'] },
  });
  const stats = new FakeStats();
  const g = createLoadGenerator({
    scenario: s,
    runId: 'r1',
    stats,
    trackers: new FakeTrackers(false),
    log: silentLogger,
    env: { USER: 'ann:secret', TOKEN: 'tok-1' },
  });
  const before = Date.now();
  g.setLoad({ model: 'closed', stage: 0, users: 2, spawnRate: 0 });
  await stats.until(() => stats.records.length >= 60);
  await g.stop();
  await srv.close();
  assert.ok(seen.length >= 60);
  const ids = new Set<string>();
  const qtys = new Set<number>();
  const picks = new Set<string>();
  for (const r of seen) {
    const m = /^\/o\/([0-9a-f-]{36})\?q=a%20b%26c$/.exec(r.url);
    assert.ok(m, r.url);
    assert.match(m[1], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(m[1]);
    assert.equal(r.headers['x-sum'], crypto.createHash('sha256').update('P1').digest('hex'));
    assert.equal(r.headers.authorization, `Basic ${Buffer.from('ann:secret').toString('base64')}`);
    assert.equal(r.headers['x-token'], 'tok-1');
    assert.equal(r.headers['x-missing'], '[]');
    const [iso, ms] = String(r.headers['x-time']).split('|');
    assert.equal(new Date(iso).toISOString(), iso);
    assert.ok(Number(ms) >= before && Math.abs(Date.parse(iso) - Number(ms)) < 1000);
    assert.match(String(r.headers['x-rand']), /^[A-Za-z0-9]{12}$/);
    const body = JSON.parse(r.body) as { qty: unknown; pick: string };
    assert.equal(typeof body.qty, 'number', 'a lone randomInt() keeps its type in JSON');
    assert.ok(Number.isInteger(body.qty) && (body.qty as number) >= 1 && (body.qty as number) <= 5);
    qtys.add(body.qty as number);
    assert.ok(['red', 'green', 'blue'].includes(body.pick));
    picks.add(body.pick);
  }
  assert.equal(ids.size, seen.length, 'a new uuid on every request');
  assert.ok(qtys.size >= 3, `randomInt varies: ${[...qtys].join(',')}`);
  assert.ok(picks.size >= 2, `pick varies: ${[...picks].join(',')}`);
});

test('holes that read only variables keep the prebuilt forms; any call renders per request', () => {
  const s = scenario('http://127.0.0.1:1', [], { variables: { sku: ['A', 'B'] } });
  const stats = new FakeStats();
  const trackers = new FakeTrackers(false);
  const plain = compileRequest(req('/p/{{ sku }}'), s, undefined, stats, trackers);
  assert.equal(plain.bytes.kind === 'variants' ? plain.bytes.variants.variants.length : 0, 2);
  const generated = compileRequest(req('/p/{{ sku }}/{{ uuid() }}'), s, undefined, stats, trackers);
  assert.equal(generated.bytes.kind, 'rendered');
});
