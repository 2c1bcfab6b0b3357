// Master + 3 workers over ZeroMQ tcp on loopback against a local server: the merged totals are the
// sum of the worker totals, and the merged percentiles equal those of one histogram fed the same
// samples (percentiles are merged, never averaged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PERCENTILES } from '../../../common/snapshot';
import { startRun } from '../../../engine/master/index';
import { Histogram } from '../../../engine/stats/histogram';
import { parse, scenarioText, SnapshotWaiter, startCountingServer } from './helpers';

/** Samples enough to compare histograms (a quiet machine sends ~1,000 a second). */
const ENOUGH = 300;

test('3 workers over tcp: totals add up and merged percentiles equal a single histogram of the same samples', async () => {
  const server = await startCountingServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-samples-'));
  process.env.STAMPEDE_SAMPLES_DIR = dir;
  try {
    // Stopped once every worker has sent load and the merge has enough samples to compare, not
    // after a fixed duration: tsx-started workers can take seconds to start on a loaded machine,
    // and a 2 s run there sent 3 requests.
    const source = scenarioText({ target: server.url, users: 10, duration: '120s', workers: 3, thinkMs: 5 });
    const waiter = new SnapshotWaiter();
    const handle = startRun(
      {
        scenarioPath: 'merge.load.yaml',
        source,
        scenario: parse(source),
        onSnapshot: waiter.onSnapshot,
        // Silence is judged after 3 heartbeats: at load 20 these tsx-started workers answered the
        // start 3.3 s late and all were declared missing ("every worker is missing"). The rule is
        // tested in test/unit/master/missing.test.ts; here it must not end the run.
        overrides: { heartbeatMs: 5000 },
      },
      { cliPath: path.join(__dirname, 'sampleWorker.ts'), snapshotIntervalMs: 200 },
    );
    const enough = await Promise.race([
      waiter.until(
        (s) => s.workers.length === 3 && s.workers.every((w) => w.requests > 0) && s.total.requests >= ENOUGH,
      ),
      handle.done.then(() => undefined),
    ]);
    // A run that ends by itself first fails here with what it said, rather than a wait that never ends.
    if (!enough)
      assert.fail(`the run ended before it had ${ENOUGH} requests: ${JSON.stringify(waiter.last)}`);
    await handle.stop();
    const result = await handle.done;
    assert.equal(result.error, undefined);
    const s = result.snapshot;
    assert.deepEqual(
      s.workers.map((w) => w.state),
      ['stopped', 'stopped', 'stopped'],
    );
    // The samples waited for are all in the final merge (the stop loses none).
    assert.ok(s.total.requests >= ENOUGH, `too few requests: ${s.total.requests}`);
    // Every request the server saw was counted once, and the total is the sum of the workers'.
    assert.equal(s.total.requests, server.arrivals.length);
    assert.equal(
      s.total.requests,
      s.workers.reduce((a, w) => a + w.requests, 0),
    );

    const single = new Histogram();
    let n = 0;
    for (const f of fs.readdirSync(dir)) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        if (!line) continue;
        single.record(Number(line));
        n++;
      }
    }
    assert.equal(n, s.total.requests);
    const expected = single.percentiles(PERCENTILES);
    PERCENTILES.forEach((p, i) =>
      assert.equal(s.total.percentiles[`p${p}` as keyof typeof s.total.percentiles], expected[i], `p${p}`),
    );
    assert.equal(s.total.maxMs, single.max);
  } finally {
    delete process.env.STAMPEDE_SAMPLES_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});
