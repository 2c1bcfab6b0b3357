// A rogue ZeroMQ peer for the security tests, written with zeromq and msgpack only (no Stampede
// transport code): it connects as a DEALER under a routing id it chooses, with whatever CURVE keys
// (or none) it is given, sends msgpack messages, and records what it receives and how its
// handshakes end.
import { encode, decode } from '@msgpack/msgpack';
import { Dealer } from 'zeromq';
export { capturingLog } from '../distributed/helpers';

export interface RogueKeys {
  curveServerKey: string;
  curvePublicKey: string;
  curveSecretKey: string;
}

export interface Rogue {
  /** Every message the master sent it, decoded. */
  received: unknown[];
  /** Resolves when a handshake has failed (cut by the master, or refused by its ZAP handler). */
  handshakeFailed: Promise<string>;
  /** Resolves when a handshake succeeded (the rogue holds valid keys). */
  handshaken: Promise<void>;
  /** Resolves when the master dropped the connection after a handshake (e.g. a message too large). */
  droppedAfterHandshake: Promise<void>;
  /** How its first handshake ended: 'refused' (failed or cut) or 'accepted'. */
  outcome: Promise<'refused' | 'accepted'>;
  send(message: unknown): Promise<void>;
  sendRaw(bytes: Buffer): Promise<void>;
  close(): void;
}

export function connectRogue(address: string, routingId: string, keys?: RogueKeys): Rogue {
  const socket = new Dealer({ routingId, linger: 0, ...(keys ?? {}) });
  const received: unknown[] = [];
  let failed!: (why: string) => void;
  let succeeded!: () => void;
  let dropped!: () => void;
  const handshakeFailed = new Promise<string>((r) => (failed = r));
  const handshaken = new Promise<void>((r) => (succeeded = r));
  const droppedAfterHandshake = new Promise<void>((r) => (dropped = r));
  let ok = false;
  socket.events.on('handshake', () => ((ok = true), succeeded()));
  socket.events.on('handshake:error:auth', () => failed('auth'));
  socket.events.on('handshake:error:protocol', () => failed('protocol'));
  socket.events.on('disconnect', () => (ok ? dropped() : failed('disconnected during the handshake')));
  socket.connect(address);
  void (async () => {
    try {
      for await (const [payload] of socket) received.push(decode(payload));
    } catch {
      // closed
    }
  })();
  // One send at a time (ZeroMQ's rule); a send that can never leave (no handshake) stays queued
  // until close, which is exactly what a rogue without the keys gets.
  let chain: Promise<void> = Promise.resolve();
  const sendRaw = (bytes: Buffer): Promise<void> =>
    (chain = chain.then(() => socket.send(bytes)).catch(() => undefined));
  return {
    received,
    handshakeFailed,
    handshaken,
    droppedAfterHandshake,
    outcome: Promise.race([
      handshakeFailed.then(() => 'refused' as const),
      handshaken.then(() => 'accepted' as const),
    ]),
    send: (message) => sendRaw(Buffer.from(encode(message))),
    sendRaw,
    close: () => socket.close(),
  };
}

/** A `ready` message as a worker of this protocol version sends it. */
export function readyMessage(workerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'ready', protocolVersion: 1, workerId, host: 'rogue', pid: 1, cpus: 1, ...extra };
}
