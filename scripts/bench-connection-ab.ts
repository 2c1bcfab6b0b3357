// The HTTP client's whole request path (HttpConnection.send over loopback: write, read, parse) of
// two trees of the code in one process, alternating short rounds, so a busy machine's drift hits
// both alike (scripts/bench-http.ts runs each tree in its own process, which a loaded machine
// swings by 30 % and more). The target is a child process answering every request with a fixed
// keep-alive response (`max`: GET /, 2-byte body).
//
//   node --import tsx scripts/bench-connection-ab.ts --before /path/to/other/tree [--rounds 30] [--n 20000] [--connections 50]
//
// Prints each tree's median and best CPU us per request over the rounds, and after/before ratios.
import { fork } from 'node:child_process';
import path from 'node:path';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

import net from 'node:net';
import type * as HttpModule from '../engine/http/index';

type Http = typeof HttpModule;

async function serve(): Promise<void> {
  const response = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=60\r\n\r\nok');
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      // One response per request head (pipelining never happens: one request per connection at a time).
      let at = d.indexOf('\r\n\r\n');
      while (at >= 0) {
        socket.write(response);
        at = d.indexOf('\r\n\r\n', at + 4);
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
}

async function compare(): Promise<void> {
  const rounds = Number(arg('rounds', '30'));
  const n = Number(arg('n', '20000'));
  const connections = Number(arg('connections', '50'));
  const before = path.resolve(arg('before', '.'));
  const trees: Array<{ name: string; http: Http }> = [
    { name: 'before', http: (await import(path.join(before, 'engine/http/index.ts'))) as Http },
    { name: 'after', http: (await import(path.resolve('engine/http/index.ts'))) as Http },
  ];
  const server = fork(__filename, ['--serve'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((r) => server.once('message', (m) => r(m as number)));
  const url = `http://127.0.0.1:${port}`;
  const opts = { head: false, idempotent: true, keepBody: false, keepHeaders: false, timeoutMs: 10_000 };
  const round = async (http: Http): Promise<number> => {
    const origin = http.parseOrigin(url);
    const req = http.requestBuffer({ method: 'GET', path: '/', hostHeader: origin.hostHeader, headers: [] });
    const conns = Array.from({ length: connections }, () => new http.HttpConnection(origin));
    let left = n;
    const cpu0 = process.cpuUsage();
    await Promise.all(
      conns.map(async (c) => {
        while (left-- > 0) {
          const r = await c.send(req, opts);
          if (r.error !== undefined) throw new Error(r.error);
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    for (const c of conns) c.close();
    return (cpu.user + cpu.system) / n;
  };
  const results = new Map<string, number[]>(trees.map((t) => [t.name, []]));
  await round(trees[0].http); // warm-up
  await round(trees[1].http);
  for (let i = 0; i < rounds; i++)
    for (const t of i % 2 === 0 ? trees : [...trees].reverse())
      results.get(t.name)!.push(await round(t.http));
  server.kill();
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const best = (xs: number[]): number => Math.min(...xs);
  const b = results.get('before')!;
  const a = results.get('after')!;
  console.log(`CPU us per request, ${rounds} rounds of ${n} over ${connections} connections`);
  console.log(`before: median ${median(b).toFixed(3)}, best ${best(b).toFixed(3)}`);
  console.log(`after:  median ${median(a).toFixed(3)}, best ${best(a).toFixed(3)}`);
  console.log(
    `after/before: median ${(median(a) / median(b)).toFixed(3)}, best ${(best(a) / best(b)).toFixed(3)}`,
  );
}

void (process.argv.includes('--serve') ? serve() : compare());
