// Reads a response for checks, captures and repeat conditions. The body is parsed as JSON at most
// once per response, and only when something asks for a JSON path.
import type { Capture, Check, ResponseSource } from '../../scenario/model';
import { render, textOf, type Scope } from './scope';
import { boundedDetail } from '../http/errorText';

const NOT_JSON = Symbol('not json');
const regexCache = new Map<string, RegExp>();

/** A compiled regex, cached (stateless: the global and sticky flags are dropped). */
function regex(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) regexCache.set(key, (re = new RegExp(pattern, flags.replace(/[gy]/g, ''))));
  return re;
}

/** What checks and captures read (an HttpResponse, or a detached copy kept by an event). */
export interface ResponseLike {
  status: number;
  body: Buffer | undefined;
  header(name: string): string | undefined;
}

export class ResponseData {
  private json: unknown = undefined;
  private parsed = false;
  private text: string | undefined = undefined;

  constructor(readonly response: ResponseLike) {}

  get status(): number {
    return this.response.status;
  }

  bodyText(): string {
    if (this.text === undefined) this.text = this.response.body?.toString('utf8') ?? '';
    return this.text;
  }

  /** The body as JSON, or NOT_JSON when it does not parse. */
  jsonBody(): unknown {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.json = JSON.parse(this.bodyText());
      } catch {
        this.json = NOT_JSON;
      }
    }
    return this.json;
  }

  /** The value at a JSON path, or undefined when the body is not JSON or the path is absent. */
  jsonPath(path: ReadonlyArray<string | number>): unknown {
    let v = this.jsonBody();
    if (v === NOT_JSON) return undefined;
    for (const key of path) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[key];
    }
    return v;
  }

  isJson(): boolean {
    return this.jsonBody() !== NOT_JSON;
  }
}

export function sourceLabel(s: ResponseSource): string {
  switch (s.from) {
    case 'json':
      return `json.${s.path.join('.')}`;
    case 'header':
      return `header.${s.name}`;
    case 'regex':
      return `regex /${s.pattern}/`;
    case 'status':
      return 'status';
    case 'body':
      return 'body';
  }
}

/** The value a capture reads, or undefined when it is not there. */
export function readSource(s: ResponseSource, r: ResponseData): unknown {
  switch (s.from) {
    case 'json':
      return r.jsonPath(s.path);
    case 'header':
      return r.response.header(s.name);
    case 'regex': {
      const m = regex(s.pattern, s.flags).exec(r.bodyText());
      if (m === null) return undefined;
      return m.length > 1 ? m[1] : m[0];
    }
    case 'status':
      return r.status;
    case 'body':
      return r.bodyText();
  }
}

/** Applies captures into the scope; returns an error string for the first one that finds nothing. */
export function applyCaptures(
  captures: readonly Capture[],
  r: ResponseData,
  scope: Scope,
): string | undefined {
  for (const c of captures) {
    const v = readSource(c.source, r);
    if (v === undefined) return `capture ${c.as}: ${sourceLabel(c.source)} not found`;
    scope.set(c.as, v);
  }
  return undefined;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = typeof v === 'string' ? JSON.stringify(v) : textOf(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * How a check's failures begin (`check status`, `check json.user.id`): every failure text is
 * `${checkLabel(c)}: why`, which is how the JUnit and Markdown reports find each check's failures.
 */
export function checkLabel(c: Check): string {
  switch (c.kind) {
    case 'status':
      return 'check status';
    case 'json':
      return `check json.${c.path.join('.')}`;
    case 'header':
      return `check header.${c.name}`;
    case 'body':
      return 'check body';
  }
}

/** The value a check reads from the response (for a failure sample: what the check saw). */
export function readCheckValue(c: Check, r: ResponseData): unknown {
  switch (c.kind) {
    case 'status':
      return r.status;
    case 'json':
      return r.isJson() ? r.jsonPath(c.path) : r.bodyText();
    case 'header':
      return r.response.header(c.name);
    case 'body':
      return r.bodyText();
  }
}

/** Why a check failed (e.g. `check status: expected 200, got 500`), or undefined when it passed. */
export function failedCheck(c: Check, r: ResponseData, scope: Scope): string | undefined {
  const label = checkLabel(c);
  switch (c.kind) {
    case 'status':
      if (c.oneOf.includes(r.status)) return undefined;
      return `${label}: expected ${c.oneOf.join(' or ')}, got ${r.status}`;
    case 'json': {
      if (!r.isJson()) return `${label}: body is not JSON`;
      const equals = c.equalsTemplate ? render(c.equalsTemplate, scope) : c.equals;
      return compare(label, r.jsonPath(c.path), equals, c.match);
    }
    case 'header': {
      const equals = c.equalsTemplate ? render(c.equalsTemplate, scope) : c.equals;
      return compare(label, r.response.header(c.name), equals, c.match);
    }
    case 'body':
      return r.bodyText().includes(c.contains)
        ? undefined
        : `${label}: does not contain ${JSON.stringify(c.contains)}`;
  }
}

function compare(
  label: string,
  actual: unknown,
  equals: unknown,
  match: string | undefined,
): string | undefined {
  if (match !== undefined) {
    if (actual !== undefined && regex(match).test(textOf(actual))) return undefined;
    return gotKey(`${label}: expected to match /${match}/`, actual);
  }
  if (equals === undefined) return actual === undefined ? `${label}: not found` : undefined;
  if (actual !== undefined && textOf(actual) === textOf(equals)) return undefined;
  return gotKey(`${label}: expected ${show(equals)}`, actual);
}

/**
 * `… , got VALUE`: the value is the server's, so besides being cut to 80 characters (show), each
 * check keeps only its first few distinct values apart; later ones share one error row.
 */
function gotKey(expectation: string, actual: unknown): string {
  return `${expectation}, got ${boundedDetail(expectation, show(actual))}`;
}

/** The first failing check's reason, or undefined when all pass. */
export function firstFailure(checks: readonly Check[], r: ResponseData, scope: Scope): string | undefined {
  for (const c of checks) {
    const f = failedCheck(c, r, scope);
    if (f !== undefined) return f;
  }
  return undefined;
}
