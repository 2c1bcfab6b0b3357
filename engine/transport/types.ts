// The wire between the master and its workers, behind one interface so the master and the worker
// never know whether they talk over ZeroMQ (zmq.ts) or in memory (memory.ts). Both implementations
// encode every message (codec.ts) and decode it once through the protocol guards, so a test over
// the in-memory transport exercises the same bytes as a run over tcp.
import type { MasterToWorker, WorkerToMaster } from '../../common/protocol/engine';

/** A message from one worker, as the master receives it. */
export interface FromWorker {
  workerId: string;
  message: WorkerToMaster;
}

/** The master's end: one socket for every worker. */
export interface MasterTransport {
  /** The address workers connect to (with the real port when bound to port 0). */
  readonly address: string;
  /**
   * Sends to one worker. Resolves when the message is handed to the socket; rejects when the worker
   * is unknown or gone (ZeroMQ's mandatory routing), so the master learns about it instead of
   * losing the message. Sends are serialised internally: callers may call concurrently.
   */
  send(workerId: string, message: MasterToWorker): Promise<void>;
  /** Every valid message from every worker, in arrival order; ends when the transport is closed. */
  readonly messages: AsyncIterable<FromWorker>;
  close(): Promise<void>;
}

/** A worker's end: one socket to its master. */
export interface WorkerTransport {
  send(message: WorkerToMaster): Promise<void>;
  /**
   * Every valid message from the master; ends when the transport is closed. A master that refuses
   * this worker's credentials during the transport's own handshake (ZeroMQ CURVE: another token)
   * arrives here as a `refused` message that is not retryable, as if the master had sent it.
   */
  readonly messages: AsyncIterable<MasterToWorker>;
  /**
   * Called when the connection to the master drops (e.g. its process died and the kernel closed
   * the socket). The transport may reconnect by itself; the worker decides how long to wait.
   */
  onDisconnect?(listener: () => void): void;
  close(): Promise<void>;
}

/** Called for bytes that do not decode into a valid message (dropped, never thrown). */
export type InvalidMessageHandler = (detail: string) => void;
