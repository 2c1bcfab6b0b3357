// The validated scenario: what the engine runs. scenario/ turns YAML text into this (with
// diagnostics); nothing downstream re-reads YAML. All durations are milliseconds.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/**
 * A string with `{{ name }}` holes. `parts` alternates literal text and variable references;
 * a template with no holes has exactly one string part, so the engine can pre-serialise it.
 */
export interface Template {
  source: string;
  parts: Array<string | { ref: string }>;
}

/** A JSON body whose strings may hold templates. */
export type JsonTemplate =
  null | boolean | number | Template | JsonTemplate[] | { [key: string]: JsonTemplate };

export type VariableValue = string | number | boolean | Array<string | number | boolean>;

export type Think =
  | { kind: 'none' }
  | { kind: 'constant'; ms: number }
  | { kind: 'between'; minMs: number; maxMs: number }
  /** A fixed iteration period: think is whatever remains of `ms` after the iteration. */
  | { kind: 'pacing'; ms: number };

export interface ClosedStage {
  durationMs: number;
  users: number;
  /** Users started (or stopped) per second when moving to this stage. */
  spawnRate: number;
}

export interface OpenStage {
  durationMs: number;
  /** Iterations started per second, independent of responses. */
  arrivalRate: number;
}

export type LoadSpec = (
  { model: 'closed'; stages: ClosedStage[] } | { model: 'open'; stages: OpenStage[]; maxUsers: number }
) & {
  /**
   * At the end of the run (or on stop), how long requests in flight may still finish before they
   * are cancelled and counted as cancelled at stop. Default DEFAULT_GRACEFUL_STOP_MS.
   */
  gracefulStopMs?: number;
};

/** k6's default: 10 s for requests in flight to finish when a run stops. */
export const DEFAULT_GRACEFUL_STOP_MS = 10_000;

/** Where a capture or check reads from the response. `path` is split on dots; numbers index arrays. */
export type ResponseSource =
  | { from: 'json'; path: Array<string | number> }
  | { from: 'header'; name: string }
  | { from: 'regex'; pattern: string; flags: string }
  | { from: 'status' }
  | { from: 'body' };

export interface Capture {
  as: string;
  source: ResponseSource;
}

/**
 * One assertion on a response. `status` accepts any listed code; `json`/`header` compare the
 * value (string form) for equality, or test a regex when `match` is set; `body` checks containment.
 * An expected value with `{{ name }}` holes is `equalsTemplate`, rendered per response (e.g. the
 * value a variable had in this iteration).
 */
export type Check =
  | { kind: 'status'; oneOf: number[] }
  | {
      kind: 'json';
      path: Array<string | number>;
      equals?: unknown;
      match?: string;
      equalsTemplate?: Template;
    }
  | { kind: 'header'; name: string; equals?: string; match?: string; equalsTemplate?: Template }
  | { kind: 'body'; contains: string };

export interface Repeat {
  until: Check[];
  everyMs: number;
  max: number;
}

export interface RequestStep {
  kind: 'request';
  /** Stats entry name: `name:` or, by default, the URL template's source. */
  name: string;
  method: HttpMethod;
  url: Template;
  headers: Record<string, Template>;
  query: Record<string, Template>;
  body?: { type: 'json'; value: JsonTemplate } | { type: 'text'; value: Template };
  captures: Capture[];
  checks: Check[];
  repeat?: Repeat;
  timeoutMs?: number;
}

/** A custom event for duration trackers (`emit: eventName`). */
export interface EmitStep {
  kind: 'emit';
  event: string;
  attributes: Record<string, Template>;
}

export type Step = RequestStep | EmitStep;

export interface Task {
  name: string;
  weight: number;
  steps: Step[];
}

/** A loop that runs concurrently with the user's tasks (and other loops), at its own period. */
export interface Loop {
  everyMs: number;
  steps: Step[];
}

export interface UserKind {
  name: string;
  weight: number;
  think: Think;
  tasks: Task[];
  loops: Loop[];
}

export type FilterOp = '=' | '!=' | '~=' | '<' | '>';

export interface FilterCondition {
  attr: string;
  op: FilterOp;
  value: string | number | boolean;
}

/** A built-in event (scenario/events.ts) or a custom name from an `emit` step. */
export type EventType = string;

/** `eventType[attr op value, ...]:selector`, parsed. */
export interface EventFilter {
  source: string;
  eventType: EventType;
  conditions: FilterCondition[];
  selector?: { kind: 'first' } | { kind: 'last' } | { kind: 'nth'; n: number };
}

export interface TrackerSpec {
  metric: string;
  start: EventFilter;
  end: EventFilter;
}

export type ThresholdMetric =
  | 'p50'
  | 'p66'
  | 'p75'
  | 'p80'
  | 'p90'
  | 'p95'
  | 'p98'
  | 'p99'
  | 'p99.9'
  | 'max'
  | 'mean'
  | 'min'
  | 'failures'
  | 'rps'
  | 'requests';

/** e.g. `p95 < 300ms`, `failures < 1%`, `rps > 100`; optionally scoped to one entry: `p95[login] < 200ms`. */
export interface ThresholdSpec {
  source: string;
  metric: ThresholdMetric;
  entry?: string;
  /** `entry` names a duration tracker's metric (`p95[job latency] < 2s`), not a request. */
  tracker?: boolean;
  op: '<' | '<=' | '>' | '>=';
  /** Milliseconds for time metrics, a percentage for failures written with %, else a plain number. */
  value: number;
  unit: 'ms' | '%' | 'count' | 'rps';
}

export interface OutputSpec {
  json?: string;
  csv?: string;
  ndjson?: string;
  sqlite?: string;
  html?: string;
}

export interface Scenario {
  name: string;
  target?: string;
  load: LoadSpec;
  /** Local worker processes; 0 runs in-process; 'auto' = available cores. */
  workers: number | 'auto';
  /**
   * `cookies`: each virtual user keeps the cookies servers set and sends them back (default true).
   * `insecure`: HTTPS accepts any certificate (self-signed test servers; default false).
   */
  defaults: { headers: Record<string, Template>; timeoutMs: number; cookies: boolean; insecure: boolean };
  variables: Record<string, VariableValue>;
  users: UserKind[];
  trackers: TrackerSpec[];
  thresholds: ThresholdSpec[];
  output: OutputSpec;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
