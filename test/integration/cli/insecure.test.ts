// `run --insecure` through the bundled CLI: the setting reaches a forked worker, which then loads
// a self-signed HTTPS server on loopback without errors (and without it, every request fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type net from 'node:net';
import { TEST_CERT, TEST_KEY } from '../../unit/http/tlsFixture';
import { lastJson, runUntil, tmpScenario } from './countingTarget';

test('run --insecure reaches a forked worker: a self-signed HTTPS server is loaded without errors', async () => {
  let requests = 0;
  let refusals = 0;
  let counted!: () => void;
  let refused!: () => void;
  const enoughRequests = new Promise<void>((r) => (counted = r));
  const someRefused = new Promise<void>((r) => (refused = r));
  const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => {
    if (++requests === 20) counted();
    res.end('ok');
  });
  // The client that does not trust the certificate ends the handshake: the server sees that.
  server.on('tlsClientError', () => ++refusals === 2 && refused());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const file = tmpScenario(`name: tls
target: https://127.0.0.1:${(server.address() as net.AddressInfo).port}
workers: 1
load: { users: 2, duration: 10m }
users:
  - think: 20ms
    tasks:
      - get: /
output: {}
`);
    const refusedRun = await runUntil(['run', file, '--quiet', '--json'], someRefused);
    const refusedSummary = lastJson(refusedRun.stdout);
    assert.ok((refusedSummary.requests as number) > 0, refusedRun.stdout + refusedRun.stderr);
    assert.equal(refusedSummary.failures, refusedSummary.requests);
    assert.match(JSON.stringify(refusedSummary.errors), /certificate is not trusted/);
    assert.equal(requests, 0, 'no request passed the handshake without --insecure');
    const r = await runUntil(['run', file, '--quiet', '--json', '--insecure'], enoughRequests);
    assert.equal(r.code, 0, r.stderr);
    const accepted = lastJson(r.stdout);
    assert.ok((accepted.requests as number) > 10 && accepted.failures === 0, JSON.stringify(accepted));
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
