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

test('3 workers over tcp: totals add up and merged percentiles equal a single histogram of the same samples', async () => {
  const server = await startCountingServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-samples-'));
  process.env.STAMPEDE_SAMPLES_DIR = dir;
  try {
    const source = scenarioText({ target: server.url, users: 10, duration: '2s', workers: 3, thinkMs: 5 });
    const waiter = new SnapshotWaiter();
    const handle = startRun(
      { scenarioPath: 'merge.load.yaml', source, scenario: parse(source), onSnapshot: waiter.onSnapshot },
      { cliPath: path.join(__dirname, 'sampleWorker.ts'), snapshotIntervalMs: 200 },
    );
    const result = await handle.done;
    assert.equal(result.error, undefined);
    const s = result.snapshot;
    assert.deepEqual(
      s.workers.map((w) => w.state),
      ['stopped', 'stopped', 'stopped'],
    );
    // Enough samples to compare histograms; on a loaded machine tsx-started workers send far fewer
    // than the ~2,000 of a quiet one, and the equalities below hold for any count.
    assert.ok(s.total.requests >= 5, `too few requests: ${s.total.requests}`);
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
