// The Petstore OpenAPI document: import, check, run against a loopback target that records what it got.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { importCheckRun } from './helpers';

test('the Petstore OpenAPI document runs against a target that records what it got: bodies, path variables, credentials from --env', async () => {
  const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (seen.length < 10_000)
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const summary = await importCheckRun(
      'petstore-openapi-3.0.yaml',
      [
        '--target',
        url,
        '--env',
        'API_TOKEN=tok-123',
        '--env',
        'API_KEY=key-456',
        '--env',
        'PASSWORD=password-value',
        '--env',
        'PASSWORD_2=password-value-2',
        '--duration',
        '3s',
        '--users',
        '4',
      ],
      [],
    );
    assert.equal(summary.failures, 0);
    const put = seen.find((s) => s.method === 'PUT' && s.url === '/api/v3/pet');
    assert.ok(put, 'PUT /api/v3/pet was sent');
    assert.equal(put.headers.authorization, 'Bearer tok-123');
    assert.equal((JSON.parse(put.body) as { name: string }).name, 'doggie');
    const byId = seen.find((s) => s.method === 'GET' && s.url === '/api/v3/pet/1');
    assert.ok(byId, 'GET /api/v3/pet/1 was sent');
    assert.equal(byId.headers.api_key, 'key-456');
    const order = seen.find((s) => s.method === 'POST' && s.url === '/api/v3/store/order');
    assert.ok(order);
    assert.equal((JSON.parse(order.body) as { petId: number }).petId, 198772);
  } finally {
    await new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  }
});
