// ZeroMQ transport: the master binds a ROUTER, each worker connects a DEALER whose routing id is
// its worker id. `mandatory` makes a send to a gone worker fail instead of vanishing; a send
// timeout keeps one stuck peer from blocking the master's only socket. Sends are serialised
// (one pending send per socket) and reads run in one `for await` loop per socket.
//
// Every connection is CURVE-encrypted with keys derived from the run's token (curveKeys.ts): the
// worker knows the master by its public key, the master lets in only the worker key (zapHandler.ts),
// so a peer without the token never completes a handshake, never gets a message, and cannot send
// one under any routing id. Inbound messages are capped in size before anything decodes them.
import type * as Zmq from 'zeromq';
import { AsyncQueue } from './asyncQueue';
import { decodeMasterToWorker, decodeWorkerToMaster, encodeMessage } from './codec';
import { deriveCurveKeys } from './curveKeys';
import { capPeerStrings } from './peerStrings';
import { rateLimitedLog } from './rateLimitedLog';
import { SendQueue } from './sendQueue';
import type { FromWorker, InvalidMessageHandler, MasterTransport, WorkerTransport } from './types';
import { registerZapDomain } from './zapHandler';
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

const SEND_TIMEOUT_MS = 2000;
/** Largest message a worker may send (a report is ~14 KB for 50 entries); larger ones drop the peer. */
export const MAX_WORKER_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Largest message a master may send (`start` carries the scenario's source). */
export const MAX_MASTER_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The master's heartbeat has no fields: encoded once, not once per worker per second. */
const heartbeatBytes = encodeMessage({ kind: 'heartbeat' });
/** Handshakes a worker sees cut before it concludes that its token is not the master's. */
const FAILED_HANDSHAKES_BEFORE_GIVING_UP = 3;

/** zeromq on first use: its native addon costs ~3 MiB of memory, and an in-process run (`workers: 0`) never needs it. */
function zmq(): typeof Zmq {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
    return require('zeromq') as typeof Zmq;
  } catch (err) {
    throw new Error(
      `cannot load ZeroMQ (the npm package zeromq), which worker processes need: ${(err as Error).message.split('\n')[0]}. ` +
        'Reinstall Stampede with its dependencies, or run in-process with --workers 0 (workers: 0).',
    );
  }
}

export interface ZmqMasterOptions {
  /** The run's shared secret: the CURVE keys of both sides are derived from it. */
  token: string;
  onInvalid?: InvalidMessageHandler;
  /** A connection that failed to authenticate (rate-limited here: a few lines per 10 s). */
  onRefused?: (line: string) => void;
}

/** Binds the master's socket. `address` may use port 0; the bound address is reported back. */
export async function bindZmqMaster(address: string, options: ZmqMasterOptions): Promise<MasterTransport> {
  const z = zmq();
  const keys = deriveCurveKeys(options.token);
  const zap = await registerZapDomain(z, keys.workerPublicBytes);
  const socket = new z.Router({
    mandatory: true,
    linger: 0,
    sendTimeout: SEND_TIMEOUT_MS,
    maxMessageSize: MAX_WORKER_MESSAGE_BYTES,
    curveServer: true,
    curveSecretKey: keys.master.secretKey,
    zapDomain: zap.domain,
  });
  const refused = rateLimitedLog(options.onRefused ?? (() => undefined));
  const invalid = rateLimitedLog(options.onInvalid ?? (() => undefined));
  for (const kind of ['handshake:error:protocol', 'handshake:error:auth', 'handshake:error:other'] as const) {
    socket.events.on(kind, (e) =>
      refused(
        `refused a connection from ${e.address}: ${kind === 'handshake:error:auth' ? "its key does not come from this run's token" : 'the encrypted handshake failed (a wrong token, or not a Stampede worker)'}`,
      ),
    );
  }
  try {
    await socket.bind(address);
  } catch (err) {
    socket.close();
    await zap.release();
    throw new Error(`cannot bind the master to ${address}: ${(err as Error).message}`);
  }
  const bound = socket.lastEndpoint ?? address;
  const queue = new SendQueue();
  const inbox = new AsyncQueue<FromWorker>();

  void (async () => {
    try {
      for await (const [id, payload] of socket) {
        const workerId = id.toString();
        const message = payload ? decodeWorkerToMaster(payload) : undefined;
        if (message) inbox.push({ workerId, message: capPeerStrings(message) });
        else invalid(`invalid message from ${workerId.slice(0, 64)}`);
      }
    } catch {
      // The socket was closed while a receive was pending: the iteration simply ends.
    }
    inbox.end();
  })();

  return {
    address: bound,
    messages: inbox,
    send(workerId: string, message: MasterToWorker) {
      const bytes = message.kind === 'heartbeat' ? heartbeatBytes : encodeMessage(message);
      return queue.run(async () => {
        if (socket.closed) throw new Error('transport closed');
        await socket.send([workerId, bytes]);
      });
    },
    async close() {
      if (!socket.closed) socket.close();
      inbox.end();
      await zap.release();
    },
  };
}

export interface ZmqWorkerOptions {
  /** The run's shared secret (the same as the master's). */
  token: string;
  onInvalid?: InvalidMessageHandler;
}

/**
 * Connects a worker's socket. ZeroMQ reconnects by itself; the worker's master timeout decides when
 * to give up. A master that rejects this worker's key, or that cuts the encrypted handshake again
 * and again (its keys come from another token), is delivered as a final `refused` message.
 */
export function connectZmqWorker(
  address: string,
  workerId: string,
  options: ZmqWorkerOptions,
): WorkerTransport {
  const keys = deriveCurveKeys(options.token);
  const socket = new (zmq().Dealer)({
    routingId: workerId,
    linger: 0,
    sendTimeout: SEND_TIMEOUT_MS,
    maxMessageSize: MAX_MASTER_MESSAGE_BYTES,
    curveServerKey: keys.master.publicKey,
    curvePublicKey: keys.worker.publicKey,
    curveSecretKey: keys.worker.secretKey,
  });
  const queue = new SendQueue();
  const inbox = new AsyncQueue<MasterToWorker>();
  // A refusal is final: the socket is closed at once, so a send still waiting for a peer (the
  // worker's `ready`) fails now instead of after its timeout; the queued refusal is still read.
  const refuse = (reason: string): void => {
    inbox.push({ kind: 'refused', reason, retry: false });
    if (!socket.closed) socket.close();
  };

  let handshaken = false;
  let cutHandshakes = 0;
  socket.events.on('connect', () => (handshaken = false));
  socket.events.on('handshake', () => {
    handshaken = true;
    cutHandshakes = 0;
  });
  // libzmq does not reconnect after a protocol error: the peer speaks no CURVE (not a master of this version).
  socket.events.on('handshake:error:protocol', () =>
    refuse(
      `${address} does not speak Stampede's encrypted protocol: it is no Stampede master of this version (or not one at all)`,
    ),
  );
  socket.events.on('handshake:error:auth', () =>
    refuse(
      'wrong token: the master did not accept the key derived from it; give the worker the same token as the master',
    ),
  );
  socket.events.on('disconnect', () => {
    if (handshaken || ++cutHandshakes !== FAILED_HANDSHAKES_BEFORE_GIVING_UP) return;
    refuse(
      `wrong token: ${address} cut the encrypted handshake ${cutHandshakes} times (its token differs from this worker's, or it is not a Stampede master)`,
    );
  });
  socket.connect(address);

  void (async () => {
    try {
      for await (const [payload] of socket) {
        const message = payload ? decodeMasterToWorker(payload) : undefined;
        if (message) inbox.push(message);
        else options.onInvalid?.('invalid message from the master');
      }
    } catch {
      // Closed while receiving.
    }
    inbox.end();
  })();

  return {
    messages: inbox,
    onDisconnect(listener) {
      socket.events.on('disconnect', () => listener());
    },
    send(message: WorkerToMaster) {
      const bytes = encodeMessage(message);
      return queue.run(async () => {
        if (socket.closed) throw new Error('transport closed');
        await socket.send(bytes);
      });
    },
    async close() {
      if (!socket.closed) socket.close();
      inbox.end();
    },
  };
}
