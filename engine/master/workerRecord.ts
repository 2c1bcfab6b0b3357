// The master's view of one worker: identity from the handshake, its place in the run as one state
// (with every transition in `transition` below), its latest health, and the seqs already merged
// (each (workerId, seq) is merged at most once).
import type { WorkerInfo, WorkerState } from '../../common/snapshot';
import { MergedSeqs } from './mergedSeqs';

/**
 * Where a worker is in the run:
 * - `ready`: handshake accepted, waiting for the run to start;
 * - `joining`: sent `start`, analysing the scenario. It is given its share with the start (no
 *   round trip before the load begins); a worker without a scenario ignores it, and when it answers
 *   `startFailed` its share moves to the others, so it never runs load;
 * - `running`: carries its share of the load;
 * - `stopping`: sent `stop`, waiting for its final report (a silent `missing` worker that did not
 *   leave is sent `stop` too);
 * - `done`: its final report arrived (or it never ran: `startFailed`, or left before the start);
 * - `missing`: silent too long, or its process left; `left` when it can never come back.
 */
export type WorkerPhase = 'ready' | 'joining' | 'running' | 'stopping' | 'done' | 'missing';

/** What can happen to a worker, as the master sees it. */
export type WorkerEvent =
  | { kind: 'start' }
  | { kind: 'started' }
  | { kind: 'startFailed' }
  | { kind: 'stop' }
  | { kind: 'final' }
  | { kind: 'silent' }
  | { kind: 'left' }
  | { kind: 'heard' };

export interface WorkerRecord {
  id: string;
  host: string;
  pid: number;
  cpus: number;
  phase: WorkerPhase;
  /** Sent `start` at some point: its results belong to the run, and its final report is due. */
  joinedRun: boolean;
  /** Its process left (goodbye, exit): a missing worker that left never comes back. */
  left: boolean;
  /** Why it was last declared missing (for the summary). */
  missingWhy?: string;
  /** Epoch ms of its last merged report (for what a lost final report takes with it). */
  lastReportAt: number;
  users: number;
  requests: number;
  cpu: number;
  loopDelayMs: number;
  /** Epoch ms of the last message from this worker. */
  lastSeen: number;
  mergedSeqs: MergedSeqs;
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
    phase: 'ready',
    joinedRun: false,
    left: false,
    lastReportAt: 0,
    users: 0,
    requests: 0,
    cpu: 0,
    loopDelayMs: 0,
    lastSeen: now,
    mergedSeqs: new MergedSeqs(),
  };
}

/**
 * Applies one event and returns the phase before it (so the caller can tell what changed). Events
 * that do not apply in a phase leave it alone: a final report from a missing worker is still merged
 * but it stays missing only if it left; a `heard` brings back a missing worker that did not leave
 * and was running.
 */
export function transition(w: WorkerRecord, event: WorkerEvent): WorkerPhase {
  const before = w.phase;
  switch (event.kind) {
    case 'start':
      if (before === 'ready') {
        w.phase = 'joining';
        w.joinedRun = true;
      }
      break;
    case 'started':
      if (before === 'joining') w.phase = 'running';
      break;
    case 'startFailed':
      if (before === 'joining') {
        w.phase = 'done';
        w.joinedRun = false;
      }
      break;
    case 'stop':
      // A worker counted missing that may still be there (silent, not gone) is asked too: its
      // final report carries what it measured since its last one.
      if (before === 'joining' || before === 'running' || (before === 'missing' && !w.left && w.joinedRun))
        w.phase = 'stopping';
      else if (before === 'ready') w.phase = 'done';
      break;
    case 'final':
      if (before !== 'ready') w.phase = 'done';
      break;
    case 'silent':
      if (before !== 'done') w.phase = 'missing';
      break;
    case 'left':
      w.left = true;
      if (before !== 'done') w.phase = 'missing';
      break;
    case 'heard':
      if (before === 'missing' && !w.left && w.joinedRun) w.phase = 'running';
      break;
  }
  return before;
}

/** A worker that answers and may carry load (missing and done ones do not). */
export function isWatched(w: WorkerRecord): boolean {
  return w.phase === 'ready' || w.phase === 'joining' || w.phase === 'running' || w.phase === 'stopping';
}

/** A worker that is given a share: running, or joining (until it says it cannot run the scenario). */
export function isLive(w: WorkerRecord): boolean {
  return w.phase === 'running' || w.phase === 'joining';
}

/** Workers that are given load, in join order (the order of the segments). */
export function liveWorkers(workers: Iterable<WorkerRecord>): WorkerRecord[] {
  return [...workers].filter(isLive);
}

/** The phase as the person sees it in snapshots. */
export function publicState(w: WorkerRecord): WorkerState {
  switch (w.phase) {
    case 'ready':
    case 'joining':
      return 'ready';
    case 'running':
    case 'stopping':
      return 'running';
    case 'done':
      return 'stopped';
    case 'missing':
      return 'missing';
  }
}

export function workerInfo(w: WorkerRecord): WorkerInfo {
  return {
    id: w.id,
    host: w.host,
    pid: w.pid,
    state: publicState(w),
    users: w.phase === 'missing' ? 0 : w.users,
    requests: w.requests,
    cpu: w.cpu,
    loopDelayMs: w.loopDelayMs,
  };
}
