// End to end: the async-job example (examples/jobs.load.yaml) against the embedded demo target, in
// process, with two short stages. Jobs are done 300 ms after submission and polled every 50 ms, so
// the first poll that sees a job done comes 300 to 350 ms after the submission's response, plus
// one poll's latency: about 300-380 ms on a quiet machine. The bounds asserted hold on a busy one
// too (`npm test` runs files side by side on two cores): the job is created after the submission
// was written and seen done no earlier than 300 ms later, so no duration can be shorter than 300 ms
// minus the submission's own latency (a response read late shortens the measured wait by as
// much: seen 284 ms); and p50 at most 450 allows poll timers firing tens of ms late.
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

test('jobs done 300 ms after submission, polled every 50 ms: the tracker measures that wait in each stage', async () => {
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
    const submitMaxMs = snap.entries.find((e) => e.name === 'submit job')!.maxMs;
    const floor = 300 - submitMaxMs;
    for (const r of rows) {
      const where = `stage ${r.stage} (submission max ${submitMaxMs} ms): ${JSON.stringify(r)}`;
      assert.ok(r.count >= 10, `too few jobs measured, ${where}`);
      assert.ok(r.p50 >= floor && r.p50 <= 450, `p50 out of range, ${where}`);
      assert.ok(r.min >= floor, `a job was seen done before it could be, ${where}`);
      assert.equal(r.dropped, 0, where);
      // Only jobs cut by a stage change or by the stop can be incomplete: at most one per user each side.
      assert.ok(r.incomplete <= 2 * r.users, `too many incomplete, ${where}`);
    }
  } finally {
    await demo.close();
  }
});
