// The real pieces together in one process: the scenario language parses an example, the runner
// drives the embedded demo target, the real stats collector counts, the real tracker set pairs
// job submissions with the poll that saw them done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeScenario } from '../../../scenario/index';
import { startDemoTarget } from '../../../engine/demo/server';
import { createLoadGenerator } from '../../../engine/runner/index';
import { createStatsCollector } from '../../../engine/stats/index';
import { createTrackerSet } from '../../../engine/trackers/index';
import { silentLogger } from '../../../engine/log';

test('examples/jobs.load.yaml against the demo target: counts match the server, the tracker pairs jobs', async (t) => {
  const source = fs.readFileSync(path.join(__dirname, '../../../examples/jobs.load.yaml'), 'utf8');
  const analysis = analyzeScenario(source);
  assert.ok(analysis.scenario, JSON.stringify(analysis.diagnostics));
  const scenario = analysis.scenario;
  const demo = await startDemoTarget({ port: 0 });
  t.after(() => demo.close()); // also when an assertion fails: an open server would hold the file until its timeout
  const stats = createStatsCollector();
  const trackers = createTrackerSet(scenario.trackers, { runId: 'it', workerId: 'w0' });
  const g = createLoadGenerator({
    scenario,
    target: demo.url,
    runId: 'it',
    stats,
    trackers,
    log: silentLogger,
  });
  g.setLoad({ model: 'closed', stage: 0, users: 8, spawnRate: 0 });
  // Wait (by count, polling the server's own counter on each tracker drain) for enough traffic.
  let requests = 0;
  let failures = 0;
  let paired = 0;
  const reports = [];
  while (paired < 10) {
    await new Promise((r) => setTimeout(r, 100));
    const report = g.drain(false);
    reports.push(report);
    for (const e of report.entries) {
      requests += e.requests;
      failures += e.failures;
    }
    for (const tr of report.trackers) paired += tr.count;
  }
  await g.stop();
  const last = g.drain(true);
  for (const e of last.entries) {
    requests += e.requests;
    failures += e.failures;
  }
  for (const tr of last.trackers) paired += tr.count;
  assert.equal(failures, 0);
  assert.equal(requests, demo.requests(), 'the server saw exactly the requests the runner recorded');
  const names = new Set(reports.flatMap((r) => r.entries.map((e) => `${e.method} ${e.name}`)));
  assert.deepEqual([...names].sort(), ['GET job status', 'POST submit job']);
  const tracker = [...reports, last].flatMap((r) => r.trackers).find((t) => t.count > 0)!;
  assert.equal(tracker.metric, 'job latency');
  // A job is done 300 ms after the server took the submission. The pairing starts when the runner
  // has the submission's response, which can be up to that request's own latency later (a busy
  // machine), so no pairing is shorter than 300 ms less the slowest submission.
  const slowestSubmit = Math.max(...[...reports, last].flatMap((r) => r.entries.filter((e) => e.name === 'submit job').map((e) => e.maxMs)));
  assert.ok(tracker.minMs >= 299 - slowestSubmit, `min ${tracker.minMs}, slowest submission ${slowestSubmit} ms`);
  assert.ok(paired >= 10);
});
