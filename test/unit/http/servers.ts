// Loopback servers on port 0 for the HTTP client tests: a node:http one, and a raw TCP one whose
// handler sees each request's bytes and writes whatever it likes (for malformed or odd responses).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { parseOrigin, requestBuffer, type SendOptions } from '../../../engine/http/index';

export interface TestServer {
  url: string;
  port: number;
  /** Requests received (complete heads). */
  requests: number;
  close(): Promise<void>;
}

export async function httpServer(
  handler: http.RequestListener,
): Promise<TestServer & { server: http.Server }> {
  const server = http.createServer((req, res) => {
    result.requests++;
    handler(req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const result = {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    requests: 0,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return result;
}

/** A raw server: `onRequest(socket, head)` runs once per request head received. */
export async function rawServer(
  onRequest: (socket: net.Socket, head: string, index: number) => void,
): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (d) => {
      pending += d.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        const m = /content-length: *(\d+)/i.exec(head);
        if (m) pending = pending.slice(Number(m[1]));
        onRequest(socket, head, result.requests++);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const result = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: 0,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  return result;
}

/** A port that refuses connections (a server bound then closed). */
export async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A plain GET of `path` for the server at `url`, serialised once as the runner does. */
export function getRequest(url: string, path = '/'): Buffer {
  return requestBuffer({ method: 'GET', path, hostHeader: parseOrigin(url).hostHeader, headers: [] });
}

/** Send options of a plain GET whose body and headers are only counted. */
export const PLAIN_SEND: SendOptions = {
  head: false,
  idempotent: true,
  keepBody: false,
  keepHeaders: false,
  timeoutMs: 10_000,
};
