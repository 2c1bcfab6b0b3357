// The master's listeners for events from the system under test (`events:`): a webhook (HTTP POST
// with a JSON body), UDP (one JSON object per datagram) and an SSE stream the master reads. They
// are opened before any load, so a port in use or a stream that cannot be read stops the run with
// exit 2 and the reason. Everything they receive is untrusted: bodies are bounded
// (MAX_EVENT_BYTES), JSON that does not parse is counted as malformed, and nothing a sender writes
// reaches a log line.
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { EventSourceStats } from '../../common/snapshot';
import type { EventListenerSpec } from '../../scenario/model';
import type { Logger } from '../log';
import { MAX_EVENT_BYTES, parseEventJson, type OpenListener } from './eventBody';
import { openSseListener } from './sseListener';
import { clockNow } from './clock';

/** Where events go: the listener's name, the parsed JSON and when it arrived (master clock). */
export type EventSink = (source: string, body: unknown, at: number) => void;

/** The master's clock for events: the same clock as the workers' start times (clock.ts). */
export const masterClockMs = clockNow;

export interface EventListeners {
  /** Events go to `sink` from now on (before: counted as received, then dropped). */
  deliverTo(sink: EventSink): void;
  stats(): EventSourceStats[];
  close(): Promise<void>;
}

/** The listeners could not all be opened: one sentence per listener at fault. */
export class ListenerError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ListenerError';
  }
}

/**
 * Opens every listener, or none: on any failure the ones already open are closed and a
 * ListenerError names each problem. `env` fills `{{ env.NAME }}` in SSE URLs.
 */
export async function openEventListeners(
  specs: readonly EventListenerSpec[],
  env: Readonly<Record<string, string>>,
  log: Logger,
): Promise<EventListeners> {
  let sink: EventSink | undefined;
  const deliver = (s: EventSourceStats, body: unknown): void => {
    s.received++;
    sink?.(s.name, body, masterClockMs());
  };
  const settled = await Promise.allSettled(
    specs.map((spec) => {
      const stats: EventSourceStats = { name: spec.name, kind: spec.kind, received: 0, malformed: 0 };
      const onBody = (body: unknown) => deliver(stats, body);
      if (spec.kind === 'webhook') return openWebhook(spec, stats, onBody);
      if (spec.kind === 'udp') return openUdp(spec, stats, onBody);
      return openSseListener(spec, env, stats, onBody, log);
    }),
  );
  const open = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const problems = settled.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (problems.length) {
    await Promise.all(open.map((l) => l.close()));
    throw new ListenerError(problems);
  }
  for (const l of open) if (l.stats.kind !== 'sse') log.info(`listening for \`${l.stats.name}\` events`);
  return {
    deliverTo(s) {
      sink = s;
    },
    stats: () => open.map((l) => ({ ...l.stats })),
    close: async () => {
      sink = undefined;
      await Promise.all(open.map((l) => l.close()));
    },
  };
}

function bindProblem(name: string, what: string, err: NodeJS.ErrnoException): string {
  const why =
    err.code === 'EADDRINUSE'
      ? 'is in use by another program: stop it or choose another `port:`'
      : err.code === 'EACCES'
        ? 'needs privileges this user does not have (ports below 1024): choose a port from 1024'
        : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
          ? 'is not an address of this machine: fix `host:`'
          : `cannot be opened (${err.code ?? err.message})`;
  return `listener \`${name}\`: ${what} ${why}`;
}

function openWebhook(
  spec: Extract<EventListenerSpec, { kind: 'webhook' }>,
  stats: EventSourceStats,
  onBody: (body: unknown) => void,
): Promise<OpenListener> {
  const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    const reply = (status: number, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-length': '0', ...headers }).end();
    };
    const path = (req.url ?? '').split('?')[0];
    if (path !== spec.path) {
      stats.malformed++;
      return reply(404);
    }
    if (req.method !== 'POST') {
      stats.malformed++;
      return reply(405, { allow: 'POST' });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_EVENT_BYTES) {
      stats.malformed++;
      return reply(413, { connection: 'close' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) {
        refused = true;
        stats.malformed++;
        reply(413, { connection: 'close' });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const body = parseEventJson(Buffer.concat(chunks).toString('utf8'));
      if (body === undefined) {
        stats.malformed++;
        return reply(400);
      }
      reply(202);
      onBody(body);
    });
    req.on('error', () => undefined);
  });
  // Slow or idle senders cannot hold the listener's sockets for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxConnections = 1024;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(bindProblem(spec.name, `TCP port ${spec.port} on ${spec.host}`, err))),
    );
    server.listen(spec.port, spec.host, () => {
      server.removeAllListeners('error');
      server.on('error', () => undefined);
      resolve({
        stats,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function openUdp(
  spec: Extract<EventListenerSpec, { kind: 'udp' }>,
  stats: EventSourceStats,
  onBody: (body: unknown) => void,
): Promise<OpenListener> {
  const socket = dgram.createSocket(net.isIPv6(spec.host) ? 'udp6' : 'udp4');
  socket.on('message', (msg) => {
    const body = msg.length > MAX_EVENT_BYTES ? undefined : parseEventJson(msg.toString('utf8'));
    if (body === undefined) stats.malformed++;
    else onBody(body);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.close();
      reject(new Error(bindProblem(spec.name, `UDP port ${spec.port} on ${spec.host}`, err)));
    });
    socket.bind(spec.port, spec.host, () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve({ stats, close: () => new Promise<void>((r) => socket.close(() => r())) });
    });
  });
}
