// The master/worker channel under attack, with rogue peers written with zeromq and msgpack only:
// a peer without the run's token never completes a handshake, so it never receives `start` (the
// scenario's source) and nothing it sends is merged, under any routing id; a rogue master never
// sees the token; oversized messages drop the peer; refusals are logged a few at a time, clipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveKeyPair, Router } from 'zeromq';
import { decode } from '@msgpack/msgpack';
import { startRun } from '../../../engine/master/index';
import { deriveCurveKeys } from '../../../engine/transport/curveKeys';
import { parse, scenarioText, SnapshotWaiter, startCountingServer } from '../distributed/helpers';
import { CLI, startCli } from '../cli/runCli';
import { capturingLog, connectRogue, readyMessage } from './rogue';

const SECRET_HEADER = 'Bearer scenario-secret-4711';

function scenarioWithSecret(target: string, workers: number): string {
  return scenarioText({ target, users: 2, duration: '60s', workers, thinkMs: 20 }).replace(
    '        get: /hello\n',
    `        get: /hello\n        headers: { Authorization: "${SECRET_HEADER}" }\n`,
  );
}

const bogusReport = (workerId: string, seq: number): Record<string, unknown> => ({
  kind: 'report',
  workerId,
  seq,
  final: false,
  users: 1,
  cpu: 0,
  loopDelayMs: 0,
  stats: {
    entries: [],
    errors: [{ name: '/hello', method: 'GET', error: 'forged', count: 1e9 }],
    trackers: [],
  },
});

test('a local run: peers without its secret never get start, and nothing they send is merged', async () => {
  const server = await startCountingServer();
  const { log, lines, address } = capturingLog();
  const source = scenarioWithSecret(server.url, 1);
  const waiter = new SnapshotWaiter();
  const handle = startRun(
    { scenarioPath: 'local.load.yaml', source, scenario: parse(source), log, onSnapshot: waiter.onSnapshot },
    // The bundled CLI (npm test builds it first): it starts in a fraction of tsx's time.
    { cliPath: CLI, snapshotIntervalMs: 100 },
  );
  const rogues = [];
  try {
    const master = await address;
    const plain = connectRogue(master, 'plain');
    const guessed = deriveCurveKeys('a guessed token');
    const wrongToken = connectRogue(master, 'wrong-token', {
      curveServerKey: guessed.master.publicKey,
      curvePublicKey: guessed.worker.publicKey,
      curveSecretKey: guessed.worker.secretKey,
    });
    rogues.push(plain, wrongToken);
    for (const r of rogues) {
      void r.send(readyMessage('w9'));
      void r.send(bogusReport('w1', 1000));
    }
    assert.deepEqual(await Promise.all(rogues.map((r) => r.outcome)), ['refused', 'refused']);
    await waiter.until((s) => s.state === 'running' && s.total.requests > 10);
    await handle.stop();
    const result = await handle.done;
    assert.equal(result.error, undefined);
    for (const r of rogues) assert.deepEqual(r.received, []);
    assert.deepEqual(
      result.snapshot.workers.map((w) => w.id),
      ['w1'],
    );
    assert.equal(result.snapshot.total.requests, server.arrivals.length);
    assert.deepEqual(
      result.snapshot.errors.filter((e) => e.error === 'forged'),
      [],
    );
    assert.ok(
      lines.some((l) => /refused a connection from tcp:\/\/127\.0\.0\.1:\d+/.test(l)),
      lines.join('\n'),
    );
  } finally {
    for (const r of rogues) r.close();
    await server.close();
  }
});

test("a dead worker's routing id cannot be taken over without the token, even with the master's public key", async () => {
  const server = await startCountingServer();
  const { log, address } = capturingLog();
  const source = scenarioWithSecret(server.url, 0);
  const waiter = new SnapshotWaiter();
  const token = 'the-right-token';
  const handle = startRun(
    {
      scenarioPath: 'remote.load.yaml',
      source,
      scenario: parse(source),
      overrides: { token, bind: 'tcp://127.0.0.1:0', expectWorkers: 2 },
      missingWorkerPolicy: 'continue',
      log,
      onSnapshot: waiter.onSnapshot,
    },
    { snapshotIntervalMs: 100 },
  );
  const master = await address;
  const workers = ['w1', 'w2'].map(
    (id) => startCli(['worker', '--master', master, '--id', id], { env: { STAMPEDE_TOKEN: token } }).child,
  );
  const rogues = [];
  try {
    await waiter.until((s) => s.state === 'running' && s.workers.every((w) => w.requests > 0));
    workers[1].kill('SIGKILL');
    const before = await waiter.until((s) => s.workers.some((w) => w.id === 'w2' && w.state === 'missing'));
    // One rogue knows the master's public key (say it leaked) and brings a key pair of its own.
    const own = curveKeyPair();
    const leaked = connectRogue(master, 'w2', {
      curveServerKey: deriveCurveKeys(token).master.publicKey,
      curvePublicKey: own.publicKey,
      curveSecretKey: own.secretKey,
    });
    const plain = connectRogue(master, 'w2');
    rogues.push(leaked, plain);
    for (const r of rogues) {
      void r.send({ kind: 'heartbeat', workerId: 'w2', state: 'running', users: 5, cpu: 0, loopDelayMs: 0 });
      void r.send(bogusReport('w2', 99));
    }
    assert.deepEqual(await Promise.all(rogues.map((r) => r.outcome)), ['refused', 'refused']);
    assert.equal(await leaked.handshakeFailed, 'auth');
    await handle.stop();
    const result = await handle.done;
    for (const r of rogues) assert.deepEqual(r.received, []);
    const w2 = result.snapshot.workers.find((w) => w.id === 'w2');
    assert.equal(w2?.state, 'missing');
    assert.equal(w2?.requests, before.workers.find((w) => w.id === 'w2')?.requests);
    assert.deepEqual(
      result.snapshot.errors.filter((e) => e.error === 'forged'),
      [],
    );
  } finally {
    for (const r of rogues) r.close();
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await server.close();
  }
});

test('a rogue master never sees the token, and the worker says it is no Stampede master and exits 1', async () => {
  const rogueMaster = new Router({ linger: 0 });
  await rogueMaster.bind('tcp://127.0.0.1:0');
  const received: unknown[] = [];
  void (async () => {
    try {
      for await (const [, payload] of rogueMaster) received.push(decode(payload));
    } catch {
      // closed
    }
  })();
  const token = 'token-that-must-not-leak';
  const worker = startCli(['worker', '--master', rogueMaster.lastEndpoint!, '--id', 'honest'], {
    env: { STAMPEDE_TOKEN: token },
  });
  const { code, stderr } = await worker.exited;
  rogueMaster.close();
  assert.equal(code, 1, stderr);
  // Which of the two the worker meets first is a race of the handshake (a protocol error, or the
  // rogue cutting it): either way it says the peer is no Stampede master for its token.
  assert.match(stderr, /does not speak Stampede's encrypted protocol|it is not a Stampede master/);
  assert.deepEqual(received, []);
  assert.doesNotMatch(JSON.stringify(received), new RegExp(token));
});

test('an oversized message drops its peer; refusals are rate-limited and their peer strings clipped', async () => {
  const { log, lines, address } = capturingLog();
  const source = scenarioText({
    target: 'http://127.0.0.1:9',
    users: 1,
    duration: '60s',
    workers: 0,
    thinkMs: 10,
  });
  const token = 'size-test-token';
  const keys = deriveCurveKeys(token);
  const handle = startRun({
    scenarioPath: 'size.load.yaml',
    source,
    scenario: parse(source),
    overrides: { token, expectWorkers: 1 },
    log,
  });
  const master = await address;
  const authenticated = {
    curveServerKey: keys.master.publicKey,
    curvePublicKey: keys.worker.publicKey,
    curveSecretKey: keys.worker.secretKey,
  };
  const big = connectRogue(master, 'big', authenticated);
  const chatty = connectRogue(master, 'chatty', authenticated);
  try {
    await big.handshaken;
    void big.sendRaw(Buffer.alloc(20 * 1024 * 1024, 0x41));
    await big.droppedAfterHandshake;

    const attempts = 30;
    for (let i = 0; i < attempts; i++)
      await chatty.send(readyMessage('chatty', { protocolVersion: 99, host: 'h'.repeat(100_000) }));
    // Signal: the master answered every one (so it logged whatever it was going to log).
    while (chatty.received.length < attempts) await new Promise((r) => setImmediate(r));
    assert.ok(chatty.received.every((m) => (m as { kind: string }).kind === 'refused'));
    const refusals = lines.filter((l) => /refused worker chatty/.test(l));
    assert.ok(refusals.length >= 1 && refusals.length <= 5, `${refusals.length} refusal lines`);
    for (const l of refusals) assert.ok(l.length < 1000, `a refusal line of ${l.length} characters`);
  } finally {
    big.close();
    chatty.close();
    await handle.stop();
    await handle.done;
  }
});
