// Async orders on the demo target: `POST /orders` with `{ "callback": "http://127.0.0.1:8089/hooks/order" }`
// (or `"udp://127.0.0.1:8125"`) accepts an order at once (202, `{ id, state: "accepted" }`) and,
// after a random delay between `minMs` and `maxMs` (default 50 to 250), tells the callback it is
// done: a webhook POST or a UDP datagram with `{ "orderId": id, "state": "done" }`. The tracker in
// examples/async-orders.load.yaml measures that time. The demo target calls back to loopback
// addresses only (it must never be a way to send requests elsewhere), and keeps at most
// MAX_CALLBACKS in flight (503 beyond).
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';

export const MAX_CALLBACKS = 10_000;
const MAX_DELAY_MS = 60_000;

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

interface Callback {
  kind: 'http' | 'udp';
  host: string;
  port: number;
  path: string;
}

function loopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (net.isIPv4(h) && h.startsWith('127.'));
}

function parseCallback(v: unknown): Callback | string {
  if (typeof v !== 'string') return '`callback` must be an http:// or udp:// URL on this machine';
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return '`callback` is not a URL';
  }
  const kind = url.protocol === 'http:' ? 'http' : url.protocol === 'udp:' ? 'udp' : undefined;
  const port = Number(url.port);
  if (!kind || !port) return '`callback` must be http://host:port/path or udp://host:port';
  if (!loopback(url.hostname)) return 'the demo target calls back to loopback addresses only';
  return { kind, host: url.hostname.replace(/^\[|\]$/g, ''), port, path: url.pathname || '/' };
}

function udpSocket(type: 'udp4' | 'udp6'): dgram.Socket {
  const socket = dgram.createSocket(type);
  socket.on('error', () => undefined);
  return socket;
}

export interface OrderRoutes {
  handle(req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>): void;
  /** Callbacks waiting for their delay or on their way. */
  inFlight(): number;
  close(): void;
}

export function orderRoutes(send: Send): OrderRoutes {
  const timers = new Set<NodeJS.Timeout>();
  let udp4: dgram.Socket | undefined;
  let udp6: dgram.Socket | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const callBack = (cb: Callback, payload: string): void => {
    if (cb.kind === 'udp') {
      const socket = net.isIPv6(cb.host) ? (udp6 ??= udpSocket('udp6')) : (udp4 ??= udpSocket('udp4'));
      socket.send(payload, cb.port, cb.host);
      return;
    }
    const req = http.request({
      host: cb.host,
      port: cb.port,
      path: cb.path,
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.on('response', (r) => r.resume());
    req.on('error', () => undefined);
    req.end(payload);
  };

  return {
    handle(req, res, body) {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST an order' });
      const cb = parseCallback(body.callback);
      if (typeof cb === 'string') return send(res, 400, { error: cb });
      if (timers.size >= MAX_CALLBACKS) return send(res, 503, { error: 'too many orders in flight' });
      const min = Math.max(0, Math.min(MAX_DELAY_MS, Number(body.minMs ?? 50) || 0));
      const max = Math.max(min, Math.min(MAX_DELAY_MS, Number(body.maxMs ?? 250) || 0));
      const id = randomUUID();
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          callBack(cb, JSON.stringify({ orderId: id, state: 'done' }));
        },
        min + Math.random() * (max - min),
      );
      timers.add(timer);
      send(res, 202, { id, state: 'accepted' });
    },
    inFlight: () => timers.size,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      udp4?.close();
      udp6?.close();
      agent.destroy();
    },
  };
}
