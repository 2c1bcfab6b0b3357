// End to end: the async-job example (examples/jobs.load.yaml) against the embedded demo target, in
// process, with two short stages. Jobs are done 300 ms after submission and polled every 50 ms, so
// the first poll that sees a job done comes 300 to 350 ms after the submission's response, plus
// one poll's latency: the tracker's p50 must lie between 300 and 380 ms in each stage on a quiet
// machine. The upper bound allows 450: `npm test` runs files side by side on two cores, and a
// 50 ms poll timer can fire tens of ms late then (seen once at > 380). The lower bound is exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { startDemoTarget } from '../../../engine/demo/server';
import { startRun } from '../../../engine/master/index';
import { defaultWorkerDeps, type WorkerDeps } from '../../../engine/worker/deps';
import { analyzeScenario } from '../../../scenario/index';

const EXAMPLE = path.resolve(__dirname, '../../../examples/jobs.load.yaml');

/** The real chain: runner events -> worker TrackerSet -> reports -> master aggregator -> snapshot. */
const workerDeps: WorkerDeps = defaultWorkerDeps;

/** The example with the demo target's URL, in process, and two short stages. */
function exampleSource(target: string): string {
  const doc = YAML.parseDocument(fs.readFileSync(EXAMPLE, 'utf8'));
  doc.set('target', target);
  doc.set('workers', 0);
  doc.setIn(
    ['load', 'stages'],
    doc.createNode([
      { duration: '3s', users: 3, spawnRate: 100 },
      { duration: '3s', users: 6, spawnRate: 100 },
    ]),
  );
  return doc.toString();
}

test('jobs done 300 ms after submission, polled every 50 ms: tracker p50 from 300 ms, at most 450, in each stage', async () => {
  const demo = await startDemoTarget();
  try {
    const source = exampleSource(demo.url);
    const analysis = analyzeScenario(source);
    assert.ok(analysis.scenario, `example invalid: ${JSON.stringify(analysis.diagnostics)}`);
    const handle = startRun(
      { scenarioPath: EXAMPLE, source, scenario: analysis.scenario },
      { snapshotIntervalMs: 250, workerDeps },
    );
    const result = await handle.done;
    assert.equal(result.error, undefined);
    const snap = result.snapshot;
    assert.equal(snap.total.failures, 0, JSON.stringify(snap.errors));

    const rows = snap.trackers.filter((t) => t.metric === 'job latency');
    assert.deepEqual(
      rows.map((r) => [r.stage, r.users]),
      [
        [0, 3],
        [1, 6],
      ],
    );
    for (const r of rows) {
      const where = `stage ${r.stage}: ${JSON.stringify(r)}`;
      assert.ok(r.count >= 10, `too few jobs measured, ${where}`);
      assert.ok(r.p50 >= 300 && r.p50 <= 450, `p50 out of range, ${where}`);
      // Done 300 ms after the server created it; the submission's response arrives a little later.
      assert.ok(r.min >= 290, `a job was seen done before it could be, ${where}`);
      assert.equal(r.dropped, 0, where);
      // Only jobs cut by a stage change or by the stop can be incomplete: at most one per user each side.
      assert.ok(r.incomplete <= 2 * r.users, `too many incomplete, ${where}`);
    }
  } finally {
    await demo.close();
  }
});
