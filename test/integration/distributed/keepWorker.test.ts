// `stampede worker --keep`: one worker process serves run after run of masters on the same address,
// stops on Ctrl-C (exit 0), and still exits 1 with the reason when it is refused for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_SOURCE, freePort, scenarioText, startCountingServer } from './helpers';

/** Master and workers share a token through the environment (never argv). */
function cli(args: string[], token = 'keep-test-token'): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, STAMPEDE_TOKEN: token },
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return { child, stderr: () => err };
}

/** The process's exit, or a failure after `limitMs` (a master left without its worker would wait forever). */
function exitOf(c: ChildProcess, limitMs = 30_000): Promise<[number | null, string | null]> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve([c.exitCode, c.signalCode]);
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    (once(c, 'exit') as Promise<[number | null, string | null]>).finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`pid ${c.pid} still running after ${limitMs} ms`)), limitMs);
    }),
  ]);
}

/** A scenario file of 1 s against `target`, in a fresh folder; and a loopback address for the master. */
async function setUp(target: string): Promise<{ dir: string; file: string; address: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-keep-'));
  const file = path.join(dir, 'keep.load.yaml');
  fs.writeFileSync(file, scenarioText({ target, users: 2, duration: '1s', workers: 0, thinkMs: 20 }));
  return { dir, file, address: `tcp://127.0.0.1:${await freePort()}` };
}

test('a kept worker serves two runs in a row, then stops on SIGINT with exit 0', async () => {
  const server = await startCountingServer();
  const { dir, file, address } = await setUp(server.url);
  const children: ChildProcess[] = [];
  try {
    // The worker starts first: there is no master yet, and it must wait rather than give up.
    const worker = cli(['worker', '--master', address, '--id', 'keeper', '--keep']);
    children.push(worker.child);

    const served: number[] = [];
    for (let run = 1; run <= 2; run++) {
      const before = server.arrivals.length;
      const master = cli(['master', file, '--bind', address, '--expect-workers', '1']);
      children.push(master.child);
      const [code] = await exitOf(master.child);
      assert.equal(
        code,
        0,
        `run ${run}: master exited ${code}\n${master.stderr()}\nworker:\n${worker.stderr()}`,
      );
      served.push(server.arrivals.length - before);
    }
    // That the kept worker served each run is the point; how much it sent in one second depends on
    // how busy the machine is (a loaded CI machine gave 18 where a quiet one gives ~90).
    for (const n of served)
      assert.ok(n > 0, `each run got load from the kept worker: ${served.join(', ')}`);
    assert.equal(
      worker.child.exitCode,
      null,
      `the worker is still there after two runs:\n${worker.stderr()}`,
    );
    assert.match(worker.stderr(), /the run is over; waiting for the next one/);

    worker.child.kill('SIGINT');
    const [code, signal] = await exitOf(worker.child);
    assert.deepEqual([code, signal], [0, null], worker.stderr());
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});

test('a kept worker with a wrong token exits 1 with the reason', async () => {
  const { dir, file, address } = await setUp('http://127.0.0.1:9');
  const children: ChildProcess[] = [];
  try {
    const master = cli(['master', file, '--bind', address, '--expect-workers', '1'], 'right');
    children.push(master.child);
    const worker = cli(['worker', '--master', address, '--id', 'wrong', '--keep'], 'wrong');
    children.push(worker.child);
    const [code] = await exitOf(worker.child);
    assert.equal(code, 1, worker.stderr());
    assert.match(worker.stderr(), /wrong token/);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
