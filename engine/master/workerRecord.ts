// The master's view of one worker: identity from the handshake, liveness from heartbeats and
// reports, and the seqs already merged (each (workerId, seq) is merged at most once).
import type { WorkerInfo, WorkerState } from '../../common/snapshot';

export interface WorkerRecord {
  id: string;
  host: string;
  pid: number;
  cpus: number;
  state: WorkerState;
  /** Sent `start`: takes part in the load split. */
  started: boolean;
  users: number;
  requests: number;
  cpu: number;
  loopDelayMs: number;
  /** Epoch ms of the last message from this worker. */
  lastSeen: number;
  mergedSeqs: Set<number>;
  finalReceived: boolean;
  /** Sent goodbye (or its process exited): it will not come back. */
  gone: boolean;
}

export function newWorkerRecord(
  id: string,
  host: string,
  pid: number,
  cpus: number,
  now: number,
): WorkerRecord {
  return {
    id,
    host,
    pid,
    cpus,
    state: 'ready',
    started: false,
    users: 0,
    requests: 0,
    cpu: 0,
    loopDelayMs: 0,
    lastSeen: now,
    mergedSeqs: new Set(),
    finalReceived: false,
    gone: false,
  };
}

/** Workers that carry load: started and not missing. */
export function liveWorkers(workers: Iterable<WorkerRecord>): WorkerRecord[] {
  return [...workers].filter((w) => w.started && w.state !== 'missing' && !w.gone);
}

export function workerInfo(w: WorkerRecord): WorkerInfo {
  return {
    id: w.id,
    host: w.host,
    pid: w.pid,
    state: w.state,
    users: w.state === 'missing' ? 0 : w.users,
    requests: w.requests,
    cpu: w.cpu,
    loopDelayMs: w.loopDelayMs,
  };
}
