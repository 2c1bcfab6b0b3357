// Messages between the master and its workers (ZeroMQ ROUTER/DEALER, or the in-memory transport).
// One discriminated union per direction, decoded once through the guards below. The protocol
// version is checked at the handshake: a worker with another version is refused, with a reason.
import type { ErrorStats, WorkerState } from '../snapshot';
import { hasKind, isArray, isBoolean, isNumber, isObject, isString } from '../is';

export const ENGINE_PROTOCOL_VERSION = 1;

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
  /**
   * The interval this report covers, in epoch ms of the worker's clock: from the previous drain (or
   * the collector's creation, just before the first users start) to this drain. The master knows
   * from it which wall-clock seconds are complete, so a rate is never divided by time it has no
   * data for (absent in reports from older tests' hand-made data: the master then assumes whole seconds).
   */
  intervalStartMs?: number;
  intervalEndMs?: number;
  /** Users that stopped in this interval because a `pick: unique` data set ran out (onExhausted: stop). */
  usersOutOfData?: number;
  /** Open model: iterations started and dropped in this interval, and latency from intended start. */
  arrival?: { started: number; dropped: number; intendedHistogram: string | Uint8Array };
}

// ---- worker -> master ----

/**
 * First message of a worker: who it is. The master answers `accepted` or `refused`. It carries no
 * token: the transport's CURVE handshake already proved that the worker holds the run's token.
 */
export interface WorkerReadyMessage {
  kind: 'ready';
  protocolVersion: number;
  workerId: string;
  host: string;
  pid: number;
  cpus: number;
}
/** Sent every heartbeat interval, so the master can tell a live worker from a missing one. */
export interface WorkerHeartbeatMessage {
  kind: 'heartbeat';
  workerId: string;
  state: WorkerState;
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

/**
 * A worker's users are running low on the `pick: unique` rows of data set `set`: it asks the
 * master for the next block of about `want` rows (answered by `dataGrant`). At most one request
 * per set is outstanding per worker.
 */
export interface WorkerDataLeaseMessage {
  kind: 'dataLease';
  workerId: string;
  set: string;
  want: number;
}

export type WorkerToMaster =
  | WorkerDataLeaseMessage
  | WorkerReadyMessage
  | WorkerHeartbeatMessage
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
  /**
   * The values of every `{{ env.NAME }}` the scenario reads, resolved by the master (flags, its
   * environment, .env, the file's defaults), so a remote worker needs no copy of the environment.
   * Undefined: the scenario's own `env:` defaults.
   */
  env?: Record<string, string>;
  /** Files the scenario's multipart bodies upload, read by the master: path as written -> bytes. */
  files?: Record<string, Uint8Array>;
  /**
   * The scenario's `data:` sets as this run has them (read and parsed once by the master): their
   * columns, and how many rows follow in `dataRows` messages (sequential and random sets) or are
   * leased on demand (`unique`, see `dataLease`).
   */
  data?: DataSetHeader[];
  reportIntervalMs: number;
  /** This worker's index and the number of workers, for deterministic per-worker choices. */
  workerIndex: number;
  workerCount: number;
}
/** A data set's shape, sent once in `start`; rows are arrays in this column order. */
export interface DataSetHeader {
  name: string;
  columns: string[];
  /** Rows in the file. For a sequential or random set, `dataRows` messages bring all of them. */
  rows: number;
  unique: boolean;
}

/**
 * A slice of a sequential or random data set's rows, in file order; the slices follow `start`,
 * and a worker starts no user before the last one is in (a `load` that comes first waits).
 */
export interface MasterDataRowsMessage {
  kind: 'dataRows';
  set: string;
  rows: string[][];
}

/**
 * The answer to `dataLease`: rows `[first, first + rows.length)` of the set, leased to this worker
 * alone; `exhausted` (with no rows) when none is left and the set's `onExhausted` is `stop`.
 */
export interface MasterDataGrantMessage {
  kind: 'dataGrant';
  set: string;
  first: number;
  rows: string[][];
  exhausted: boolean;
}

/** This worker's share of the current stage (already split by the master by largest remainder). */
export type MasterLoadMessage =
  | { kind: 'load'; model: 'closed'; stage: number; users: number; spawnRate: number }
  | { kind: 'load'; model: 'open'; stage: number; arrivalRate: number; maxUsers: number };
export interface MasterHeartbeatMessage {
  kind: 'heartbeat';
}
/** Stop all users; in-flight requests finish or time out; then send a final report. */
export interface MasterStopMessage {
  kind: 'stop';
}
/** Leave: send goodbye and exit. */
export interface MasterQuitMessage {
  kind: 'quit';
}

export type MasterToWorker =
  | MasterDataRowsMessage
  | MasterDataGrantMessage
  | MasterAcceptedMessage
  | MasterRefusedMessage
  | MasterStartMessage
  | MasterLoadMessage
  | MasterHeartbeatMessage
  | MasterStopMessage
  | MasterQuitMessage;

const workerKinds = ['ready', 'heartbeat', 'report', 'exception', 'goodbye', 'dataLease'] as const;
const masterKinds = [
  'accepted',
  'refused',
  'start',
  'load',
  'heartbeat',
  'stop',
  'quit',
  'dataRows',
  'dataGrant',
] as const;

/** Decodes an already-deserialised value; returns undefined for anything that is not a valid message. */
export function asWorkerToMaster(v: unknown): WorkerToMaster | undefined {
  if (!hasKind(v, workerKinds)) return undefined;
  if (!isString(v.workerId)) return undefined;
  if (v.kind === 'ready' && !(isNumber(v.protocolVersion) && isString(v.host) && isNumber(v.pid)))
    return undefined;
  if (v.kind === 'report' && !(isNumber(v.seq) && typeof v.stats === 'object' && v.stats !== null))
    return undefined;
  if (v.kind === 'dataLease' && !(isString(v.set) && isNumber(v.want) && v.want >= 1)) return undefined;
  return v as unknown as WorkerToMaster;
}

export function asMasterToWorker(v: unknown): MasterToWorker | undefined {
  if (!hasKind(v, masterKinds)) return undefined;
  if (v.kind === 'start' && !(isString(v.scenarioSource) && isString(v.runId))) return undefined;
  if (v.kind === 'start' && !(optionalMapOf(v.env, isString) && optionalMapOf(v.files, isBytes)))
    return undefined;
  if (v.kind === 'start' && !(v.data === undefined || (isArray(v.data) && v.data.every(isDataSetHeader))))
    return undefined;
  if (v.kind === 'load' && !isNumber(v.stage)) return undefined;
  if (v.kind === 'dataRows' && !(isString(v.set) && isRows(v.rows))) return undefined;
  if (
    v.kind === 'dataGrant' &&
    !(isString(v.set) && isNumber(v.first) && isRows(v.rows) && isBoolean(v.exhausted))
  )
    return undefined;
  return v as unknown as MasterToWorker;
}

function isStrings(v: unknown): v is string[] {
  return isArray(v) && v.every(isString);
}

/** Rows of a data set: arrays of strings (checked whole: the worker indexes them blindly). */
function isRows(v: unknown): v is string[][] {
  return isArray(v) && v.every(isStrings);
}

function isDataSetHeader(v: unknown): v is DataSetHeader {
  return (
    isObject(v) && isString(v.name) && isStrings(v.columns) && isNumber(v.rows) && isBoolean(v.unique)
  );
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** Undefined, or an object whose every value passes `valid`. */
function optionalMapOf(v: unknown, valid: (x: unknown) => boolean): boolean {
  return v === undefined || (isObject(v) && Object.values(v).every(valid));
}
