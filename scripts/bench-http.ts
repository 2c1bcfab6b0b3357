// Compares HTTP/1.1 client implementations for the engine on one core: the engine's raw-socket
// client (engine/http), undici Pool.dispatch, undici Pool.request, node:http with a keep-alive
// agent, and the whole runner (virtual users, stats) over the raw client. Each client runs in its
// own process pinned to CPU 0 (taskset, when present) against a minimal keep-alive server pinned
// to CPU 1, for DURATION seconds with CONNECTIONS closed-loop connections.
//
//   node --import tsx scripts/bench-http.ts [--duration 5] [--connections 50] [--body 2] [--delay 0] [--only raw,undici-dispatch]
//       [--cli] [--autocannon /path/to/autocannon]
//
// --cli adds `node dist/cli.js quick` (the whole CLI: master, in-process worker, runner; build
// first), --autocannon adds autocannon; both are measured with /usr/bin/time (user + system CPU).
//
// Prints a markdown table: requests/s and the client's CPU seconds per 10k requests. Figures move
// with the machine's load; compare rows of one run.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { Pool } from 'undici';
import { HttpConnection, parseOrigin, requestBuffer } from '../engine/http/index';
import { createLoadGenerator } from '../engine/runner/index';
import { createStatsCollector } from '../engine/stats/index';
import { compileTemplate } from '../scenario/templates';
import { silentLogger } from '../engine/log';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

const IMPLS = ['raw', 'runner', 'undici-dispatch', 'undici-request', 'node-http'] as const;
type Impl = (typeof IMPLS)[number];

interface ClientResult {
  impl: string;
  requests: number;
  errors: number;
  seconds: number;
  cpuSeconds: number;
  p50?: number;
  p99?: number;
}

// ---------- the target: answers every request head with one prebuilt response ----------

function runServer(bodyBytes: number, delayMs: number): void {
  const body = 'x'.repeat(bodyBytes);
  const response = Buffer.from(
    `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    let tail = 0; // bytes of "\r\n\r\n" matched at the end of the previous read
    socket.on('data', (d: Buffer) => {
      let n = 0;
      for (let i = 0; i < d.length; i++) {
        const c = d[i];
        if (c === (tail === 0 || tail === 2 ? 13 : 10)) {
          if (++tail === 4) {
            n++;
            tail = 0;
          }
        } else tail = c === 13 ? 1 : 0;
      }
      const answer = (): void => {
        if (n === 1) socket.write(response);
        else if (n > 1) socket.write(Buffer.concat(Array.from({ length: n }, () => response)));
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
    socket.on('error', () => {});
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 65535 }, () => {
    process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
  });
}

// ---------- the clients ----------

async function runClient(impl: Impl, port: number, seconds: number, connections: number): Promise<void> {
  const url = `http://127.0.0.1:${port}`;
  let requests = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const lat: number[] = [];
  const sample = (ms: number): void => {
    if ((requests & 63) === 0) lat.push(ms);
  };

  if (impl === 'raw') {
    const origin = parseOrigin(url);
    const req = requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
    const opts = { head: false, idempotent: true, keepBody: false, keepHeaders: false, timeoutMs: 10_000 };
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const c = new HttpConnection(origin);
        while (performance.now() < deadline) {
          const r = await c.send(req, opts);
          if (r.error === undefined && r.status === 200) {
            requests++;
            sample(r.durationMs);
          } else errors++;
        }
        c.close();
      }),
    );
  } else if (impl === 'runner') {
    const stats = createStatsCollector();
    const trackers = { enabled: false, needsBody: () => false, emit() {}, setStage() {}, drain: () => [] };
    const g = createLoadGenerator({
      scenario: {
        name: 'bench',
        target: url,
        load: { model: 'closed', stages: [{ durationMs: seconds * 1000, users: connections, spawnRate: 0 }] },
        workers: 0,
        defaults: { headers: {}, timeoutMs: 10_000, cookies: true, insecure: false },
        variables: {},
        env: {},
        secrets: [],
        envUses: [],
        data: [],
        users: [
          {
            name: 'u',
            weight: 1,
            think: { kind: 'none' },
            loops: [],
            start: [],
            stop: [],
            tasks: [
              {
                name: 't',
                weight: 1,
                steps: [
                  {
                    kind: 'request',
                    name: '/',
                    method: 'GET',
                    url: compileTemplate('/'),
                    headers: {},
                    query: {},
                    captures: [],
                    checks: [],
                  },
                ],
              },
            ],
          },
        ],
        trackers: [],
        thresholds: [],
        output: {},
      },
      runId: 'bench',
      stats,
      trackers,
      log: silentLogger,
    });
    g.setLoad({ model: 'closed', stage: 0, users: connections, spawnRate: 0 });
    let drained = 0;
    let failed = 0;
    // Drain once a second like a worker does (the report's cost is part of the engine's cost).
    const timer = setInterval(() => {
      for (const e of g.drain(false).entries) {
        drained += e.requests;
        failed += e.failures;
      }
    }, 1000);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(timer);
    await g.stop();
    for (const e of g.drain(true).entries) {
      drained += e.requests;
      failed += e.failures;
    }
    requests = drained - failed;
    errors = failed;
  } else if (impl === 'undici-dispatch' || impl === 'undici-request') {
    const pool = new Pool(url, { connections, pipelining: 1 });
    const once =
      impl === 'undici-request'
        ? async (): Promise<boolean> => {
            const res = await pool.request({ path: '/', method: 'GET' });
            await res.body.dump();
            return res.statusCode === 200;
          }
        : (): Promise<boolean> =>
            new Promise((resolve) => {
              let status = 0;
              pool.dispatch(
                { path: '/', method: 'GET' },
                {
                  onConnect() {},
                  onHeaders(s: number) {
                    status = s;
                    return true;
                  },
                  onData() {
                    return true;
                  },
                  onComplete() {
                    resolve(status === 200);
                  },
                  onError() {
                    resolve(false);
                  },
                },
              );
            });
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const start = performance.now();
          if (await once()) {
            requests++;
            sample(performance.now() - start);
          } else errors++;
        }
      }),
    );
    await pool.close();
  } else {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const once = (): Promise<boolean> =>
      new Promise((resolve) => {
        const req = http.get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        });
        req.on('error', () => resolve(false));
      });
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const start = performance.now();
          if (await once()) {
            requests++;
            sample(performance.now() - start);
          } else errors++;
        }
      }),
    );
    agent.destroy();
  }
  const cpu = process.cpuUsage(cpu0);
  lat.sort((a, b) => a - b);
  const result: ClientResult = {
    impl,
    requests,
    errors,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    p50: lat[Math.floor(lat.length * 0.5)],
    p99: lat[Math.floor(lat.length * 0.99)],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// ---------- orchestration ----------

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
function pinned(cpu: number, argv: string[]): [string, string[]] {
  const node = [process.execPath, '--import', 'tsx', ...argv];
  return hasTaskset ? ['taskset', ['-c', String(cpu), ...node]] : [node[0], node.slice(1)];
}

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

/** Runs another tool pinned to CPU 0 under /usr/bin/time and reads its JSON summary. */
function external(name: string, argv: string[], duration: string): ClientResult {
  const cmd = hasTaskset ? ['taskset', '-c', '0', ...argv] : argv;
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', ...cmd], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const line = r.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!time || !line) throw new Error(`${name} failed: ${r.stderr.slice(-500)}`);
  const j = JSON.parse(line);
  // autocannon: requests.total, non2xx, errors, latency.p50/p99; stampede: requests, failures, p50/p99.
  const stampede = typeof j.requests === 'number';
  const requests: number = stampede ? j.requests - j.failures : j.requests.total - j.non2xx;
  const errors: number = stampede ? j.failures : j.errors + j.timeouts + j.non2xx;
  return {
    impl: name,
    requests,
    errors,
    seconds: Number(duration),
    cpuSeconds: Number(time[2]) + Number(time[3]),
    p50: j.latency?.p50 ?? j.p50,
    p99: j.latency?.p99 ?? j.p99,
  };
}

async function main(): Promise<void> {
  const role = arg('role', 'main');
  if (role === 'server') return runServer(Number(arg('body', '2')), Number(arg('delay', '0')));
  if (role === 'client')
    return runClient(
      arg('impl', 'raw') as Impl,
      Number(arg('port', '0')),
      Number(arg('duration', '5')),
      Number(arg('connections', '50')),
    );

  const duration = arg('duration', '5');
  const connections = arg('connections', '50');
  const only = arg('only', IMPLS.join(',')).split(',') as Impl[];
  const [cmd, cmdArgs] = pinned(1, [
    __filename,
    '--role',
    'server',
    '--body',
    arg('body', '2'),
    '--delay',
    arg('delay', '0'),
  ]);
  const server = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await firstLine(server);
    const rows: ClientResult[] = [];
    const url = `http://127.0.0.1:${port}/`;
    const autocannon = arg('autocannon', '');
    if (autocannon)
      rows.push(external('autocannon', [autocannon, '-c', connections, '-d', duration, '-j', url], duration));
    if (args.includes('--cli')) {
      rows.push(
        external(
          'stampede quick',
          [process.execPath, 'dist/cli.js', 'quick', url, '-c', connections, '-d', duration, '--json'],
          duration,
        ),
      );
    }
    for (const impl of only) {
      const [c, a] = pinned(0, [
        __filename,
        '--role',
        'client',
        '--impl',
        impl,
        '--port',
        port,
        '--duration',
        duration,
        '--connections',
        connections,
      ]);
      const child = spawn(c, a, { stdio: ['ignore', 'pipe', 'inherit'] });
      rows.push(JSON.parse(await firstLine(child)) as ClientResult);
      await new Promise((r) => child.once('exit', r));
    }
    process.stdout.write(
      `\n${duration} s, ${connections} connections, ${arg('body', '2')}-byte body, ${arg('delay', '0')} ms server delay, client on CPU 0, server on CPU 1${hasTaskset ? '' : ' (taskset missing: not pinned)'}\n\n`,
    );
    process.stdout.write(
      '| client | requests/s | CPU s / 10k req | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n',
    );
    for (const r of rows) {
      const rps = r.requests / r.seconds;
      const cpu10k = (r.cpuSeconds / Math.max(1, r.requests + r.errors)) * 10_000;
      const ms = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(2));
      process.stdout.write(
        `| ${r.impl} | ${Math.round(rps).toLocaleString('en-US')} | ${cpu10k.toFixed(3)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} |\n`,
      );
    }
  } finally {
    server.kill();
  }
}

void main();
