// The embedded demo target: a small HTTP server so that every example runs with no other server.
// Fast and delayed endpoints, a small JSON shop API with a cookie session (POST /login sets it,
// GET /account needs it), an async job API (for duration trackers), async orders that call a
// webhook or send a UDP datagram when done (orderRoutes.ts), and form login, bearer and
// basic auth and a multipart upload that checks what it got (formRoutes.ts).
// It binds loopback by default and counts every request it serves (tests compare that count with
// what the load generator recorded).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { formRoute } from './formRoutes';
import { orderRoutes } from './orderRoutes';
import { webAppRoute } from './webApp';

export interface DemoTarget {
  url: string;
  /** Requests served so far. */
  requests(): number;
  close(): Promise<void>;
}

export interface DemoTargetOptions {
  port?: number;
  host?: string;
}

const PRODUCTS = Array.from({ length: 20 }, (_, i) => ({
  id: `P${i + 1}`,
  name: `Product ${i + 1}`,
  price: Math.round((5 + i * 3.7) * 100) / 100,
}));
// Padded to exactly 1 KiB: the peer benchmark's `json` scenario uses a ~1 KB body.
const JSON_1K_BASE = JSON.stringify({ items: PRODUCTS.slice(0, 12), note: '' });
const JSON_1K = JSON.stringify({
  items: PRODUCTS.slice(0, 12),
  note: 'x'.repeat(1024 - JSON_1K_BASE.length),
});
const MAX_JOBS = 100_000;

interface Job {
  id: string;
  doneAt: number;
}

export async function startDemoTarget(options: DemoTargetOptions = {}): Promise<DemoTarget> {
  let served = 0;
  const carts = new Map<string, string[]>();
  const jobs = new Map<string, Job>();
  const sessions = new Map<string, string>();

  const send = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const orders = orderRoutes(send);
  const server = http.createServer((req, res) => {
    served++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      try {
        if (webAppRoute(req, res) || formRoute(req, res, raw, sessions, send)) return;
        route(req, res, raw.toString('utf8'));
      } catch (err) {
        send(res, 500, { error: String(err) });
      }
    });
  });

  function parseJson(body: string): Record<string, unknown> {
    try {
      const v: unknown = JSON.parse(body || '{}');
      return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://demo');
    const parts = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    const head = parts[0] ?? '';

    if (head === '' && method === 'GET') return send(res, 200, 'ok', 'text/plain');
    if (head === 'json') return send(res, 200, JSON_1K);
    if (head === 'health') return send(res, 200, { status: 'up' });
    if (head === 'metrics') return send(res, 200, { served, jobs: jobs.size, carts: carts.size });
    if (head === 'delay') {
      // /delay/50 or /delay?ms=50: answer after that many milliseconds.
      const ms = Math.min(60_000, Number(parts[1] ?? url.searchParams.get('ms') ?? 50) || 0);
      setTimeout(() => send(res, 200, { delayed: ms }), ms);
      return;
    }
    if (head === 'status') return send(res, Number(parts[1]) || 200, { status: Number(parts[1]) || 200 });
    if (head === 'products') {
      if (parts[1] === undefined) return send(res, 200, PRODUCTS);
      const p = PRODUCTS.find((x) => x.id === parts[1]);
      return p ? send(res, 200, p) : send(res, 404, { error: 'no such product' });
    }
    if (head === 'login' && method === 'POST') {
      const user = parseJson(body).user;
      const name = typeof user === 'string' ? user : 'guest';
      const token = `t-${name}-${randomUUID().slice(0, 8)}`;
      if (sessions.size > MAX_JOBS) sessions.clear();
      sessions.set(token, name);
      res.setHeader('set-cookie', `session=${token}; Path=/; HttpOnly`);
      return send(res, 200, { token });
    }
    if (head === 'account' && method === 'GET') {
      const token = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const name = token === undefined ? undefined : sessions.get(token);
      return name === undefined
        ? send(res, 401, { error: 'not signed in: POST /login first (the session cookie)' })
        : send(res, 200, { user: name });
    }
    if (head === 'cart') {
      if (method === 'POST' && parts[1] === undefined) {
        const id = randomUUID();
        const sku = parseJson(body).sku;
        if (carts.size > MAX_JOBS) carts.clear();
        carts.set(id, typeof sku === 'string' ? [sku] : []);
        return send(res, 201, { id, items: carts.get(id) });
      }
      const cart = parts[1] !== undefined ? carts.get(parts[1]) : undefined;
      return cart ? send(res, 200, { id: parts[1], items: cart }) : send(res, 404, { error: 'no such cart' });
    }
    if (head === 'orders' && parts[1] === undefined) return orders.handle(req, res, parseJson(body));
    if (head === 'jobs') {
      if (method === 'POST' && parts[1] === undefined) {
        // An async job: pending until durationMs (default 300) after submission, then done.
        const ms = Number(parseJson(body).durationMs ?? url.searchParams.get('durationMs') ?? 300);
        const id = randomUUID();
        if (jobs.size > MAX_JOBS) jobs.clear();
        jobs.set(id, { id, doneAt: Date.now() + (Number.isFinite(ms) ? ms : 300) });
        return send(res, 201, { id, state: 'pending' });
      }
      const job = parts[1] !== undefined ? jobs.get(parts[1]) : undefined;
      if (!job) return send(res, 404, { error: 'no such job' });
      return send(res, 200, { id: job.id, state: Date.now() >= job.doneAt ? 'done' : 'pending' });
    }
    send(res, 404, { error: `no route for ${method} ${url.pathname}` });
  }

  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    requests: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        orders.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
