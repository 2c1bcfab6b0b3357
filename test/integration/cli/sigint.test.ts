// Ctrl-C follows the stop rule (issue 15): through the real CLI process, a SIGINT gives requests in
// flight the grace period, then cancels them and counts them as cancelled at stop; a second
// SIGINT skips the grace period. The target is a loopback server that never answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSilentServer } from '../distributed/silentServer';
import { startCli } from './runCli';

function scenarioFile(target: string, graceful: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-sigint-'));
  const file = path.join(dir, 'hang.load.yaml');
  fs.writeFileSync(
    file,
    [
      'name: hang',
      `target: ${target}`,
      `load: { users: 2, spawnRate: 100, duration: 10m, gracefulStop: ${graceful} }`,
      'workers: 1',
      'defaults: { timeout: 10m }',
      'users:',
      '  - tasks:',
      '      - get: /hang',
      'output: {}',
      '',
    ].join('\n'),
  );
  return file;
}

const summary = (stdout: string): Record<string, unknown> =>
  JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;

test('Ctrl-C: requests in flight get the grace period, then are counted as cancelled at stop', async () => {
  const server = await startSilentServer();
  try {
    const run = startCli(['run', scenarioFile(server.url, '500ms'), '--json', '--quiet']);
    await server.untilRequests(2);
    run.interrupt();
    const { code } = await run.exited;
    assert.equal(code, 0, run.stderr());
    const s = summary(run.stdout());
    assert.equal(s.cancelledAtStop, 2, run.stdout());
    assert.equal(s.failures, 0);
    assert.match(run.stderr(), /Cancelled at stop: 2 request/);
  } finally {
    await server.close();
  }
});

test('a second Ctrl-C skips the grace period; the cancelled requests are still counted', async () => {
  const server = await startSilentServer();
  try {
    const run = startCli(['run', scenarioFile(server.url, '10m'), '--json', '--quiet']);
    await server.untilRequests(2);
    run.interrupt();
    await run.until(/stopping: requests in flight may finish/);
    run.interrupt();
    const { code } = await run.exited;
    assert.equal(code, 0, run.stderr());
    assert.equal(summary(run.stdout()).cancelledAtStop, 2, run.stdout());
  } finally {
    await server.close();
  }
});
