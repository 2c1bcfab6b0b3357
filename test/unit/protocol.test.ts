import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asMasterToWorker, asWorkerToMaster, ENGINE_PROTOCOL_VERSION } from '../../common/protocol/engine';

test('engine protocol guards accept valid messages and reject malformed ones', () => {
  const ready = { kind: 'ready', protocolVersion: ENGINE_PROTOCOL_VERSION, workerId: 'w1', host: 'h', pid: 1, cpus: 2 };
  assert.deepEqual(asWorkerToMaster(ready), ready);
  assert.equal(asWorkerToMaster({ kind: 'ready', workerId: 'w1' }), undefined);
  assert.equal(asWorkerToMaster({ kind: 'nonsense', workerId: 'w1' }), undefined);
  assert.equal(asWorkerToMaster(null), undefined);
  assert.equal(asMasterToWorker({ kind: 'start', runId: 'r' }), undefined);
  assert.deepEqual(asMasterToWorker({ kind: 'stop' }), { kind: 'stop' });
});
