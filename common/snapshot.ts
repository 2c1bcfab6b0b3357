// The master's merged view of a run: what the CLI prints, what the recorders write and what the
// extension forwards to the webview. Every number here was computed by the master from mergeable
// worker data (counts and histograms); consumers only display it. Times are milliseconds (floats).

/** The percentiles every entry reports (Locust's set). Keys are stable: they appear in JSON output. */
export const PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100] as const;
export type PercentileKey =
  'p50' | 'p66' | 'p75' | 'p80' | 'p90' | 'p95' | 'p98' | 'p99' | 'p99.9' | 'p99.99' | 'p100';
export type Percentiles = Record<PercentileKey, number>;

/** Stats of one (name, method) entry, or of the aggregated total (name "Aggregated", method ""). */
export interface EntryStats {
  name: string;
  method: string;
  requests: number;
  failures: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  /** Total response body bytes. */
  bytes: number;
  /** Requests per second over the whole run so far. */
  rps: number;
  /** Requests and failures per second over the current window (the last 10 s). */
  currentRps: number;
  currentFailuresPerSec: number;
  percentiles: Percentiles;
  /** Percentiles over the current window only (live charts, the CSV history). */
  current: Percentiles;
}

export interface ErrorStats {
  name: string;
  method: string;
  error: string;
  count: number;
  /**
   * The first few exchanges that failed with this error (at most 3 per row, 100 in the run, bodies
   * cut to 2 KiB, secrets masked). Absent when none was kept. Response text is the server's:
   * whoever shows it escapes it.
   */
  samples?: FailureSample[];
}

/** One failing exchange as a worker kept it (engine/runner/failureSamples.ts). */
export interface FailureSample {
  /** Epoch ms (the worker's clock) when the request ended. */
  time: number;
  /** The error text, as in its error row (what failed). */
  error: string;
  /** The check that failed and the value it saw (absent for transport and plain status failures). */
  check?: { check: string; saw: string };
  request: {
    method: string;
    url: string;
    /** Header lines as sent (`Name: value`, one a line), cut to 8 KiB. */
    headers: string;
    /** The first 2 KiB of the body (cut on a UTF-8 character boundary) and its whole length. */
    body: string;
    bodyBytes: number;
  };
  /** Absent when no response head arrived (refused, reset, timeout before the head). */
  response?: {
    status: number;
    /** Status line and header lines, cut to 8 KiB; empty when the head was not kept. */
    headers: string;
    body: string;
    /** Body bytes received (the sample holds at most the first 2 KiB). */
    bodyBytes: number;
  };
}

export type WorkerState = 'ready' | 'running' | 'stopped' | 'missing';

export interface WorkerInfo {
  id: string;
  /** The worker's machine name (its `ready` message's `host`). */
  host: string;
  pid: number;
  state: WorkerState;
  users: number;
  requests: number;
  /** CPU use of the worker process, 0..1 of one core. */
  cpu: number;
  loopDelayMs: number;
}

/** Duration-tracker results for one metric in one stage (tracking session). */
export interface TrackerResult {
  metric: string;
  stage: number;
  users: number;
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  incomplete: number;
  /** Starts dropped because a queue was full (memory bound); counted, never silent. */
  dropped: number;
  /** Trackers ending with an event from outside only: starts with no event within `timeout:`. */
  timedOut?: number;
  /** Trackers ending with an event from outside only: events that matched no start. */
  unmatched?: number;
}

/** One listener of `events:` (run by the master): what it received. */
export interface EventSourceStats {
  name: string;
  kind: 'webhook' | 'udp' | 'sse';
  /** Events with a JSON body handed to the trackers. */
  received: number;
  /** Requests, datagrams or stream events refused: not JSON, too large, wrong path or method. */
  malformed: number;
  /** SSE only: times the stream was reconnected after it ended or failed. */
  reconnects?: number;
}

export interface ThresholdResult {
  /** The threshold as written in the scenario, e.g. "p95 < 300ms". */
  source: string;
  ok: boolean;
  /** The measured value in the threshold's unit (ms, %, rps, count). */
  actual: number;
}

export type RunState = 'starting' | 'running' | 'stopping' | 'stopped';

/** Open-model (arrival rate) figures; absent for closed-model runs. */
export interface ArrivalStats {
  /** Target iterations per second right now. */
  rate: number;
  /** Iterations started and dropped (no free user) so far. */
  started: number;
  dropped: number;
  /** Started and dropped per second since the previous snapshot (engine/master/arrivalPerSecond.ts). */
  startedPerSec?: number;
  droppedPerSec?: number;
  /** The run's maxUsers (the cap a dropped iteration met), for the summary's hint. */
  maxUsers?: number;
  /** Latency measured from the intended start (coordinated omission corrected). */
  intended: { p50: number; p95: number; p99: number; max: number };
}

/** The load generator watching itself: a saturated generator must never pass for a slow server. */
export interface GeneratorHealth {
  /** Highest worker CPU, 0..1 of one core. */
  cpu: number;
  loopDelayMs: number;
  saturated: boolean;
  reason?: string;
}

export interface RunSnapshot {
  runId: string;
  scenario: string;
  state: RunState;
  /** Epoch ms of the run's start. */
  startedAt: number;
  elapsedMs: number;
  /** Planned duration, when known (for a progress bar). */
  plannedMs?: number;
  stage: { index: number; count: number };
  users: number;
  targetUsers: number;
  total: EntryStats;
  entries: EntryStats[];
  errors: ErrorStats[];
  workers: WorkerInfo[];
  trackers: TrackerResult[];
  /** The `events:` listeners and what they received; absent when the scenario has none. */
  eventSources?: EventSourceStats[];
  arrival?: ArrivalStats;
  /** Users that stopped because a `pick: unique` data set ran out (`onExhausted: stop`); absent when none. */
  usersOutOfData?: number;
  /**
   * Requests in flight when the run stopped that were still unanswered after the grace period
   * (`load.gracefulStop`), then cancelled: not failures, not dropped, but not lost either. Absent
   * when there were none.
   */
  cancelledAtStop?: number;
  generator: GeneratorHealth;
  /** Filled in when the run has finished. */
  thresholds?: ThresholdResult[];
}

/** One point of chart history, one per snapshot (1 Hz). */
export interface HistoryPoint {
  /** Elapsed ms since the run started. */
  t: number;
  /** Requests and failures per second in the last complete second (not a moving average: a step shows as a step). */
  rps: number;
  failuresPerSec: number;
  /** Response-time percentiles over the current window (the last 10 s). */
  p50: number;
  p95: number;
  p99: number;
  users: number;
  arrivalRate?: number;
  /** Iterations dropped so far (a running total). */
  dropped?: number;
  /** Iterations started and dropped per second at this point. */
  startedPerSec?: number;
  droppedPerSec?: number;
}
