// Shared pieces of the distributed tests: a loopback HTTP server that counts requests per
// millisecond of arrival, scenario text, and waiting for a condition on the run's snapshots.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunSnapshot } from '../../../common/snapshot';
import type { Logger } from '../../../engine/log';
import { analyzeScenario } from '../../../scenario/index';
import type { Scenario } from '../../../scenario/model';

export const CLI_SOURCE = path.resolve(__dirname, '../../../engine/cli/main.ts');

export interface CountingServer {
  url: string;
  /** Arrival times (performance.now()) of every request. */
  arrivals: number[];
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  const arrivals: number[] = [];
  const server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    req.resume();
    res.end('ok');
  });
  return { ...(await listenOnLoopback(server)), arrivals };
}

/** Listens on a free loopback port with long keep-alive; close() also ends open connections. */
export async function listenOnLoopback(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Requests per second that arrived in [from, to) (performance.now() times). */
export function rateBetween(arrivals: number[], from: number, to: number): number {
  return arrivals.filter((t) => t >= from && t < to).length / ((to - from) / 1000);
}

export function scenarioText(o: {
  target: string;
  users: number;
  duration: string;
  workers: number;
  thinkMs: number;
}): string {
  return [
    'name: distributed test',
    `target: ${o.target}`,
    'load:',
    `  users: ${o.users}`,
    '  spawnRate: 1000',
    `  duration: ${o.duration}`,
    `workers: ${o.workers}`,
    'users:',
    '  - name: u',
    `    think: ${o.thinkMs}ms`,
    '    tasks:',
    '      - name: hello',
    '        get: /hello',
    '',
  ].join('\n');
}

export function parse(source: string): Scenario {
  const a = analyzeScenario(source);
  if (!a.scenario) throw new Error(`test scenario invalid: ${JSON.stringify(a.diagnostics)}`);
  return a.scenario;
}

/** Resolves with the first snapshot that satisfies `predicate` (fed from onSnapshot). */
export class SnapshotWaiter {
  last: RunSnapshot | undefined;
  private waiters: Array<{ predicate: (s: RunSnapshot) => boolean; resolve: (s: RunSnapshot) => void }> = [];

  readonly onSnapshot = (s: RunSnapshot): void => {
    this.last = s;
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(s)) return true;
      w.resolve(s);
      return false;
    });
  };

  until(predicate: (s: RunSnapshot) => boolean): Promise<RunSnapshot> {
    if (this.last && predicate(this.last)) return Promise.resolve(this.last);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port that was free a moment ago on loopback (for a master's --bind address). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A logger that keeps every line and finds the master's address in them. */
export function capturingLog(): { log: Logger; lines: string[]; address: Promise<string> } {
  const lines: string[] = [];
  let found!: (a: string) => void;
  const address = new Promise<string>((r) => (found = r));
  const push = (m: string): void => {
    lines.push(m);
    const a = /listening on (tcp:\/\/\S+)/.exec(m);
    if (a) found(a[1]);
  };
  return { lines, address, log: { debug: () => undefined, info: push, warn: push, error: push } };
}
