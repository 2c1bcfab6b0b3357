// ZeroMQ transport: the master binds a ROUTER, each worker connects a DEALER whose routing id is
// its worker id. `mandatory` makes a send to a gone worker fail instead of vanishing; a send
// timeout keeps one stuck peer from blocking the master's only socket. Sends are serialised
// (one pending send per socket) and reads run in one `for await` loop per socket.
import type * as Zmq from 'zeromq';
import { AsyncQueue } from './asyncQueue';
import { decodeMasterToWorker, decodeWorkerToMaster, encodeMessage } from './codec';
import { SendQueue } from './sendQueue';
import type { FromWorker, InvalidMessageHandler, MasterTransport, WorkerTransport } from './types';
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

const SEND_TIMEOUT_MS = 2000;

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

/** Binds the master's socket. `address` may use port 0; the bound address is reported back. */
export async function bindZmqMaster(
  address: string,
  onInvalid?: InvalidMessageHandler,
): Promise<MasterTransport> {
  const socket = new (zmq().Router)({ mandatory: true, linger: 0, sendTimeout: SEND_TIMEOUT_MS });
  try {
    await socket.bind(address);
  } catch (err) {
    socket.close();
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
        if (message) inbox.push({ workerId, message });
        else onInvalid?.(`invalid message from ${workerId}`);
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
      const bytes = encodeMessage(message);
      return queue.run(async () => {
        if (socket.closed) throw new Error('transport closed');
        await socket.send([workerId, bytes]);
      });
    },
    async close() {
      if (!socket.closed) socket.close();
      inbox.end();
    },
  };
}

/** Connects a worker's socket. ZeroMQ reconnects by itself; the worker's master timeout decides when to give up. */
export function connectZmqWorker(
  address: string,
  workerId: string,
  onInvalid?: InvalidMessageHandler,
): WorkerTransport {
  const socket = new (zmq().Dealer)({ routingId: workerId, linger: 0, sendTimeout: SEND_TIMEOUT_MS });
  socket.connect(address);
  const queue = new SendQueue();
  const inbox = new AsyncQueue<MasterToWorker>();

  void (async () => {
    try {
      for await (const [payload] of socket) {
        const message = payload ? decodeMasterToWorker(payload) : undefined;
        if (message) inbox.push(message);
        else onInvalid?.('invalid message from the master');
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
