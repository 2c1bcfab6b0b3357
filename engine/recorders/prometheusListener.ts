// Serves `/metrics` (text exposition format 0.0.4) while the run lasts. It is bound before the load
// starts, so a port in use is found then (exit 2), and on loopback unless the scenario writes
// another host. It only ever answers GET and HEAD for `/metrics` with the latest text.
import http from 'node:http';
import type { ListenAddress } from '../../scenario/prometheusSettings';
import { EXPOSITION_CONTENT_TYPE } from './prometheusText';

export interface MetricsListener {
  /** Where it listens (the port the system gave when 0 was asked). */
  readonly address: ListenAddress;
  /** The text the next scrape gets. */
  update(text: string): void;
  close(): Promise<void>;
}

function bindReason(err: NodeJS.ErrnoException, at: string): string {
  if (err.code === 'EADDRINUSE')
    return `${at} is in use by another program; choose another port in \`output.prometheus.listen\``;
  if (err.code === 'EACCES') return `${at} needs privileges (ports below 1024 do); choose a port above 1024`;
  if (err.code === 'EADDRNOTAVAIL') return `${at}: this machine has no such address`;
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `${at}: the host name does not resolve`;
  return `${at}: ${err.message}`;
}

/** Binds the listener; rejects with a sentence for the person when it cannot. */
export function openMetricsListener(at: ListenAddress): Promise<MetricsListener> {
  let text = '';
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Stampede serves /metrics only\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': EXPOSITION_CONTENT_TYPE, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  const shown = at.host.includes(':') ? `[${at.host}]:${at.port}` : `${at.host}:${at.port}`;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(bindReason(err, shown))));
    server.listen({ host: at.host, port: at.port, exclusive: true }, () => {
      const bound = server.address();
      const port = typeof bound === 'object' && bound ? bound.port : at.port;
      resolve({
        address: { host: at.host, port },
        update(next) {
          text = next;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
