// Failure samples through the real pipeline: `stampede run` with two worker processes against a
// raw Node server that fails on purpose (a 500 with a known body, a check that cannot pass). The
// JSON result carries the samples under their error rows, the HTML report and the terminal show
// them, and the secret sent in a header (and echoed back by the server) appears nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { RunSnapshot } from '../../../common/snapshot';
import { runCli as cli } from './runCli';

const TOKEN = 'tok-5ecret-77a1';

async function failingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/broken') {
      // The server echoes the credentials it got, as a careless one might: the sample must not.
      res.writeHead(500, { 'content-type': 'application/json', 'x-trace': 'trace-42' });
      res.end(`{"error":"database on fire","auth":"${req.headers.authorization}"}\nsecond line\n`);
    } else if (req.url === '/state') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"state":"pending"}');
    } else res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

test('run keeps failing exchanges: JSON result, HTML report and terminal show them, secrets masked', async () => {
  const server = await failingServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-samples-'));
  try {
    const file = path.join(dir, 'samples.load.yaml');
    fs.writeFileSync(
      file,
      `name: samples
target: ${server.url}
workers: 2
load: { users: 3, spawnRate: 100, duration: 4s }
secrets: [TOKEN]
defaults:
  headers: { Authorization: "Bearer {{ env.TOKEN }}", X-Api-Key: "{{ env.TOKEN }}" }
# One user of each kind (3 users at equal weights), so each request runs however slow the machine.
users:
  - name: breaker
    think: 20ms
    tasks:
      - name: broken
        get: /broken
  - name: poller
    think: 20ms
    tasks:
      - name: state
        get: /state
        check: { json.state: done }
  - name: browser
    think: 20ms
    tasks:
      - name: fine
        get: /
output: { json: result.json, html: result.html }
`,
    );
    const r = await cli(['run', file, '--env', `TOKEN=${TOKEN}`]);
    // 0, or 1 when a machine so busy that `fine` never ran judges that no request succeeded.
    assert.ok(r.code === 0 || (r.code === 1 && /no request succeeded/.test(r.stderr)), r.stderr);
    const result = fs.readFileSync(path.join(dir, 'result.json'), 'utf8');
    const html = fs.readFileSync(path.join(dir, 'result.html'), 'utf8');
    for (const [where, text] of Object.entries({ stdout: r.stdout, stderr: r.stderr, result, html }))
      assert.ok(!text.includes(TOKEN), `the secret is in the ${where}`);

    const snapshot = (JSON.parse(result) as { snapshot: RunSnapshot }).snapshot;
    const broken = snapshot.errors.find((e) => e.name === 'broken');
    assert.equal(broken?.error, 'HTTP 500');
    const samples = broken.samples ?? [];
    assert.ok(samples.length >= 1 && samples.length <= 3, `${samples.length} samples`);
    const [s] = samples;
    assert.equal(s.request.method, 'GET');
    assert.equal(s.request.url, `${server.url}/broken`);
    assert.match(s.request.headers, /^Authorization: Bearer \*\*\*$/m);
    assert.match(s.request.headers, /^X-Api-Key: \*\*\*$/m);
    assert.equal(s.response?.status, 500);
    assert.match(s.response.headers, /^HTTP\/1\.1 500 /);
    assert.match(s.response.headers, /^x-trace: trace-42$/m);
    assert.ok(
      s.response.body.startsWith('{"error":"database on fire","auth":"Bearer ***"}'),
      s.response.body,
    );
    assert.equal(
      s.response.bodyBytes,
      Buffer.byteLength(`{"error":"database on fire","auth":"Bearer ${TOKEN}"}\nsecond line\n`),
    );

    const state = snapshot.errors.find((e) => e.name === 'state');
    assert.equal(state?.error, 'check json.state: expected "done", got "pending"');
    assert.deepEqual(state.samples?.[0].check, { check: 'json.state', saw: 'pending' });
    assert.equal(state.samples?.[0].response?.body, '{"state":"pending"}');

    assert.match(r.stdout, /Failure samples/);
    assert.match(
      r.stdout,
      /GET broken: HTTP 500\n {4}> GET http:\/\/127\.0\.0\.1:\d+\/broken\n {4}< HTTP\/1\.1 500 Internal Server Error/,
    );
    assert.match(r.stdout, /\| \{"error":"database on fire","auth":"Bearer \*\*\*"\}\n {4}\| second line\n/);
    assert.match(r.stdout, /check json\.state saw pending/);
    assert.match(html, /Failure samples/);
    assert.match(html, /database on fire/);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
