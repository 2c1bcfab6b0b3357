// Stop follows one rule (issue 15, "Nothing recorded is lost at stop"): requests in flight get the
// grace period (`load.gracefulStop`), then are cancelled and counted as cancelled at stop. Against
// a server that never answers, with a grace longer than the worker's master timeout (5 s): the
// worker keeps heartbeating and answering while it waits, its final report reaches the master,
// and nothing is lost. Before, the worker's message loop blocked in the stop, its watchdog fired,
// it was declared missing and everything since its last report was lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import { runOutcome } from '../../../engine/session/outcome';
import { CLI_SOURCE, parse, SnapshotWaiter } from './helpers';
import { startSilentServer } from './silentServer';

const scenario = (target: string, graceful: string) =>
  [
    'name: graceful stop',
    `target: ${target}`,
    'load:',
    '  users: 3',
    '  spawnRate: 1000',
    '  duration: 60s',
    `  gracefulStop: ${graceful}`,
    'workers: 1',
    'defaults:',
    '  timeout: 60s',
    'users:',
    '  - name: u',
    '    tasks:',
    '      - name: hang',
    '        get: /hang',
    '',
  ].join('\n');

test('requests in flight at stop get the grace period, then are counted as cancelled; the worker stays', async () => {
  const server = await startSilentServer();
  try {
    const source = scenario(server.url, '6s');
    const waiter = new SnapshotWaiter();
    const handle = startRun(
      { scenarioPath: 'graceful.load.yaml', source, scenario: parse(source), onSnapshot: waiter.onSnapshot },
      { cliPath: CLI_SOURCE, snapshotIntervalMs: 200 },
    );
    // Every user has its request in flight on the server.
    await server.untilRequests(3);
    const stopping = handle.stop();
    // While it waits (past the worker's 5 s master timeout), the worker is never missing.
    const during = await waiter.until((s) => s.state === 'stopping' && s.elapsedMs > 0);
    assert.equal(during.workers[0]?.state, 'running');
    await stopping;
    const result = await handle.done;
    assert.equal(result.error, undefined);
    assert.equal(result.lost, undefined);
    assert.equal(result.snapshot.workers[0]?.state, 'stopped');
    assert.equal(result.snapshot.cancelledAtStop, 3);
    assert.equal(result.snapshot.total.failures, 0);
    assert.equal(server.requests(), 3);
    assert.equal(runOutcome(result).exitCode, 0);
  } finally {
    await server.close();
  }
});

test('a second stop cancels the requests in flight at once, still counted', async () => {
  const server = await startSilentServer();
  try {
    const source = scenario(server.url, '10m');
    const handle = startRun(
      { scenarioPath: 'graceful.load.yaml', source, scenario: parse(source) },
      { cliPath: CLI_SOURCE, snapshotIntervalMs: 200 },
    );
    await server.untilRequests(3);
    void handle.stop();
    // With a 10-minute grace, only the second stop can end this run within the test's time limit.
    await handle.stop({ now: true });
    const result = await handle.done;
    assert.equal(result.lost, undefined);
    assert.equal(result.snapshot.cancelledAtStop, 3);
    assert.equal(result.snapshot.total.failures, 0);
  } finally {
    await server.close();
  }
});
