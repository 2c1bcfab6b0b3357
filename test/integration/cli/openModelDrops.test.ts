// The open model across 2 real worker processes against a slow target (issue 23): every arrival
// of the plan is accounted for exactly once (started + dropped = rate x duration, summed over the
// workers), drops come with the reason and the fix, and the numbers the person reads are the
// numbers in the JSON result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli } from './runCli';

test('open model, 2 workers, slow target: started + dropped = rate x duration, and the text equals the JSON', async () => {
  let requests = 0;
  // Each response takes 150 ms, so 2 users per worker finish far fewer iterations than are due.
  const server = http.createServer((_req, res) => {
    requests++;
    setTimeout(() => res.end('ok'), 150);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-open-'));
  const file = path.join(dir, 'open.load.yaml');
  fs.writeFileSync(
    file,
    `name: open drops
target: http://127.0.0.1:${port}
workers: 2
load: { arrivalRate: 150, duration: 2s, maxUsers: 4 }
users:
  - name: u
    tasks:
      - get: /
output: {}
`,
  );
  try {
    const r = await runCli(['run', file, '--json', '--quiet', '--results', dir]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]) as { arrival?: { started: number; dropped: number } };
    const a = summary.arrival;
    assert.ok(a, 'the JSON result has the arrival figures');
    assert.equal(a.started + a.dropped, 150 * 2, 'every arrival of the plan, once');
    assert.ok(a.dropped > 0, `the slow target forced drops: ${a.dropped}`);
    assert.equal(requests, a.started, 'one request per started iteration');
    const shown = /Open model: (\d+) iterations started, (\d+) dropped/.exec(r.stderr);
    assert.ok(shown, r.stderr);
    assert.deepEqual([Number(shown[1]), Number(shown[2])], [a.started, a.dropped]);
    assert.match(
      r.stderr,
      new RegExp(`WARNING: ${a.dropped} of 300 iterations .* dropped: all 4 users \\(maxUsers\\) were busy`),
    );
    assert.match(r.stderr, /raise `maxUsers`/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
