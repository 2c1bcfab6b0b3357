// The master's listeners against what a sender may do: bodies over 64 KiB, bytes that are not
// JSON, wrong paths and methods, a UDP port in use. Real sockets on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { openEventListeners, ListenerError } from '../../../engine/events/listeners';
import { MAX_EVENT_BYTES } from '../../../engine/events/eventBody';
import { silentLogger } from '../../../engine/log';
import { freePort } from '../../integration/trackers/callbackTarget';

test('webhook: JSON taken (202); too large (413), not JSON (400), wrong path or method refused and counted', async () => {
  const port = await freePort('tcp');
  const listeners = await openEventListeners(
    [{ name: 'hook', kind: 'webhook', host: '127.0.0.1', port, path: '/h' }],
    {},
    silentLogger,
  );
  const got: unknown[] = [];
  listeners.deliverTo((source, body) => got.push([source, body]));
  const url = `http://127.0.0.1:${port}`;
  try {
    const post = async (path: string, body: string, method = 'POST') =>
      (await fetch(url + path, { method, body: method === 'GET' ? undefined : body })).status;
    assert.equal(await post('/h', '{"id":1}'), 202);
    assert.equal(await post('/h', JSON.stringify({ pad: 'x'.repeat(MAX_EVENT_BYTES) })), 413);
    assert.equal(await post('/h', '{nope'), 400);
    assert.equal(await post('/elsewhere', '{}'), 404);
    assert.equal(await post('/h', '', 'GET'), 405);
    assert.deepEqual(got, [['hook', { id: 1 }]]);
    assert.deepEqual(listeners.stats(), [{ name: 'hook', kind: 'webhook', received: 1, malformed: 4 }]);
  } finally {
    await listeners.close();
  }
});

test('udp: one JSON object per datagram, garbage counted; a port in use is refused with the reason', async () => {
  const busy = dgram.createSocket('udp4');
  await new Promise<void>((r) => busy.bind(0, '127.0.0.1', r));
  const taken = busy.address().port;
  await assert.rejects(
    openEventListeners([{ name: 'dg', kind: 'udp', host: '127.0.0.1', port: taken }], {}, silentLogger),
    (err: unknown) =>
      err instanceof ListenerError && /listener `dg`: UDP port \d+ on 127.0.0.1 is in use/.test(err.message),
  );
  busy.close();
  const port = await freePort('udp');
  const listeners = await openEventListeners(
    [{ name: 'dg', kind: 'udp', host: '127.0.0.1', port }],
    {},
    silentLogger,
  );
  const got: unknown[] = [];
  let settle!: () => void;
  const two = new Promise<void>((r) => (settle = r));
  listeners.deliverTo((_, body) => {
    got.push(body);
    if (got.length === 2) settle();
  });
  const sender = dgram.createSocket('udp4');
  try {
    // Datagrams on loopback arrive in order: the garbage one is counted before the last one comes.
    for (const d of ['{"a":1}', 'garbage', '{"b":2}']) sender.send(d, port, '127.0.0.1');
    await two;
    assert.deepEqual(got, [{ a: 1 }, { b: 2 }]);
    assert.deepEqual(listeners.stats()[0], { name: 'dg', kind: 'udp', received: 2, malformed: 1 });
  } finally {
    sender.close();
    await listeners.close();
  }
});
