// A system under test that answers an order at once and says it is done later, on a known delay:
// `POST /order/webhook` calls a webhook, `/order/udp` sends a datagram, `/order/sse` writes to the
// server-sent events stream at `GET /events`, and `/order/lost` never calls back. Each delay
// starts when the order's response has been written. It records how late its timers fired, so a
// test can tell the target's own lateness from what the tracker measured.
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackTarget {
  url: string;
  /** Orders taken per route. */
  orders: Record<string, number>;
  /** The most a callback timer fired after it was due (ms). */
  maxTimerLateMs(): number;
  /** Calls `onFirstOrder` once, when the first order arrives (the run is then surely going). */
  onFirstOrder(f: () => void): void;
  close(): Promise<void>;
}

export interface CallbackPlan {
  webhookUrl: string;
  udpPort: number;
  delays: { webhook: number; udp: number; sse: number };
}

export async function startCallbackTarget(plan: CallbackPlan): Promise<CallbackTarget> {
  let nextId = 1;
  let late = 0;
  let firstOrder: (() => void) | undefined;
  const orders: Record<string, number> = { webhook: 0, udp: 0, sse: 0, lost: 0 };
  const streams = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const udp = dgram.createSocket('udp4');
  const agent = new http.Agent({ keepAlive: true });

  const after = (ms: number, f: () => void): void => {
    const due = performance.now() + ms;
    const t = setTimeout(() => {
      timers.delete(t);
      late = Math.max(late, performance.now() - due);
      f();
    }, ms);
    timers.add(t);
  };
  const callBack: Record<string, (body: string) => void> = {
    webhook: (body) => {
      const req = http.request(plan.webhookUrl, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (r) => r.resume());
      req.on('error', () => undefined);
      req.end(body);
    },
    udp: (body) => udp.send(body, plan.udpPort, '127.0.0.1'),
    sse: (body) => {
      for (const s of streams) s.write(`data: ${body}\n\n`);
    },
  };

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const kind = /^\/order\/(webhook|udp|sse|lost)$/.exec(req.url ?? '')?.[1];
    req.resume();
    if (req.method !== 'POST' || !kind) {
      res.writeHead(404).end();
      return;
    }
    req.on('end', () => {
      orders[kind]++;
      const id = `${kind}-${nextId++}`;
      const body = JSON.stringify({ id });
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body, () => {
        if (firstOrder) {
          const f = firstOrder;
          firstOrder = undefined;
          f();
        }
        if (kind === 'lost') return;
        const delay = plan.delays[kind as 'webhook' | 'udp' | 'sse'];
        after(delay, () => callBack[kind](JSON.stringify({ orderId: id, state: 'done' })));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    orders,
    maxTimerLateMs: () => late,
    onFirstOrder(f) {
      firstOrder = f;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of streams) s.end();
      udp.close();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A loopback port free right now (TCP or UDP), for a listener the scenario names. */
export async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  if (kind === 'udp') {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const { port } = s.address();
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
