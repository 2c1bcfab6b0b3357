// `defaults.insecure`: HTTPS to a server with a self-signed certificate fails with the reason by
// default, and works when the scenario says the certificate need not be trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { TEST_CERT, TEST_KEY } from '../http/tlsFixture';
import { FakeStats, generator, req, scenario, task, user } from './helpers';

test('a self-signed certificate is refused unless defaults.insecure is set', async () => {
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const insecure of [false, true]) {
      const s = scenario(url, [user('u', [task('t', [req('/')])], { think: { kind: 'constant', ms: 5 } })]);
      s.defaults.insecure = insecure;
      const stats = new FakeStats();
      const g = generator(s, stats);
      g.setLoad({ model: 'closed', stage: 0, users: 1, spawnRate: 0 });
      await stats.until(() => stats.records.length >= 5);
      await g.stop();
      if (insecure)
        assert.equal(
          stats.count((r) => !r.ok),
          0,
          JSON.stringify(stats.records[0]),
        );
      else {
        assert.equal(
          stats.count((r) => r.ok),
          0,
        );
        assert.equal(
          stats.records[0].error,
          "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate (the server's certificate is not trusted; for a test server set defaults: { insecure: true })",
        );
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
