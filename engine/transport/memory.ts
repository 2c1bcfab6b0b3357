// In-memory transport: the master and its workers in one process (workers = 0, and fast,
// deterministic tests). Every message is still encoded and decoded, exactly as over ZeroMQ, so
// whatever does not survive the wire fails here too.
import { AsyncQueue } from './asyncQueue';
import { decodeMasterToWorker, decodeWorkerToMaster, encodeMessage } from './codec';
import type { FromWorker, InvalidMessageHandler, MasterTransport, WorkerTransport } from './types';
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

export interface MemoryHub {
  master: MasterTransport;
  /** A worker's end, routed by `workerId` (like a DEALER's routing id). */
  connect(workerId: string): WorkerTransport;
}

export function createMemoryHub(
  address = 'memory://in-process',
  onInvalid?: InvalidMessageHandler,
): MemoryHub {
  const fromWorkers = new AsyncQueue<FromWorker>();
  const workers = new Map<string, AsyncQueue<MasterToWorker>>();
  let masterClosed = false;

  const master: MasterTransport = {
    address,
    messages: fromWorkers,
    async send(workerId, message) {
      const bytes = encodeMessage(message);
      const inbox = workers.get(workerId);
      if (masterClosed) throw new Error('transport closed');
      if (!inbox || inbox.isEnded) throw new Error(`no worker with id ${workerId} is connected`);
      await Promise.resolve();
      const decoded = decodeMasterToWorker(bytes);
      if (decoded) inbox.push(decoded);
      else onInvalid?.(`undecodable message to ${workerId}`);
    },
    async close() {
      masterClosed = true;
      fromWorkers.end();
    },
  };

  function connect(workerId: string): WorkerTransport {
    const inbox = new AsyncQueue<MasterToWorker>();
    workers.set(workerId, inbox);
    return {
      messages: inbox,
      async send(message: WorkerToMaster) {
        const bytes = encodeMessage(message);
        if (inbox.isEnded) throw new Error('transport closed');
        await Promise.resolve();
        // Like a DEALER whose master is gone: the message is simply not delivered.
        if (masterClosed) return;
        const decoded = decodeWorkerToMaster(bytes);
        if (decoded) fromWorkers.push({ workerId, message: decoded });
        else onInvalid?.(`undecodable message from ${workerId}`);
      },
      async close() {
        inbox.end();
        if (workers.get(workerId) === inbox) workers.delete(workerId);
      },
    };
  }

  return { master, connect };
}
