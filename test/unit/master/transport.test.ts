// The ZeroMQ transport on loopback: concurrent sends are serialised (no EBUSY) and arrive in order,
// a send to an unknown worker fails (mandatory routing) instead of vanishing, and bytes that are
// not a valid message are dropped and reported, never thrown. The in-memory transport encodes too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dealer } from 'zeromq';
import type { MasterToWorker } from '../../../common/protocol/engine';
import { deriveCurveKeys } from '../../../engine/transport/curveKeys';
import { createMemoryHub } from '../../../engine/transport/memory';
import { bindZmqMaster, connectZmqWorker } from '../../../engine/transport/zmq';

const TOKEN = 'transport-test-token';

/** Reads n items without ending the iteration (breaking out of `for await` would end the queue). */
async function take<T>(it: AsyncIterable<T>, n: number): Promise<T[]> {
  const iterator = it[Symbol.asyncIterator]();
  const out: T[] = [];
  while (out.length < n) {
    const r = await iterator.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

test('zmq: concurrent sends arrive in order, unknown workers fail, garbage is dropped', async () => {
  let onInvalid!: (d: string) => void;
  const invalid = new Promise<string>((r) => (onInvalid = r));
  const master = await bindZmqMaster('tcp://127.0.0.1:0', { token: TOKEN, onInvalid: (d) => onInvalid(d) });
  assert.match(master.address, /^tcp:\/\/127\.0\.0\.1:\d+$/);
  const worker = connectZmqWorker(master.address, 'w1', { token: TOKEN });
  await worker.send({ kind: 'heartbeat', workerId: 'w1', users: 0, cpu: 0, loopDelayMs: 0 });
  const [first] = await take(master.messages, 1);
  assert.deepEqual(first, {
    workerId: 'w1',
    message: { kind: 'heartbeat', workerId: 'w1', users: 0, cpu: 0, loopDelayMs: 0 },
  });

  const loads: MasterToWorker[] = Array.from({ length: 200 }, (_, i) => ({
    kind: 'load',
    model: 'closed',
    stage: i,
    users: i,
    spawnRate: 1,
    kinds: [i],
    segment: { index: 0, count: 1 },
  }));
  await Promise.all(loads.map((m) => master.send('w1', m)));
  const got = await take(worker.messages, 200);
  assert.deepEqual(
    got.map((m) => (m.kind === 'load' ? m.stage : -1)),
    loads.map((_, i) => i),
  );

  await assert.rejects(master.send('nobody', { kind: 'heartbeat' }));

  // A peer that holds the token but sends bytes that are no message.
  const keys = deriveCurveKeys(TOKEN);
  const raw = new Dealer({
    routingId: 'raw',
    linger: 0,
    curveServerKey: keys.master.publicKey,
    curvePublicKey: keys.worker.publicKey,
    curveSecretKey: keys.worker.secretKey,
  });
  raw.connect(master.address);
  await raw.send(Buffer.from([0xc1, 0xff, 0x00]));
  assert.match(await invalid, /raw/);
  await worker.send({ kind: 'goodbye', workerId: 'w1', reason: 'done' });
  const [after] = await take(master.messages, 1);
  assert.equal(after.message.kind, 'goodbye');
  raw.close();
  await worker.close();
  await master.close();
});

test('memory: messages are encoded and decoded, and a closed transport ends the iteration', async () => {
  const hub = createMemoryHub();
  const w = hub.connect('w1');
  const histogram = new Uint8Array([1, 2, 3]);
  await w.send({
    kind: 'report',
    workerId: 'w1',
    seq: 1,
    final: false,
    users: 1,
    cpu: 0,
    loopDelayMs: 0,
    stats: {
      entries: [[0, 1, 0, 1, 1, 1, 0, histogram, [1, 1, 0]]],
      errors: [],
      trackers: [],
    },
  });
  const [m] = await take(hub.master.messages, 1);
  assert.equal(m.message.kind, 'report');
  const sent = m.message.kind === 'report' ? m.message.stats.entries[0][7] : undefined;
  // A copy that went through msgpack, not the sender's object.
  assert.notEqual(sent, histogram);
  assert.deepEqual([...(sent as Uint8Array)], [1, 2, 3]);
  await assert.rejects(hub.master.send('nobody', { kind: 'stop', graceMs: 0 }));
  await hub.master.close();
  assert.deepEqual(await take(hub.master.messages, 5), []);
  await w.close();
});
