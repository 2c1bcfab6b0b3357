// Messages between the master and its workers (ZeroMQ ROUTER/DEALER, or the in-memory transport).
// One discriminated union per direction, decoded once through the guards below. The protocol
// version is checked at the handshake: a worker with another version is refused, with a reason.
import type { ErrorStats } from '../snapshot';
import { hasKind, isArray, isBoolean, isNumber, isObject, isString } from '../is';

/** 2: load carries the whole assignment (kinds, segment); `started`/`startFailed`; stop has a grace period. */
export const ENGINE_PROTOCOL_VERSION = 2;

// ---- mergeable data: what a worker reports every interval (then resets) ----

/** Counters and the latency histogram of one (name, method) entry for one report interval. */
export interface EntryReport {
  name: string;
  method: string;
  requests: number;
  failures: number;
  /** Sum of response times, for the mean. */
  totalMs: number;
  minMs: number;
  maxMs: number;
  bytes: number;
  /** Encoded latency histogram (engine/stats decides the encoding; only it reads this). */
  histogram: string | Uint8Array;
  /** Per wall-clock second (epoch seconds): [second, requests, failures]. */
  perSecond: Array<[number, number, number]>;
}

/** One tracker's data for one stage (tracking session) in one interval. */
export interface TrackerReport {
  metric: string;
  stage: number;
  users: number;
  count: number;
  totalMs: number;
  minMs: number;
  maxMs: number;
  histogram: string | Uint8Array;
  incomplete: number;
  dropped: number;
}

export interface StatsReport {
  entries: EntryReport[];
  errors: ErrorStats[];
  trackers: TrackerReport[];
  /** Requests in flight when the run stopped and still unanswered after the grace period. */
  cancelledAtStop?: number;
  /** Open model: iterations started and dropped in this interval, and latency from intended start. */
  arrival?: { started: number; dropped: number; intendedHistogram: string | Uint8Array };
}

// ---- worker -> master ----

/** First message of a worker: who it is. The master answers `accepted` or `refused`. */
export interface WorkerReadyMessage {
  kind: 'ready';
  protocolVersion: number;
  workerId: string;
  host: string;
  pid: number;
  cpus: number;
  /** Shared secret, required when the master binds beyond loopback. */
  token?: string;
}
/** Sent every heartbeat interval, so the master can tell a live worker from a missing one. */
export interface WorkerHeartbeatMessage {
  kind: 'heartbeat';
  workerId: string;
  users: number;
  /** 0..1 of one core over the last interval. */
  cpu: number;
  loopDelayMs: number;
}
/** Stats for one interval (`final` on the last one after a stop); the worker resets after sending. */
export interface WorkerReportMessage {
  kind: 'report';
  workerId: string;
  /** Increases by one per report; the master merges each (workerId, seq) at most once. */
  seq: number;
  final: boolean;
  users: number;
  cpu: number;
  loopDelayMs: number;
  stats: StatsReport;
}
/** The worker analysed the scenario from `start` and is ready for load. Only now does it get a share. */
export interface WorkerStartedMessage {
  kind: 'started';
  workerId: string;
}
/** The worker could not analyse the scenario (another version, say): it never gets load. */
export interface WorkerStartFailedMessage {
  kind: 'startFailed';
  workerId: string;
  reason: string;
}
/** Something went wrong in the worker that the person should see (not a request error). */
export interface WorkerExceptionMessage {
  kind: 'exception';
  workerId: string;
  message: string;
}
/** The worker is leaving (after quit, or on its own because it lost the master). */
export interface WorkerGoodbyeMessage {
  kind: 'goodbye';
  workerId: string;
  reason: string;
}

export type WorkerToMaster =
  | WorkerReadyMessage
  | WorkerHeartbeatMessage
  | WorkerStartedMessage
  | WorkerStartFailedMessage
  | WorkerReportMessage
  | WorkerExceptionMessage
  | WorkerGoodbyeMessage;

// ---- master -> worker ----

export interface MasterAcceptedMessage {
  kind: 'accepted';
  heartbeatMs: number;
  /** A worker that hears nothing from the master for this long stops its users and exits. */
  masterTimeoutMs: number;
}
export interface MasterRefusedMessage {
  kind: 'refused';
  reason: string;
  /** True when the same worker may be accepted later (this run is over, or its id is still taken). */
  retry?: boolean;
}
/** Begin a run: the whole scenario source, so remote workers need no copy of the file. */
export interface MasterStartMessage {
  kind: 'start';
  runId: string;
  scenarioSource: string;
  /** For messages only (the worker reads no file). */
  scenarioPath: string;
  /** Target URL override (e.g. the embedded demo target's address). */
  target?: string;
  /** HTTPS accepts any certificate (`run --insecure`); undefined: the scenario's `defaults.insecure`. */
  insecure?: boolean;
  reportIntervalMs: number;
}
/**
 * Where a worker stands among the live workers when a share is computed: of the run's global user
 * (and arrival) indices it owns index, index + count, index + 2 count, ... (k6's striped execution
 * segments). Recomputed from the live set and sent with every `load`, never fixed at start.
 */
export interface WorkerSegment {
  index: number;
  count: number;
}
/**
 * This worker's whole share of the current stage, computed by the master's pure `assign` from the
 * plan and the live workers (engine/master/assign.ts). Sent whole each time, so a worker that
 * missed one still converges on the next.
 */
export type MasterLoadMessage =
  | {
      kind: 'load';
      model: 'closed';
      stage: number;
      users: number;
      spawnRate: number;
      /** Users of each user kind (scenario order) on this worker; sums to `users`. */
      kinds: number[];
      segment: WorkerSegment;
    }
  | {
      kind: 'load';
      model: 'open';
      stage: number;
      arrivalRate: number;
      maxUsers: number;
      segment: WorkerSegment;
    };
export interface MasterHeartbeatMessage {
  kind: 'heartbeat';
}
/**
 * Stop all users: no new request starts; requests in flight may finish within `graceMs`, then are
 * cancelled and counted as cancelled at stop. The worker keeps heartbeating and answering while
 * it waits, then sends its final report. A second stop with a shorter grace shortens the wait.
 */
export interface MasterStopMessage {
  kind: 'stop';
  graceMs: number;
}
/** Leave: send goodbye and exit. */
export interface MasterQuitMessage {
  kind: 'quit';
}

export type MasterToWorker =
  | MasterAcceptedMessage
  | MasterRefusedMessage
  | MasterStartMessage
  | MasterLoadMessage
  | MasterHeartbeatMessage
  | MasterStopMessage
  | MasterQuitMessage;

const workerKinds = [
  'ready',
  'heartbeat',
  'started',
  'startFailed',
  'report',
  'exception',
  'goodbye',
] as const;
const masterKinds = ['accepted', 'refused', 'start', 'load', 'heartbeat', 'stop', 'quit'] as const;

const isSegment = (v: unknown): boolean =>
  isObject(v) && isNumber(v.index) && isNumber(v.count) && v.count > 0;
const isStats = (v: unknown): boolean =>
  isObject(v) && isArray(v.entries) && isArray(v.errors) && isArray(v.trackers);

/**
 * Decodes an already-deserialised value: checks the fields the master's handlers read, and
 * returns undefined for anything else (the caller logs and drops it; a malformed message never
 * crashes the master).
 */
export function asWorkerToMaster(v: unknown): WorkerToMaster | undefined {
  if (!hasKind(v, workerKinds) || !isString(v.workerId)) return undefined;
  switch (v.kind) {
    case 'ready':
      if (!(isNumber(v.protocolVersion) && isString(v.host) && isNumber(v.pid) && isNumber(v.cpus)))
        return undefined;
      break;
    case 'heartbeat':
      if (!(isNumber(v.users) && isNumber(v.cpu) && isNumber(v.loopDelayMs))) return undefined;
      break;
    case 'report':
      if (!(
        isNumber(v.seq) &&
        isBoolean(v.final) &&
        isNumber(v.users) &&
        isNumber(v.cpu) &&
        isNumber(v.loopDelayMs) &&
        isStats(v.stats)
      ))
        return undefined;
      break;
    case 'startFailed':
    case 'goodbye':
      if (!isString(v.reason)) return undefined;
      break;
    case 'exception':
      if (!isString(v.message)) return undefined;
      break;
  }
  return v as unknown as WorkerToMaster;
}

/** Decodes a message for a worker: checks the fields the worker's handlers read. */
export function asMasterToWorker(v: unknown): MasterToWorker | undefined {
  if (!hasKind(v, masterKinds)) return undefined;
  switch (v.kind) {
    case 'accepted':
      if (!(isNumber(v.heartbeatMs) && isNumber(v.masterTimeoutMs))) return undefined;
      break;
    case 'refused':
      if (!isString(v.reason)) return undefined;
      break;
    case 'start':
      if (!(isString(v.scenarioSource) && isString(v.runId) && isNumber(v.reportIntervalMs)))
        return undefined;
      break;
    case 'load':
      if (!(isNumber(v.stage) && isSegment(v.segment))) return undefined;
      if (v.model === 'closed') {
        if (!(isNumber(v.users) && isNumber(v.spawnRate) && isArray(v.kinds) && v.kinds.every(isNumber)))
          return undefined;
      } else if (v.model === 'open') {
        if (!(isNumber(v.arrivalRate) && isNumber(v.maxUsers))) return undefined;
      } else return undefined;
      break;
    case 'stop':
      if (!isNumber(v.graceMs)) return undefined;
      break;
  }
  return v as unknown as MasterToWorker;
}
