// kill -9 one of 3 workers mid-run: within 3 s the other two carry its users, the server's request
// rate after the kill stays within 10 % of the rate before, and the summary lists it as missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRun } from '../../../engine/master/index';
import {
  CLI_SOURCE,
  isAlive,
  parse,
  rateBetween,
  scenarioText,
  SnapshotWaiter,
  startCountingServer,
} from './helpers';

test('kill -9 a worker: the others take its users at once and the load holds', async () => {
  const server = await startCountingServer();
  try {
    // 12 users with 100 ms think (about 120 req/s): a rate set by the users, not by the CPU.
    const source = scenarioText({ target: server.url, users: 12, duration: '60s', workers: 3, thinkMs: 100 });
    const waiter = new SnapshotWaiter();
    const handle = startRun(
      {
        scenarioPath: 'kill.load.yaml',
        source,
        scenario: parse(source),
        onSnapshot: waiter.onSnapshot,
        // The killed worker is found by its process's exit, at once. Silence is judged after 3
        // heartbeats: at 1 s, tsx-started workers that answered the start late on a loaded machine
        // were all declared missing and the run ended before any wait below was met.
        overrides: { heartbeatMs: 5000 },
      },
      { cliPath: CLI_SOURCE, snapshotIntervalMs: 100 },
    );
    const running = await waiter.until(
      (s) => s.workers.length === 3 && s.workers.every((w) => w.users === 4),
    );
    // Let the rate settle for a moment, then measure one window before the kill.
    await waiter.until((s) => s.elapsedMs >= running.elapsedMs + 1000);
    const beforeFrom = performance.now();
    await waiter.until((s) => s.elapsedMs >= running.elapsedMs + 3000);
    const killedAt = performance.now();
    const before = rateBetween(server.arrivals, beforeFrom, killedAt);

    const victim = running.workers[0];
    process.kill(victim.pid, 'SIGKILL');
    const carried = await waiter.until((s) => {
      const dead = s.workers.find((w) => w.id === victim.id);
      const others = s.workers.filter((w) => w.id !== victim.id);
      return dead?.state === 'missing' && others.reduce((a, w) => a + w.users, 0) === 12;
    });
    const carriedAt = performance.now();
    assert.ok(carriedAt - killedAt < 3000, `took ${Math.round(carriedAt - killedAt)} ms to carry the users`);
    assert.deepEqual(
      carried.workers.filter((w) => w.id !== victim.id).map((w) => w.users),
      [6, 6],
    );

    const afterFrom = performance.now();
    await waiter.until((s) => s.elapsedMs >= carried.elapsedMs + 3000);
    const after = rateBetween(server.arrivals, afterFrom, performance.now());
    assert.ok(
      Math.abs(after - before) / before <= 0.1,
      `rate before ${before.toFixed(0)}/s, after ${after.toFixed(0)}/s`,
    );

    await handle.stop();
    const result = await handle.done;
    const summary = result.snapshot.workers.find((w) => w.id === victim.id);
    assert.equal(summary?.state, 'missing');
    assert.deepEqual(
      result.snapshot.workers.filter((w) => w.id !== victim.id).map((w) => w.state),
      ['stopped', 'stopped'],
    );
    for (const w of result.snapshot.workers)
      assert.equal(isAlive(w.pid), false, `worker ${w.id} (pid ${w.pid}) is still alive`);
  } finally {
    await server.close();
  }
});
