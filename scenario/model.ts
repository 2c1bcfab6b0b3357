// The validated scenario: what the engine runs. scenario/ turns YAML text into this (with
// diagnostics); nothing downstream re-reads YAML. All durations are milliseconds.
import type { Range } from './diagnostic';
import type { DataExhausted, DataPer, DataPick } from './dataFiles';
import type { TemplateExpr } from './templateExpression';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/**
 * A string with `{{ }}` holes. `parts` alternates literal text and holes: `{ ref }` reads a
 * variable or capture by name (the engine may prebuild those), `{ expr }` is any other expression
 * of the template grammar (a dotted path such as `env.TOKEN`, a call such as `uuid()`), rendered
 * per request. A template with no holes has exactly one string part, so the engine can
 * pre-serialise it.
 */
export interface Template {
  source: string;
  parts: TemplatePart[];
}

export type TemplatePart = string | { ref: string } | { expr: TemplateExpr };

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
  body?: RequestBody;
  /** `auth:` of the request (overrides `defaults.auth`). */
  auth?: Auth;
  captures: Capture[];
  checks: Check[];
  repeat?: Repeat;
  timeoutMs?: number;
}

/**
 * A request body. `form` is sent as application/x-www-form-urlencoded (a list value repeats its
 * key); `multipart` as multipart/form-data with text fields and files.
 */
export type RequestBody =
  | { type: 'json'; value: JsonTemplate }
  | { type: 'text'; value: Template }
  | { type: 'form'; fields: Array<[string, Template]> }
  | { type: 'multipart'; parts: MultipartPart[] };

/**
 * One part of a multipart body: a text field, or a file read by the master (path relative to the
 * scenario's folder, as written) and sent to every worker in the start message.
 */
export type MultipartPart =
  | { kind: 'field'; name: string; value: Template }
  | { kind: 'file'; name: string; file: string; contentType: string; filename: string };

/** `auth: { basic: { user, password } }` or `auth: { bearer: token }`: the Authorization header. */
export type Auth =
  { kind: 'basic'; user: Template; password: Template } | { kind: 'bearer'; token: Template };

/** A custom event for duration trackers (`emit: eventName`). */
export interface EmitStep {
  kind: 'emit';
  event: string;
  attributes: Record<string, Template>;
}

/**
 * A pause between two steps (`think: 1.5s`, `think: between(1s, 3s)`): the time a person spent
 * between two requests of a recorded journey. Ends at once when the user stops.
 */
export interface ThinkStep {
  kind: 'think';
  think: Think;
}

export type Step = RequestStep | EmitStep | ThinkStep;

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
  /** Steps run once when a user of this kind starts (log in); their captures last the user's life. */
  start: Step[];
  /** Steps run once when the user stops (log out), after its last iteration. */
  stop: Step[];
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
  /**
   * Set when `end` is an `event[...]` filter (an event from outside, received by the master):
   * how the master pairs it. Absent for trackers whose both ends are the workers' own events.
   */
  external?: ExternalEnd;
}

/**
 * The end of a tracker that waits for an event from the system under test. `keys` are the
 * conditions whose values hold templates (`json.orderId="{{ orderId }}"`): the worker renders
 * them when the start matches (in that user's scope, so a capture of the start request counts)
 * and the master pairs an event with a start whose rendered keys equal the event's values.
 * Other conditions (`name`, literal `json.*`) are plain filters on the event.
 */
export interface ExternalEnd {
  /** The listener (`events[].name`) the end comes from. */
  source: string;
  keys: Array<{ attr: string; value: Template }>;
  /** Starts with no end after this long are counted as timed out (`timeout:`, default 60 s). */
  timeoutMs: number;
}

export const DEFAULT_EXTERNAL_TIMEOUT_MS = 60_000;

/** A listener for events from outside, run by the master (`events:`). */
export type EventListenerSpec =
  | { name: string; kind: 'webhook'; host: string; port: number; path: string }
  | { name: string; kind: 'udp'; host: string; port: number }
  | { name: string; kind: 'sse'; url: Template };

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

/** The outputs that are files under the results folder (paths with `{name}` and `{time}`). */
export type FileOutputKind = 'json' | 'csv' | 'ndjson' | 'sqlite' | 'html' | 'junit' | 'markdown';

export interface OutputSpec {
  json?: string;
  csv?: string;
  ndjson?: string;
  sqlite?: string;
  html?: string;
  /** JUnit XML for CI test reporters: a test case per threshold, per check and for the run's verdict. */
  junit?: string;
  /** A Markdown summary for a pull request or CI page. */
  markdown?: string;
  /** A PostgreSQL URL (not a path); may read `{{ env.NAME }}`, resolved by the run. */
  postgres?: string;
  prometheus?: PrometheusOutputSpec;
}

/**
 * `output.prometheus`: the per-second series pushed by remote write and/or served on `/metrics`
 * (at least one of the two). Checked by the language: a URL with http(s), a port, label names.
 */
export interface PrometheusOutputSpec {
  /** The receiver's URL (`http(s)://host:9090/api/v1/write`). */
  remoteWrite?: string;
  /** Where `/metrics` is served while the run lasts; host is 127.0.0.1 unless written. */
  listen?: { host: string; port: number };
  /** Extra labels on every series (names checked: not reserved, Prometheus's syntax). */
  labels: Record<string, string>;
  /**
   * Credentials and headers for the receiver (Mimir's tenant, a gateway's token). Values may read
   * `{{ env.NAME }}` (filled in by the run, masked in every message); names are checked.
   */
  remoteWriteAuth?: RemoteWriteAuth;
}

/** How remote write logs in: at most one of `bearerToken` and `basicAuth`, plus any headers. */
export interface RemoteWriteAuth {
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  headers: Record<string, string>;
}

export interface Scenario {
  name: string;
  target?: string;
  load: LoadSpec;
  /** Local worker processes; 0 runs in-process; 'auto' = available cores. */
  workers: number | 'auto';
  /**
   * `sourceAddresses:` local IPs the connections come from, round robin per connection (IP
   * literals of the target's family; the engine checks at run start that they are this machine's).
   */
  sourceAddresses?: string[];
  /**
   * `cookies`: each virtual user keeps the cookies servers set and sends them back (default true).
   * `insecure`: HTTPS accepts any certificate (self-signed test servers; default false).
   */
  defaults: {
    headers: Record<string, Template>;
    timeoutMs: number;
    cookies: boolean;
    insecure: boolean;
    /** `keepAlive: false`: a new connection per request (`Connection: close`); absent means true. */
    keepAlive?: boolean;
    /** `resumeTlsSessions: false`: every HTTPS connection makes a full handshake; absent means true. */
    resumeTlsSessions?: boolean;
    /** Sent by every request that has no `auth` of its own. */
    auth?: Auth;
  };
  variables: Record<string, VariableValue>;
  /** `env:` defaults: the lowest-priority value of each `{{ env.NAME }}` (see EnvUse). */
  env: Record<string, string>;
  /** `secrets:` names whose values never appear in any output (shown as `***`). */
  secrets: string[];
  /** Every `{{ env.NAME }}` in the file, in document order, with where it is written. */
  envUses: EnvUse[];
  /** `data:` test data sets, in document order (the engine reads their files; see DataSetSpec). */
  data: DataSetSpec[];
  users: UserKind[];
  /** Listeners for events from the system under test (`events:`), run by the master; absent: none. */
  events?: EventListenerSpec[];
  trackers: TrackerSpec[];
  thresholds: ThresholdSpec[];
  output: OutputSpec;
}

/** A `{{ env.NAME }}` reference: the name and the range of the name (for "no value" errors). */
export interface EnvUse {
  name: string;
  range: Range;
}

/**
 * One `data:` set: rows of a CSV (header row = column names) or JSON file (an array of objects),
 * read by the master. `{{ name.column }}` reads a column of the user's current row.
 */
export interface DataSetSpec {
  name: string;
  /** Relative to the scenario's folder, as written (checked to stay inside it). */
  file: string;
  /** `sequential` (wraps around), `random`, or `unique` (no row used twice in the whole run). */
  pick: DataPick;
  /** A new row each iteration, or one row for the user's whole life. */
  per: DataPer;
  /** `unique` rows ran out: the user stops, the rows start over, or the run fails (exit 3). */
  onExhausted: DataExhausted;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
