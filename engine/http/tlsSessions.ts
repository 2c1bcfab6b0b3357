// TLS session resumption: the last session (ticket) each origin gave this process, offered to the
// next connection to that origin so its handshake is abbreviated (no certificate, no key exchange
// signature: about a tenth of a full handshake's CPU on both sides), as browsers and Node's own
// https.Agent do.
//
// One cache per process, shared by all virtual users: a session ticket is the server's proof that
// this client completed a handshake with it, not a user's identity (cookies and credentials stay
// per user in the requests). See ARCHITECTURE.md, "TLS session resumption".
import net from 'node:net';
import tls from 'node:tls';
import type { Origin } from './origin';

/** Origins remembered at most (Node's https.Agent keeps 100 too); the oldest is forgotten first. */
export const MAX_TLS_SESSIONS = 100;

const sessions = new Map<string, Buffer>();
let sharedContext: tls.SecureContext | undefined;

/**
 * The cache key of a connection's sessions: where it goes and whether it verifies the certificate
 * (a session made by an `insecure` connection is never offered to one that verifies).
 */
export function tlsSessionKey(
  host: string,
  port: number,
  servername: string | undefined,
  insecure: boolean,
): string {
  return `${host}:${port}:${servername ?? ''}:${insecure ? 'insecure' : 'verified'}`;
}

/** The last session saved for this key, if any. */
export function tlsSessionFor(key: string): Buffer | undefined {
  return sessions.get(key);
}

/** Keeps `session` as the newest for this key (Node's `'session'` event; TLS 1.3 sends it after the handshake). */
export function saveTlsSession(key: string, session: Buffer): void {
  // Delete first so the key moves to the end of the Map's order: the oldest key is the first.
  sessions.delete(key);
  sessions.set(key, session);
  if (sessions.size > MAX_TLS_SESSIONS) sessions.delete(sessions.keys().next().value!);
}

/** Forgets every session (tests; a new run in the same process may start afresh). */
export function clearTlsSessions(): void {
  sessions.clear();
}

/** How many origins have a session now (tests). */
export function tlsSessionCount(): number {
  return sessions.size;
}

/**
 * Opens a TLS connection to `origin` (HTTP/1.1 by ALPN) from `localAddress` (sourceAddress.ts; the
 * kernel picks when undefined), offering the origin's last session unless `resume` is false, and
 * keeping each session the server sends for the next connection. Decrypted bytes go to `onread`
 * (no 'data' events, no Buffer per read), as net.connect's option does.
 *
 * Sessions stay per origin, not per source address: a ticket is bound to the server and to this
 * client's verification choice, never to the client's address, so a session made from 127.0.0.2
 * resumes from 127.0.0.3 (test/unit/http/tlsSourceAddress.test.ts).
 */
export function connectTls(
  origin: Origin,
  insecure: boolean,
  resume: boolean,
  localAddress: string | undefined,
  onread: net.OnReadOpts,
): tls.TLSSocket {
  const servername = net.isIP(origin.hostname) === 0 ? origin.hostname : undefined;
  const key = resume ? tlsSessionKey(origin.hostname, origin.port, servername, insecure) : undefined;
  // tls.connect takes net.connect's options too (Node documents `onread` and "any socket.connect()
  // option"); @types/node lacks `onread` and `localAddress`.
  const options: tls.ConnectionOptions & { onread: net.OnReadOpts; localAddress: string | undefined } = {
    // Without it tls.connect builds a SecureContext (an OpenSSL SSL_CTX with the CA store) per
    // connection: 13 % of the CPU of a handshake-per-request run (docs/benchmarks.md, "HTTPS").
    // The context holds no per-connection state: verification and ALPN are set per socket.
    secureContext: (sharedContext ??= tls.createSecureContext()),
    host: origin.hostname,
    port: origin.port,
    localAddress,
    servername,
    rejectUnauthorized: !insecure,
    ALPNProtocols: ['http/1.1'],
    onread,
    session: key === undefined ? undefined : sessions.get(key),
  };
  const socket = tls.connect(options);
  if (key !== undefined) socket.on('session', (session: Buffer) => saveTlsSession(key, session));
  return socket;
}
