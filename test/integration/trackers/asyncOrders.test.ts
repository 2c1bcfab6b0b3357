// End to end: examples/async-orders.load.yaml through the one run pipeline (runSession: listeners
// opened before load, the master, an in-process worker) against the embedded demo target, whose
// orders call a webhook or send a UDP datagram 50 to 250 ms after they are accepted. The listener
// ports are moved to free ones and the run shortened; everything else is the example as shipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import YAML from 'yaml';
import { startDemoTarget } from '../../../engine/demo/server';
import { runSession } from '../../../engine/session/runSession';
import { silentLogger } from '../../../engine/log';
import { analyzeScenario } from '../../../scenario/index';
import { freePort } from './callbackTarget';

const EXAMPLE = path.resolve(__dirname, '../../../examples/async-orders.load.yaml');

test('the async-orders example: every order placed is paired with its callback, 50-250 ms later', async () => {
  const [tcp, udp] = [await freePort('tcp'), await freePort('udp')];
  const text = fs
    .readFileSync(EXAMPLE, 'utf8')
    .replaceAll('8089', String(tcp))
    .replaceAll('8125', String(udp));
  const doc = YAML.parseDocument(text);
  doc.set('workers', 0);
  doc.set('load', doc.createNode({ users: 4, spawnRate: 100, duration: '3s' }));
  const source = doc.toString();
  const analysis = analyzeScenario(source);
  assert.ok(analysis.scenario, JSON.stringify(analysis.diagnostics));
  // The demo target, the listeners and the runner share this process: a callback's timer fires
  // late by as much as the loop is late (a loaded machine), so that lateness is measured.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const session = runSession(
    { file: EXAMPLE, source, scenario: analysis.scenario },
    { record: false },
    { log: silentLogger },
    { startDemoTarget: () => startDemoTarget() },
  );
  const end = await session.done;
  loopDelay.disable();
  // The histogram's max is the worst delay past each 10 ms tick; the tick itself is added.
  const lateMs = loopDelay.max / 1e6 + 10;
  assert.equal(end.exitCode, 0, end.message);
  const snap = end.result!.snapshot;
  assert.equal(snap.total.failures, 0, JSON.stringify(snap.errors));
  for (const [metric, request] of [
    ['order completion', 'place order'],
    ['udp order completion', 'place udp order'],
  ]) {
    const rows = snap.trackers.filter((t) => t.metric === metric);
    const placed = snap.entries.find((e) => e.name === request)!;
    assert.equal(rows.length, 1);
    const t = rows[0];
    const where = `${metric}: ${JSON.stringify(t)}, order response max ${placed.maxMs} ms, loop late ${lateMs.toFixed(1)} ms`;
    assert.ok(t.count > 0 && t.count === placed.requests, `every order paired, ${where}`);
    assert.equal(t.timedOut, 0, where);
    assert.equal(t.unmatched, 0, where);
    // The delay runs from the answer to the order; a response read late shortens what is measured.
    assert.ok(t.min >= 50 * 0.99 - placed.maxMs, `min below the shortest delay, ${where}`);
    assert.ok(t.p50 > 50 && t.p50 < 250 + placed.maxMs + lateMs, `p50 outside the delays, ${where}`);
  }
  assert.deepEqual(
    snap.eventSources?.map((s) => [s.name, s.malformed]),
    [
      ['order done', 0],
      ['order shipped', 0],
    ],
  );
});
