import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTarget } from '../../../engine/demo/server';

test('the demo target serves its endpoints and counts requests', async () => {
  const t = await startDemoTarget();
  try {
    assert.match(t.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await (await fetch(`${t.url}/`)).text(), 'ok');
    const json = await (await fetch(`${t.url}/json`)).text();
    assert.equal(json.length, 1024);
    assert.equal((await fetch(`${t.url}/status/503`)).status, 503);
    const cart = (await (await fetch(`${t.url}/cart`, { method: 'POST', body: '{"sku":"P2"}' })).json()) as {
      id: string;
    };
    assert.deepEqual(await (await fetch(`${t.url}/cart/${cart.id}`)).json(), { id: cart.id, items: ['P2'] });
    assert.equal((await fetch(`${t.url}/nowhere`)).status, 404);
    assert.equal(t.requests(), 6);
  } finally {
    await t.close();
  }
});

test('async jobs are pending until their duration has passed, then done', async () => {
  const t = await startDemoTarget();
  try {
    const res = await fetch(`${t.url}/jobs`, { method: 'POST', body: JSON.stringify({ durationMs: 0 }) });
    assert.equal(res.status, 201);
    const job = (await res.json()) as { id: string; state: string };
    assert.equal(job.state, 'pending');
    assert.equal(
      ((await (await fetch(`${t.url}/jobs/${job.id}`)).json()) as { state: string }).state,
      'done',
    );
    const slow = (await (
      await fetch(`${t.url}/jobs`, { method: 'POST', body: '{"durationMs": 60000}' })
    ).json()) as { id: string };
    assert.equal(
      ((await (await fetch(`${t.url}/jobs/${slow.id}`)).json()) as { state: string }).state,
      'pending',
    );
    assert.equal((await fetch(`${t.url}/jobs/unknown`)).status, 404);
  } finally {
    await t.close();
  }
});

test('POST /login sets a session cookie; GET /account answers 200 with it and 401 without', async () => {
  const t = await startDemoTarget();
  try {
    const login = await fetch(`${t.url}/login`, { method: 'POST', body: '{"user":"ann"}' });
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^session=t-ann-[0-9a-f]{8}; Path=\/; HttpOnly$/);
    const session = cookie.split(';')[0];
    const account = await fetch(`${t.url}/account`, { headers: { cookie: `theme=dark; ${session}` } });
    assert.deepEqual(await account.json(), { user: 'ann' });
    assert.equal((await fetch(`${t.url}/account`)).status, 401);
    assert.equal((await fetch(`${t.url}/account`, { headers: { cookie: 'session=forged' } })).status, 401);
  } finally {
    await t.close();
  }
});
