// What `stampede try` reports: one virtual user's exchanges, each request as sent and the response
// as received (bodies cut to 2 KiB, JSON pretty-printed), its timings, captures and checks. The
// CLI prints it (or writes it as one JSON document with --json) and the editor's Try view renders
// it as it is: the view computes nothing. Secret values are `***` in every field.

export const TRY_RESULT_FORMAT = 'stampede-try/1';

/** Bodies are cut to this many bytes (a whole body would drown the view). */
export const TRY_BODY_LIMIT = 2048;

export interface TryBody {
  /** The body as text (JSON pretty-printed when it parses), cut to TRY_BODY_LIMIT bytes. */
  text: string;
  /** Bytes of the whole body. */
  bytes: number;
  truncated: boolean;
  /** The text is binary, shown as a count only. */
  binary?: boolean;
}

export interface TryTimings {
  /** TCP connect; absent when the request reused a kept-alive connection. */
  connectMs?: number;
  /** TLS handshake (https only, on a new connection). */
  tlsMs?: number;
  /** From the connection being ready (request written) to the first response byte. */
  firstByteMs?: number;
  /** From the first response byte to the end of the body. */
  downloadMs?: number;
  /** The response time the engine records for this request (stats use the same clock reads). */
  totalMs: number;
}

export interface TryCheck {
  /** The check as a person reads it: `status 200`, `json.id matches /\d+/`. */
  check: string;
  ok: boolean;
  /** The value the response had (`nothing` when absent). */
  seen: string;
  /** Why it failed (the engine's own error text), when it failed. */
  failure?: string;
}

export interface TryCapture {
  name: string;
  /** Where it reads from: `json.id`, `header.Location`, ... */
  from: string;
  /** The captured value as text; absent when nothing was found. */
  value?: string;
}

export type TryPhase = 'start' | 'task' | 'loop' | 'stop';

export interface TryExchange {
  user: string;
  /** The task's name, for task steps. */
  task?: string;
  phase: TryPhase;
  /** The request's stats name. */
  name: string;
  /** 0-based line of the request in the scenario file (the step's method key), when known. */
  line?: number;
  /** The try number when the step repeats until a condition holds (1 for the first). */
  attempt: number;
  request: {
    method: string;
    /** Absent when the request could not be built (see error). */
    url?: string;
    headers: Array<[string, string]>;
    body?: TryBody;
  };
  response?: {
    status: number;
    headers: Array<[string, string]>;
    body?: TryBody;
  };
  timings?: TryTimings;
  checks: TryCheck[];
  captures: TryCapture[];
  /** The exchange failed: a check, a capture, HTTP >= 400 or a transport error (the engine's text). */
  failure?: string;
  /** The request never got a response (refused, timed out, reset, could not be built). */
  transportError?: string;
  ok: boolean;
}

export interface TryResult {
  format: typeof TRY_RESULT_FORMAT;
  scenario: string;
  file: string;
  /** The base URL relative requests went to. */
  target?: string;
  exchanges: TryExchange[];
  /** User kinds tried and the task each ran (none for a kind with only loops). */
  iterations: Array<{ user: string; task?: string }>;
  /** Every exchange passed. */
  ok: boolean;
  /** Set when the target could not be reached at all: why, and what to look at. */
  unreachable?: string;
}

/** A guard for a TryResult read back from a child process (the editor runs try in one). */
export function isTryResult(v: unknown): v is TryResult {
  const o = v as Partial<TryResult> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    o.format === TRY_RESULT_FORMAT &&
    typeof o.scenario === 'string' &&
    Array.isArray(o.exchanges) &&
    Array.isArray(o.iterations) &&
    typeof o.ok === 'boolean'
  );
}
