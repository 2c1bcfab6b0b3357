// The `/metrics` listener through the bundled CLI: scraped while the run lasts, its text parses
// strictly and counts requests; other paths and methods are refused; it is gone after the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseExposition } from '../../unit/recorders/expositionParser';
import { refusedPort } from '../../unit/http/servers';
import { startCli } from '../cli/runCli';

test('/metrics serves the live series while the run lasts, on loopback, and closes with the run', async () => {
  const port = await refusedPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-metrics-'));
  const file = path.join(dir, 'm.load.yaml');
  fs.writeFileSync(
    file,
    `name: metrics
load: { stages: [{ duration: 10m, users: 2, spawnRate: 20 }] }
workers: 1
users:
  - think: 10ms
    tasks: [{ name: "a\\nb", get: /products }]
output:
  prometheus: { listen: ${port}, labels: { team: qa } }
`,
  );
  const url = `http://127.0.0.1:${port}/metrics`;
  const run = startCli(['run', file, '--demo-target']);
  try {
    await run.until(/serving \/metrics/);
    assert.match(run.stderr(), new RegExp(`http://127\\.0\\.0\\.1:${port}/metrics`));
    // Scrape until the run's first counted requests show, then the other paths, and only then stop
    // the run with Ctrl-C: with a fixed short run, a slow machine's first counted scrape came near
    // its end and the scrapes after it found the listener already closed.
    let requests = 0;
    let text = '';
    let contentType = '';
    for (let i = 0; i < 200 && requests === 0; i++) {
      const res = await fetch(url);
      contentType = res.headers.get('content-type') ?? '';
      text = await res.text();
      if (text) {
        const total = parseExposition(text).samples.find(
          (s) => s.name === 'stampede_http_requests_total' && s.labels.request === 'Aggregated',
        );
        requests = total?.value ?? 0;
      }
      if (requests === 0) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(requests > 0, 'a scrape during the run counts requests');
    assert.equal(contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const parsed = parseExposition(text);
    assert.ok(
      parsed.samples.some(
        (s) => s.labels.request === 'a\nb' && s.labels.method === 'GET' && s.labels.team === 'qa',
      ),
    );
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404);
    assert.equal((await fetch(url, { method: 'POST', body: 'x' })).status, 405);
    run.interrupt();
    const { code, stderr } = await run.exited;
    assert.equal(code, 0, stderr);
  } finally {
    // A failed assertion must not leave a 10-minute run behind.
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  }
  await assert.rejects(fetch(url), 'the listener closes with the run');
});
