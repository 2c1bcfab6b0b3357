// A worker with a wrong token or another protocol version is refused, with a clear message on both
// sides: the master logs why, the worker prints why and exits 1. An unsafe bind is refused too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { ENGINE_PROTOCOL_VERSION } from '../../../common/protocol/engine';
import { startRun } from '../../../engine/master/index';
import { CLI_SOURCE, capturingLog, parse, scenarioText } from './helpers';

async function runWorker(args: string[], token?: string): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env };
  delete env.STAMPEDE_TOKEN;
  if (token !== undefined) env.STAMPEDE_TOKEN = token;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, 'worker', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

const source = scenarioText({
  target: 'http://127.0.0.1:9',
  users: 1,
  duration: '1s',
  workers: 1,
  thinkMs: 10,
});

test('a wrong token and a wrong protocol version are refused, with the reason on both sides', async () => {
  const { log, lines, address } = capturingLog();
  const handle = startRun({
    scenarioPath: 'refused.load.yaml',
    source,
    scenario: parse(source),
    overrides: { token: 'right', expectWorkers: 1 },
    log,
  });
  const master = await address;

  // The token never crosses the wire: the encrypted handshake fails, and both sides say so.
  const wrongToken = await runWorker(['--master', master, '--id', 'intruder'], 'wrong');
  assert.equal(wrongToken.code, 1);
  assert.match(wrongToken.stderr, /refused by the master: wrong token/);
  assert.ok(
    lines.some((l) => /refused a connection from tcp:\/\/127\.0\.0\.1:\d+: .*wrong token/.test(l)),
    lines.join('\n'),
  );

  const noToken = await runWorker(['--master', master, '--id', 'tokenless']);
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /remote workers need a shared token: set STAMPEDE_TOKEN/);

  const oldVersion = await runWorker(
    ['--master', master, '--id', 'old', '--protocol-version', '99'],
    'right',
  );
  assert.equal(oldVersion.code, 1);
  assert.match(
    oldVersion.stderr,
    new RegExp(`protocol version 99 does not match the master's ${ENGINE_PROTOCOL_VERSION}`),
  );
  assert.ok(
    lines.some((l) => /refused worker old .*protocol version 99/.test(l)),
    lines.join('\n'),
  );

  // A worker of the previous protocol (2: reports with named entries) is refused before it
  // sends any report, and both sides name both versions.
  const v2 = await runWorker(['--master', master, '--id', 'v2', '--protocol-version', '2'], 'right');
  assert.equal(v2.code, 1);
  assert.equal(ENGINE_PROTOCOL_VERSION, 3);
  assert.match(v2.stderr, /protocol version 2 does not match the master's 3: run the same Stampede version/);
  assert.ok(
    lines.some((l) => /refused worker v2 .*protocol version 2 does not match the master's 3/.test(l)),
    lines.join('\n'),
  );

  await handle.stop();
  const result = await handle.done;
  assert.deepEqual(result.snapshot.workers, []);
});

test('binding beyond loopback without a token is refused with a hint', async () => {
  const handle = startRun({
    scenarioPath: 'refused.load.yaml',
    source,
    scenario: parse(source),
    overrides: { bind: 'tcp://0.0.0.0:0', expectWorkers: 1 },
  });
  const result = await handle.done;
  assert.match(result.error ?? '', /set a shared token with --token/);
});
