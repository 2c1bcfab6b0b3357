// Shared by the CLI's integration tests: a loopback server that counts what it got, scenario files
// in fresh folders, the --json summary, and a run stopped once the target has seen enough load.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startCli, type CliResult } from './runCli';

export interface CountingServer {
  url: string;
  count: () => number;
  /** Resolves once the server has had `n` requests: a run is stopped on that, not after a fixed time. */
  until: (n: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function countingServer(): Promise<CountingServer> {
  let n = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    n++;
    for (const w of waiters.splice(0)) (n >= w.n ? w.resolve : () => waiters.push(w))();
    const body = req.url === '/slow' ? '' : 'hello';
    setTimeout(() => res.end(body), req.url === '/slow' ? 30 : 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => n,
    until: (target) =>
      new Promise((resolve) => (n >= target ? resolve() : waiters.push({ n: target, resolve }))),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function tmpScenario(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-cli-'));
  const file = path.join(dir, 'test.load.yaml');
  fs.writeFileSync(file, text);
  return file;
}

/**
 * Runs the CLI until `enough` resolves (the target has seen the load a test needs), then stops it
 * with Ctrl-C as a person would: a run of fixed length sends too little on a loaded machine
 * (a 1 s run sent 4 requests at load 15). If the CLI exits first, its result is what it said.
 */
export async function runUntil(args: string[], enough: Promise<void>): Promise<CliResult> {
  const run = startCli(args);
  if (await Promise.race([enough.then(() => true), run.exited.then(() => false)])) run.interrupt();
  return run.exited;
}

export function lastJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}
