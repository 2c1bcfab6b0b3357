// A request step compiled once per load generator: the entry recorder, what the response must
// keep (body, headers), and the request bytes: serialised once when nothing in the request has
// a template hole, once per combination of values when its holes read only variables, otherwise
// rendered into one string per request.
import type { Check, RequestStep, ResponseSource, Scenario, Template } from '../../scenario/model';
import {
  isAbsoluteUrl,
  parseOrigin,
  requestTail,
  requestText,
  safePath,
  splitAbsoluteUrl,
  type Origin,
  type SendOptions,
} from '../http/index';
import type { EntryRecorder, StatsCollector } from '../stats/types';
import type { TrackerSet } from '../trackers/types';
import { prebuildVariants, type VariantSet } from './requestVariants';
import { Scope, hasHoles, render } from './scope';
import { authHeader } from './auth';
import { planBody, withBinaryBody, type RunFiles } from './bodies';
import type { EntrySampler, FailureSampleKeeper } from './failureSamples';

export interface RequestPlan {
  step: RequestStep;
  recorder: EntryRecorder;
  sendOptions: SendOptions;
  /** How each try gets its bytes: one shape per request (see RequestBytes). */
  bytes: RequestBytes;
  /** The user's cookie jar applies: `defaults.cookies` is on and the request sets no Cookie header itself. */
  cookies: boolean;
  /** The step reads a JSON body (checks, captures or repeat). */
  needsJson: boolean;
  /** Nothing to check but the status (no captures, no repeat, no other checks): no response view needed. */
  statusOnly: boolean;
  /** Status codes a `check: { status }` accepts (all status checks must pass); undefined when none. */
  statusChecks: ReadonlyArray<readonly number[]> | undefined;
  /** Keeps this entry's failure samples; undefined when the run keeps none. */
  sampler: EntrySampler | undefined;
}

/**
 * The failure a status alone makes: `HTTP 500` (no status check, 400 and above) or the first
 * status check it breaks; undefined when the status is fine.
 */
export function statusFailure(
  status: number,
  checks: ReadonlyArray<readonly number[]> | undefined,
): string | undefined {
  if (checks === undefined) return status >= 400 ? `HTTP ${status}` : undefined;
  for (let c = 0; c < checks.length; c++)
    if (!checks[c].includes(status)) return `check status: expected ${checks[c].join(' or ')}, got ${status}`;
  return undefined;
}

/** The shapes a compiled request's bytes take; exactly one holds for a request. */
export type RequestBytes =
  /** No request can be made (a relative URL with no target, a broken URL, a file not sent): each try fails with `error`. */
  | { kind: 'unusable'; error: string }
  /** Nothing in the request has a hole: the whole request, its origin and its URL, made once. */
  | { kind: 'fixed'; bytes: Buffer; origin: Origin; url: string }
  /**
   * The holes read only variables: every combination of their values prebuilt. `render` serves a
   * scope in which a capture has replaced one of those variables.
   */
  | { kind: 'variants'; variants: VariantSet; render(scope: Scope): RenderedRequest }
  /** Rendered for each request (captures, data columns, generated values, or too many forms). */
  | { kind: 'rendered'; render(scope: Scope): RenderedRequest };

export interface RenderedRequest {
  origin: Origin | undefined;
  text: string;
  /** The whole request as bytes when its body is binary (multipart); then `text` is unused. */
  bytes?: Buffer;
  url: string;
  error?: string;
}

/** Methods a request may be sent again for (RFC 9110 9.2.2), when a keep-alive close raced it. */
const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

function sourceNeedsBody(s: ResponseSource): boolean {
  return s.from === 'json' || s.from === 'regex' || s.from === 'body';
}
function checkNeedsBody(c: Check): boolean {
  return c.kind === 'json' || c.kind === 'body';
}

export function compileRequest(
  step: RequestStep,
  scenario: Scenario,
  target: Origin | undefined,
  stats: StatsCollector,
  trackers: TrackerSet,
  files: RunFiles = new Map(),
  samples?: FailureSampleKeeper,
): RequestPlan {
  const checks = [...step.checks, ...(step.repeat?.until ?? [])];
  const needsJson =
    checks.some((c) => c.kind === 'json') || step.captures.some((c) => c.source.from === 'json');
  const keepBody =
    checks.some(checkNeedsBody) ||
    step.captures.some((c) => sourceNeedsBody(c.source)) ||
    (trackers.enabled && trackers.needsBody(step.name));
  const keepHeaders =
    trackers.enabled ||
    checks.some((c) => c.kind === 'header') ||
    step.captures.some((c) => c.source.from === 'header');
  const sendOptions: SendOptions = {
    head: step.method === 'HEAD',
    idempotent: IDEMPOTENT.has(step.method),
    keepBody,
    keepHeaders,
    timeoutMs: step.timeoutMs ?? scenario.defaults.timeoutMs,
  };

  // Headers: defaults first, the step's own override them by name (case-insensitive); `auth`
  // (the step's, else the defaults') sets Authorization over both.
  const headerMap = new Map<string, [string, (typeof step.headers)[string]]>();
  for (const [n, v] of Object.entries(scenario.defaults.headers)) headerMap.set(n.toLowerCase(), [n, v]);
  for (const [n, v] of Object.entries(step.headers)) headerMap.set(n.toLowerCase(), [n, v]);
  // `keepAlive: false`: the server is told the connection ends with this response (the
  // connection also closes it itself); a Connection header the scenario writes wins.
  if (scenario.defaults.keepAlive === false && !headerMap.has('connection'))
    headerMap.set('connection', ['Connection', { source: 'close', parts: ['close'] }]);
  const body = step.body === undefined ? undefined : planBody(step.body, files);
  if (body?.contentType !== undefined && !headerMap.has('content-type'))
    headerMap.set('content-type', ['Content-Type', { source: body.contentType, parts: [body.contentType] }]);
  const auth = step.auth ?? scenario.defaults.auth;
  const authPlan = auth === undefined ? undefined : authHeader(auth);
  if (authPlan !== undefined) headerMap.delete('authorization');
  if (authPlan?.template !== undefined) headerMap.set('authorization', ['Authorization', authPlan.template]);
  const computed = authPlan?.compute;
  const headers = [...headerMap.values()];
  const queryEntries = Object.entries(step.query);

  const bodyTemplates: Template[] = body?.templates ?? [];
  const urlHoles = hasHoles(step.url);
  const headerHoles = headers.some(([, t]) => hasHoles(t)) || computed !== undefined;
  const bodyHoles = bodyTemplates.some(hasHoles);
  const dynamic = urlHoles || headerHoles || bodyHoles || queryEntries.some(([, t]) => hasHoles(t));

  const originCache = new Map<string, Origin>();
  const originOf = (key: string): Origin => {
    let o = originCache.get(key);
    if (o === undefined) originCache.set(key, (o = parseOrigin(key)));
    return o;
  };

  // When only the URL has holes, everything after the request line is built once per origin
  // (text bodies only: a binary one is joined to its head per request).
  const tailStatic = !headerHoles && !bodyHoles && step.body?.type !== 'multipart';
  let tailOrigin: Origin | undefined;
  let tail = '';
  // One result object per plan: render() is synchronous and its result is used before the next call.
  const out: RenderedRequest = { origin: undefined, text: '', url: '' };
  const failed = (url: string, error: string): RenderedRequest => ({
    origin: undefined,
    text: '',
    url,
    error,
  });

  const renderWith = (scope: Scope): RenderedRequest => {
    let url = render(step.url, scope);
    if (queryEntries.length > 0) {
      let q = '';
      for (const [k, t] of queryEntries)
        q += `${q ? '&' : ''}${encodeURIComponent(k)}=${encodeURIComponent(render(t, scope))}`;
      url += (url.includes('?') ? '&' : '?') + q;
    }
    let origin: Origin | undefined;
    let path: string;
    if (isAbsoluteUrl(url)) {
      const [key, p] = splitAbsoluteUrl(url);
      try {
        origin = originOf(key);
      } catch (e) {
        return failed(url, (e as Error).message);
      }
      path = p;
    } else {
      origin = target;
      if (origin === undefined) {
        return failed(url, `no target: "${url}" is relative and the scenario has no target URL`);
      }
      path = origin.basePath + (url.startsWith('/') ? url : `/${url}`);
    }
    let text: string;
    out.bytes = undefined;
    if (tailStatic && tailOrigin === origin) {
      text = `${step.method} ${safePath(path)} HTTP/1.1\r\n${tail}`;
    } else {
      const rendered = body?.render(scope);
      const headerPairs = headers.map(([n, t]): [string, string] => [n, render(t, scope)]);
      if (computed !== undefined) headerPairs.push(['Authorization', computed(scope)]);
      const parts = {
        method: step.method,
        hostHeader: origin.hostHeader,
        headers: headerPairs,
        body: typeof rendered === 'string' ? rendered : undefined,
      };
      if (tailStatic) {
        tailOrigin = origin;
        tail = requestTail(parts);
      }
      if (Buffer.isBuffer(rendered)) {
        out.bytes = withBinaryBody({ ...parts, path: safePath(path) }, rendered);
        text = '';
      } else text = requestText({ ...parts, path: safePath(path) });
    }
    out.origin = origin;
    out.text = text;
    out.url = origin.key + path;
    return out;
  };

  const plan: RequestPlan = {
    step,
    recorder: stats.entry(step.name, step.method),
    sendOptions,
    bytes: requestBytes(),
    cookies: scenario.defaults.cookies && !headerMap.has('cookie'),
    needsJson,
    statusOnly:
      step.captures.length === 0 &&
      step.repeat === undefined &&
      step.checks.every((c) => c.kind === 'status'),
    statusChecks: step.checks.some((c) => c.kind === 'status')
      ? step.checks.flatMap((c) => (c.kind === 'status' ? [c.oneOf] : []))
      : undefined,
    sampler: undefined,
  };
  if (samples !== undefined) {
    // A response whose status alone fails it keeps its head and body head while a sample slot is
    // free for that failure; a response that passes asks nothing more (one call, no allocation).
    const sampler = (plan.sampler = samples.entry(step.name, step.method));
    const checksOf = plan.statusChecks;
    sendOptions.sampleWhen = (status) => {
      const failure = statusFailure(status, checksOf);
      return failure !== undefined && sampler.wants(failure);
    };
    samples.onFull(() => (sendOptions.sampleWhen = undefined));
  }
  return plan;

  function requestBytes(): RequestBytes {
    if (body?.unusable !== undefined) return { kind: 'unusable', error: body.unusable };
    if (!urlHoles) {
      // The origin is known now: resolve it once (and report a broken URL once per request, not a crash).
      const probe = renderWith(new Scope(scenario.variables));
      if (probe.error !== undefined || probe.origin === undefined)
        return { kind: 'unusable', error: probe.error ?? 'no target' };
      if (!dynamic)
        return {
          kind: 'fixed',
          bytes: probe.bytes ?? Buffer.from(probe.text, 'utf8'),
          origin: probe.origin,
          url: probe.url,
        };
    }
    const refs = new Set<string>();
    let expressions = false;
    for (const t of [
      step.url,
      ...headers.map(([, h]) => h),
      ...queryEntries.map(([, q]) => q),
      ...bodyTemplates,
      ...(authPlan?.templates ?? []),
    ])
      for (const part of t.parts)
        if (typeof part === 'string') continue;
        else if ('ref' in part) refs.add(part.ref);
        else expressions = true;
    // A call, a data column or a captured object's field (uuid(), accounts.email, user.id) is
    // rendered per request: no prebuilt forms. `env.NAME` is a ref to a single-value variable
    // (runEnv.ts), so a request reading only variables and env stays prebuilt.
    const variants = expressions ? undefined : prebuildVariants(refs, scenario.variables, renderWith);
    return variants === undefined
      ? { kind: 'rendered', render: renderWith }
      : { kind: 'variants', variants, render: renderWith };
  }
}
