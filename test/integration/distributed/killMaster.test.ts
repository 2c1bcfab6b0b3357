// kill -9 the master (`stampede master` with two remote `stampede worker`s, no IPC between them):
// the workers stop sending requests within 5 s and exit. No orphan load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_SOURCE, freePort, scenarioText, startCountingServer } from './helpers';

const cli = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, STAMPEDE_TOKEN: 'kill-master-test' },
  });

test('kill -9 the master: workers stop sending within 5 s and exit', async () => {
  const server = await startCountingServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-kill-master-'));
  const children: ChildProcess[] = [];
  try {
    const file = path.join(dir, 'kill.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText({ target: server.url, users: 4, duration: '60s', workers: 0, thinkMs: 20 }),
    );
    const address = `tcp://127.0.0.1:${await freePort()}`;
    const master = cli(['master', file, '--bind', address, '--expect-workers', '2']);
    children.push(master);
    const workers = ['a', 'b'].map((id) => cli(['worker', '--master', address, '--id', id]));
    children.push(...workers);
    const exits = workers.map((w) => once(w, 'exit') as Promise<[number | null, string | null]>);

    let masterSaid = '';
    master.stderr!.setEncoding('utf8').on('data', (d: string) => (masterSaid += d));
    const masterExited = once(master, 'exit').then(() => false);

    // Signal: load is flowing from both workers (the server has seen a good number of requests).
    let poll: NodeJS.Timeout | undefined;
    const flowing = new Promise<boolean>((resolve) => {
      poll = setInterval(() => server.arrivals.length >= 100 && resolve(true), 50);
    });
    // A master that ends by itself first (say, its workers were judged missing) fails here with
    // what it said, rather than a wait that lasts until the runner's timeout.
    const loaded = await Promise.race([flowing, masterExited]);
    clearInterval(poll);
    if (!loaded) assert.fail(`the master exited before the load flowed:\n${masterSaid}`);
    master.kill('SIGKILL');
    const killedAt = performance.now();

    const codes = await Promise.all(exits);
    const exitedAt = performance.now();
    const last = server.arrivals[server.arrivals.length - 1];
    assert.ok(
      last - killedAt <= 5000,
      `requests kept arriving ${Math.round(last - killedAt)} ms after the kill`,
    );
    assert.ok(
      exitedAt - killedAt <= 7000,
      `workers exited ${Math.round(exitedAt - killedAt)} ms after the kill`,
    );
    for (const [code] of codes) assert.equal(code, 3);
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});
