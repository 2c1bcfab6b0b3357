// A worker that holds the token but reports nonsense (negative counts, NaN, 1e308 ms, 100,000
// invented entry names, histograms that do not decode or do not match their counters): each such
// report is dropped whole with a warning naming the worker, the good ones are merged, and the run
// ends normally. Over the in-memory transport, so every message is still msgpack-encoded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntryReport, MasterToWorker, WorkerToMaster } from '../../../common/protocol/engine';
import { ENGINE_PROTOCOL_VERSION } from '../../../common/protocol/engine';
import { startRun } from '../../../engine/master/index';
import { EntryTable } from '../../../engine/stats/entryTable';
import { Histogram } from '../../../engine/stats/histogram';
import { toWireStats } from '../../../engine/stats/wireStats';
import { createMemoryHub } from '../../../engine/transport/memory';
import { closedScenario } from './fakes';

function entry(requests: number, overrides: Partial<EntryReport> = {}): EntryReport {
  const h = new Histogram();
  for (let i = 0; i < requests; i++) h.record(5);
  return {
    name: '/fake',
    method: 'GET',
    requests,
    failures: 0,
    totalMs: 5 * requests,
    minMs: 5,
    maxMs: 5,
    bytes: 100 * requests,
    histogram: h.encode(),
    perSecond: [[1_700_000_000, requests, 0]],
    ...overrides,
  };
}

/**
 * Reports as a worker of this scenario encodes them (protocol 3: entries by their index in the
 * request table); an invented name gets an index past the scenario's table.
 */
const table = EntryTable.forScenario(closedScenario(1, 60_000));

function report(seq: number, entries: EntryReport[], final = false): WorkerToMaster {
  return {
    kind: 'report',
    workerId: 'evil',
    seq,
    final,
    users: 1,
    cpu: 0.1,
    loopDelayMs: 1,
    stats: toWireStats({ entries, errors: [], trackers: [] }, table),
  };
}

/** A run of the one-request fake scenario with one worker `id` over the in-memory transport, past `start`. */
async function acceptedWorker(id: string) {
  const scenario = closedScenario(1, 60_000);
  const hub = createMemoryHub();
  const warnings: string[] = [];
  const handle = startRun(
    {
      scenarioPath: id,
      source: JSON.stringify(scenario),
      scenario,
      overrides: { expectWorkers: 1 },
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (m) => warnings.push(m),
        error: (m) => warnings.push(m),
      },
    },
    { transport: hub.master, snapshotIntervalMs: 20 },
  );
  const worker = hub.connect(id);
  const inbox = worker.messages[Symbol.asyncIterator]();
  const next = async (): Promise<MasterToWorker> => (await inbox.next()).value as MasterToWorker;
  await worker.send({
    kind: 'ready',
    protocolVersion: ENGINE_PROTOCOL_VERSION,
    workerId: id,
    host: 'h',
    pid: 1,
    cpus: 1,
  });
  assert.equal((await next()).kind, 'accepted');
  assert.equal((await next()).kind, 'start');
  return { handle, worker, warnings };
}

test('hostile reports are dropped with a warning naming the worker; good ones merge; the run goes on', async () => {
  const { handle, worker: evil, warnings } = await acceptedWorker('evil');

  const invented = Array.from({ length: 100_000 }, (_, i) => entry(1, { name: `/invented-${i}` }));
  const hostile: EntryReport[][] = [
    [entry(3, { requests: -5 })],
    [entry(3, { minMs: Number.NaN })],
    [entry(3, { maxMs: 1e308 })],
    invented,
    [entry(3, { histogram: new Uint8Array([1, 2, 3]) })],
    [entry(3, { requests: 1e9 })],
  ];
  let seq = 0;
  for (const entries of hostile) await evil.send(report(++seq, entries));
  await evil.send(report(++seq, [entry(7)]));
  await evil.send(report(++seq, [entry(3)], true));
  await handle.stop();
  const result = await handle.done;

  assert.equal(result.error, undefined);
  assert.equal(result.snapshot.total.requests, 10);
  assert.equal(result.snapshot.total.maxMs, 5);
  assert.deepEqual(
    result.snapshot.entries.map((e) => e.name),
    ['/fake'],
  );
  const dropped = warnings.filter((w) => /^dropped a report from worker evil: /.test(w));
  // One line per dropped report at most (fewer once the rate limit of refusal lines kicks in).
  assert.ok(dropped.length >= 1 && dropped.length <= hostile.length, warnings.join('\n'));
  assert.match(dropped[0], /requests "-5" is not a non-negative integer/);
  await evil.close();
});

test('a report sent again, or out of order, is merged exactly once', async () => {
  const { handle, worker: w } = await acceptedWorker('w');
  const sends: Array<[number, number]> = [
    [1, 2],
    [1, 2],
    [3, 4],
    [2, 1],
    [3, 4],
    [2, 1],
  ];
  for (const [seq, requests] of sends) await w.send({ ...report(seq, [entry(requests)]), workerId: 'w' });
  await w.send({ ...report(4, [entry(1)], true), workerId: 'w' });
  await handle.stop();
  const result = await handle.done;
  assert.equal(result.snapshot.total.requests, 2 + 4 + 1 + 1);
  await w.close();
});

test('a report naming an entry index the scenario does not have is dropped whole, the reason logged', async () => {
  const { handle, worker: w, warnings } = await acceptedWorker('w');
  // An entry the one-request scenario lacks (index 1), beside a good error row: nothing of it merges.
  const bad = report(1, [entry(4)]);
  if (bad.kind !== 'report') throw new Error('not a report');
  bad.stats.entries[0][0] = 1;
  bad.stats.errors.push([0, 'HTTP 500', 1]);
  await w.send({ ...bad, workerId: 'w' });
  await w.send({ ...report(2, [entry(3)], true), workerId: 'w' });
  await handle.stop();
  const result = await handle.done;
  assert.equal(result.snapshot.total.requests, 3);
  assert.deepEqual(result.snapshot.errors, []);
  assert.match(
    warnings.join('\n'),
    /dropped a report from worker w: an entry names entry "1", which is not a request of the scenario \(it has 1\)/,
  );
  await w.close();
});
