// Messages between the master and its workers (ZeroMQ ROUTER/DEALER, or the in-memory transport).
// One discriminated union per direction, decoded once through the guards below. The protocol
// version is checked at the handshake: a worker with another version is refused, with a reason.
import type { ErrorStats, FailureSample } from '../snapshot';
import { hasKind, isArray, isBoolean, isNumber, isObject, isString } from '../is';

/**
 * 2: load carries the whole assignment (kinds, segment); `started`/`startFailed`; stop has a grace period.
 * 3: a report's entries and errors are positional tuples keyed by the entry's index in the
 *    scenario's request table (WireEntry, WireError), not objects naming the request each second.
 */
export const ENGINE_PROTOCOL_VERSION = 3;

// ---- mergeable data: what a worker reports every interval (then resets) ----

/**
 * Counters and the latency histogram of one (name, method) entry for one report interval, as the
 * worker's collector drains them. On the wire it travels as a WireEntry (engine/stats/wireStats.ts).
 */
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
  /** Trackers that end with an event from outside (made by the master only): starts with no end within `timeout`. */
  timedOut?: number;
  /** Events from outside that matched no start (made by the master only). */
  unmatched?: number;
}

/**
 * A start of a tracker whose end is an event from outside (`end: event[...]`): the master, which
 * receives those events, pairs it. `key` is the end filter's templated values rendered in the
 * start's user scope (joined by U+0000); `atMs` is when the start happened on the worker's clock
 * (performance.timeOrigin + performance.now(), the same clock as `ExternalStarts.clockMs`).
 */
export interface ExternalStart {
  metric: string;
  stage: number;
  key: string;
  atMs: number;
}

/** The external starts of one report interval, with the worker's clock when it drained them. */
export interface ExternalStarts {
  clockMs: number;
  starts: ExternalStart[];
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
  /** Requests in flight when the run stopped and still unanswered after the grace period. */
  cancelledAtStop?: number;
  /**
   * Failing exchanges the worker kept since its last report (engine/runner/failureSamples.ts: at
   * most 3 per (request, error) and 100 per worker per run, texts cut, secrets masked). The master
   * checks their sizes (reportLimits.ts) and keeps the same bounds across workers.
   */
  samples?: SampleReport[];
  /** Open model: iterations started and dropped in this interval, and latency from intended start. */
  arrival?: { started: number; dropped: number; intendedHistogram: string | Uint8Array };
  /** Starts of trackers that end with an event from outside; absent when there were none. */
  externalStarts?: ExternalStarts;
}

/**
 * An entry of a report on the wire (protocol 3): positional, with no field names and no request
 * name or method. `entry` is the request's index in the scenario's request table (the distinct
 * `METHOD name` pairs of its request steps in step order, engine/stats/entryTable.ts), which the
 * master and every worker build from the same scenario source. `perSecond` is flat:
 * [epoch second, requests, failures] repeated. At 1,000 workers x 50 entries the master decoded
 * 50,000 names, methods and key sets a second with objects; tuples of numbers cost a fraction.
 */
export type WireEntry = [
  entry: number,
  requests: number,
  failures: number,
  totalMs: number,
  minMs: number,
  maxMs: number,
  bytes: number,
  histogram: Uint8Array,
  perSecond: number[],
];
/** An error row of a report on the wire (protocol 3): the entry's index, the error text, its count. */
export type WireError = [entry: number, error: string, count: number];

/** A report's stats as they cross the wire: StatsReport with compact entries and errors. */
export type WireStatsReport = Omit<StatsReport, 'entries' | 'errors'> & {
  entries: WireEntry[];
  errors: WireError[];
};

/**
 * Bounds of failure samples, kept by each worker (engine/runner/failureSamples.ts), checked again
 * by the master (engine/master/sampleLimits.ts) and kept across workers (engine/stats/aggregator.ts).
 */
export const SAMPLE_LIMITS = {
  /** Samples per (request, error) and per worker per run (the master keeps the same across workers). */
  perKey: 3,
  perRun: 100,
  /** Request and response bodies: the first 2 KiB, cut on a UTF-8 character boundary. */
  bodyBytes: 2048,
  /** URLs and header blocks, in characters (then `…`). */
  headChars: 8192,
  /** The value a failed check saw, in characters (then `…`). */
  sawChars: 512,
} as const;

/** A failure sample with the entry it belongs to; its error row is (name, method, error). */
export interface SampleReport extends FailureSample {
  name: string;
  method: string;
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
  /** The worker's machine name (os.hostname()), for people reading the workers table and logs. */
  host: string;
  pid: number;
  cpus: number;
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
  stats: WireStatsReport;
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
      /** The stage's arrivals as a whole, so the workers' shares cover each exactly once. */
      schedule?: StageSchedule;
    };
/**
 * Open model: the stage's arrivals are numbered j = 0 .. ceil(rate x durationMs) - 1, arrival j due
 * j / rate s after the stage began; a worker takes the j of its segment from `from` on (its
 * previous share, if any, ends there). `from` is a little ahead of the stage's progress when the
 * share changes mid-stage, so every worker hears of the change before it applies.
 */
export interface StageSchedule {
  /** The stage's whole arrival rate (all workers), per second. */
  rate: number;
  /** ms since the stage began, when the master sent this. */
  elapsedMs: number;
  durationMs: number;
  from: number;
}
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
  /**
   * The plan ran to its end (not a person's stop): open-model workers first start or drop the rest
   * of their share of the stage's arrivals (their clocks trail the master's by the load message's
   * transit), so started + dropped is rate x duration. Within the grace period.
   */
  planEnded?: boolean;
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

const workerKinds = [
  'ready',
  'heartbeat',
  'started',
  'startFailed',
  'report',
  'exception',
  'goodbye',
  'dataLease',
] as const;
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

const isSegment = (v: unknown): boolean =>
  isObject(v) && isNumber(v.index) && isNumber(v.count) && v.count > 0;
const isStats = (v: unknown): boolean =>
  isObject(v) &&
  isArray(v.entries) &&
  isArray(v.errors) &&
  isArray(v.trackers) &&
  (v.samples === undefined || isArray(v.samples));

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
    case 'dataLease':
      if (!(isString(v.set) && isNumber(v.want) && v.want >= 1)) return undefined;
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
      if (!(optionalMapOf(v.env, isString) && optionalMapOf(v.files, isBytes))) return undefined;
      if (!(v.data === undefined || (isArray(v.data) && v.data.every(isDataSetHeader)))) return undefined;
      break;
    case 'load':
      if (!(isNumber(v.stage) && isSegment(v.segment))) return undefined;
      if (v.model === 'closed') {
        if (!(isNumber(v.users) && isNumber(v.spawnRate) && isArray(v.kinds) && v.kinds.every(isNumber)))
          return undefined;
      } else if (v.model === 'open') {
        if (!(isNumber(v.arrivalRate) && isNumber(v.maxUsers))) return undefined;
        if (v.schedule !== undefined && !isStageSchedule(v.schedule)) return undefined;
      } else return undefined;
      break;
    case 'stop':
      if (!isNumber(v.graceMs) || (v.planEnded !== undefined && typeof v.planEnded !== 'boolean'))
        return undefined;
      break;
    case 'dataRows':
      if (!(isString(v.set) && isRows(v.rows))) return undefined;
      break;
    case 'dataGrant':
      if (!(isString(v.set) && isNumber(v.first) && isRows(v.rows) && isBoolean(v.exhausted)))
        return undefined;
      break;
  }
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
  return isObject(v) && isString(v.name) && isStrings(v.columns) && isNumber(v.rows) && isBoolean(v.unique);
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** Undefined, or an object whose every value passes `valid`. */
function optionalMapOf(v: unknown, valid: (x: unknown) => boolean): boolean {
  return v === undefined || (isObject(v) && Object.values(v).every(valid));
}

function isStageSchedule(v: unknown): v is StageSchedule {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return isNumber(s.rate) && isNumber(s.elapsedMs) && isNumber(s.durationMs) && isNumber(s.from);
}
