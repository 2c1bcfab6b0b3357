import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asMasterToWorker, asWorkerToMaster, ENGINE_PROTOCOL_VERSION } from '../../common/protocol/engine';
import { asEngineToHost, asHostToEngine } from '../../common/protocol/host';

test('engine protocol guards accept valid messages and reject malformed ones', () => {
  const ready = {
    kind: 'ready',
    protocolVersion: ENGINE_PROTOCOL_VERSION,
    workerId: 'w1',
    host: 'h',
    pid: 1,
    cpus: 2,
  };
  assert.deepEqual(asWorkerToMaster(ready), ready);
  assert.equal(asWorkerToMaster({ kind: 'ready', workerId: 'w1' }), undefined);
  assert.equal(asWorkerToMaster({ kind: 'nonsense', workerId: 'w1' }), undefined);
  assert.equal(asWorkerToMaster(null), undefined);
  assert.equal(asMasterToWorker({ kind: 'start', runId: 'r' }), undefined);
  assert.deepEqual(asMasterToWorker({ kind: 'stop', graceMs: 0 }), { kind: 'stop', graceMs: 0 });
});

test('guards check the fields each handler reads, not only the kind', () => {
  // Each of these has a valid kind but a field the handler would read is missing or mistyped.
  const fromWorkers = [
    { kind: 'heartbeat', workerId: 'w1', users: 'many', cpu: 0, loopDelayMs: 0 },
    {
      kind: 'report',
      workerId: 'w1',
      seq: 1,
      final: false,
      users: 1,
      cpu: 0,
      loopDelayMs: 0,
      stats: { entries: 1 },
    },
    {
      kind: 'report',
      workerId: 'w1',
      seq: 1,
      final: 'yes',
      users: 1,
      cpu: 0,
      loopDelayMs: 0,
      stats: { entries: [], errors: [], trackers: [] },
    },
    { kind: 'goodbye', workerId: 'w1' },
    { kind: 'startFailed', workerId: 'w1', reason: 3 },
    { kind: 'exception', workerId: 'w1' },
  ];
  for (const m of fromWorkers) assert.equal(asWorkerToMaster(m), undefined, JSON.stringify(m));
  const toWorkers = [
    { kind: 'stop' },
    { kind: 'accepted', heartbeatMs: 1000 },
    { kind: 'refused' },
    { kind: 'load', model: 'closed', stage: 0, users: 1, spawnRate: 1, kinds: [1] },
    {
      kind: 'load',
      model: 'closed',
      stage: 0,
      users: 1,
      spawnRate: 1,
      kinds: ['a'],
      segment: { index: 0, count: 1 },
    },
    { kind: 'load', model: 'open', stage: 0, arrivalRate: 1, segment: { index: 0, count: 1 } },
    { kind: 'load', model: 'other', stage: 0, segment: { index: 0, count: 1 } },
    { kind: 'start', runId: 'r', scenarioSource: '' },
  ];
  for (const m of toWorkers) assert.equal(asMasterToWorker(m), undefined, JSON.stringify(m));
  const load = {
    kind: 'load',
    model: 'open',
    stage: 0,
    arrivalRate: 1,
    maxUsers: 2,
    segment: { index: 1, count: 2 },
  };
  assert.deepEqual(asMasterToWorker(load), load);
});

test('host protocol guards check the options of start and the fields of every message', () => {
  const start = {
    kind: 'start',
    file: '/a.load.yaml',
    source: 'x',
    options: { users: 3, insecure: true, target: 'http://x' },
  };
  assert.deepEqual(asHostToEngine(start), start);
  assert.equal(asHostToEngine({ ...start, options: { users: '3' } }), undefined);
  assert.equal(asHostToEngine({ ...start, options: { unknown: 1 } }), undefined);
  assert.equal(asHostToEngine({ kind: 'start', file: '/a', options: {} }), undefined);
  assert.equal(asHostToEngine({ kind: 'setUsers' }), undefined);
  assert.equal(asEngineToHost({ kind: 'finished', exitCode: 0, message: 'ok' }), undefined);
  assert.equal(asEngineToHost({ kind: 'log', level: 'loud', message: 'x' }), undefined);
  assert.ok(asEngineToHost({ kind: 'finished', exitCode: 0, message: 'ok', resultFiles: [] }));
});
