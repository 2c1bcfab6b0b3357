// End to end: the async-job example (examples/jobs.load.yaml) against the embedded demo target, in
// process, with two stages (the second stopped once it measured enough jobs). Jobs are done 300 ms after submission and polled every 50 ms, so
// the first poll that sees a job done comes 300 to 350 ms after the submission's response, plus
// one poll's latency: about 300-380 ms on a quiet machine. The bounds asserted hold on a busy one
// too (`npm test` runs files side by side on two cores): the job is created after the submission
// was written and seen done no earlier than 300 ms later, so no duration can be shorter than 300 ms
// minus the submission's own latency (a response read late shortens the measured wait by as
// much: seen 284 ms). From above, the poll that sees the job done was sent at most one poll
// interval (50 ms, plus however late that timer fired) after the previous poll's answer, and each
// answer is no slower than the slowest poll measured: no duration can be longer than 350 ms plus
// two polls' latency plus the event loop's worst lateness in the run (measured here, in process).
// A fixed ceiling (450 ms) failed when timers fired late on a loaded machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import YAML from 'yaml';
import { startDemoTarget } from '../../../engine/demo/server';
import type { RunSnapshot } from '../../../common/snapshot';
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
      // The first stage ends by the clock (a stage has no other end): long enough for 10 jobs of
      // 3 users on a loaded machine (12 in 3 s at load 13). The last ends once it measured 10.
      { duration: '6s', users: 3, spawnRate: 100 },
      { duration: '10m', users: 6, spawnRate: 100 },
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
    const enough = (s: RunSnapshot): boolean =>
      s.trackers.some((t) => t.metric === 'job latency' && t.stage === 1 && t.count >= 10);
    let done!: () => void;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const handle = startRun(
      { scenarioPath: EXAMPLE, source, scenario: analysis.scenario, onSnapshot: (s) => enough(s) && done() },
      { snapshotIntervalMs: 250, workerDeps },
    );
    const lastStageMeasured = new Promise<void>((r) => (done = r));
    if (await Promise.race([lastStageMeasured.then(() => true), handle.done.then(() => false)]))
      await handle.stop();
    const result = await handle.done;
    loopDelay.disable();
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
    const pollMaxMs = snap.entries.find((e) => e.name === 'job status')!.maxMs;
    // The histogram's max is the worst delay past each 10 ms tick; the tick itself is added.
    const lateMs = loopDelay.max / 1e6 + 10;
    const ceiling = 350 + 2 * pollMaxMs + lateMs;
    for (const r of rows) {
      const where = `stage ${r.stage} (submission max ${submitMaxMs} ms, poll max ${pollMaxMs} ms, loop late ${lateMs.toFixed(1)} ms): ${JSON.stringify(r)}`;
      assert.ok(r.count >= 10, `too few jobs measured, ${where}`);
      assert.ok(
        r.p50 >= floor && r.p50 <= ceiling,
        `p50 out of range [${floor}, ${ceiling.toFixed(1)}], ${where}`,
      );
      assert.ok(r.max <= ceiling, `a job was seen done later than a poll every 50 ms allows, ${where}`);
      assert.ok(r.min >= floor, `a job was seen done before it could be, ${where}`);
      assert.equal(r.dropped, 0, where);
      // Only jobs cut by a stage change or by the stop can be incomplete: at most one per user each side.
      assert.ok(r.incomplete <= 2 * r.users, `too many incomplete, ${where}`);
    }
  } finally {
    await demo.close();
  }
});
