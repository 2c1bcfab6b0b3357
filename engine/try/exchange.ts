// Turns one observed exchange (engine/runner/observer.ts) into what `try` reports: the request as
// it went on the wire, the response with its headers and body (cut to 2 KiB, JSON pretty-printed),
// the timings, each check with the value it saw and each capture with its value.
import type { Check } from '../../scenario/model';
import {
  TRY_BODY_LIMIT,
  type TryBody,
  type TryCapture,
  type TryCheck,
  type TryExchange,
  type TryTimings,
} from '../../common/tryResult';
import type { HttpResponse } from '../http/index';
import type { ObservedExchange } from '../runner/observer';
import { failedCheck, readSource, sourceLabel, type ResponseData } from '../runner/responseChecks';
import { textOf } from '../runner/scope';
import type { StepPlace } from './stepPlaces';

/** Control characters other than tab, line breaks and form feed mark a body as binary. */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) return true;
  }
  return false;
}

export function bodyOf(bytes: Buffer, contentType: string | undefined): TryBody | undefined {
  if (bytes.length === 0) return undefined;
  const head = bytes.subarray(0, TRY_BODY_LIMIT).toString('utf8');
  if (isBinary(head)) return { text: '', bytes: bytes.length, truncated: false, binary: true };
  // JSON is pretty-printed when the whole body parses; the pretty text is then cut.
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(head)) {
    try {
      const pretty = JSON.stringify(JSON.parse(bytes.toString('utf8')), null, 2);
      const cut = Buffer.from(pretty).subarray(0, TRY_BODY_LIMIT).toString('utf8');
      return { text: cut, bytes: bytes.length, truncated: cut.length < pretty.length };
    } catch {
      // not JSON after all: shown as text
    }
  }
  return { text: head, bytes: bytes.length, truncated: bytes.length > TRY_BODY_LIMIT };
}

function headerLines(text: string): Array<[string, string]> {
  return text
    .split('\r\n')
    .slice(1)
    .flatMap((line): Array<[string, string]> => {
      const colon = line.indexOf(':');
      return colon > 0 ? [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]] : [];
    });
}

/** Splits the request as written into method, headers and body. */
function requestParts(raw: Buffer | string): {
  method: string;
  headers: Array<[string, string]>;
  body: Buffer;
} {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const end = bytes.indexOf('\r\n\r\n');
  const head = bytes.subarray(0, end < 0 ? bytes.length : end).toString('latin1');
  return {
    method: head.slice(0, head.indexOf(' ')),
    headers: headerLines(head),
    body: end < 0 ? Buffer.alloc(0) : bytes.subarray(end + 4),
  };
}

function timingsOf(r: HttpResponse): TryTimings {
  const t: TryTimings = { totalMs: r.durationMs };
  const p = r.phases;
  if (p === undefined) return t;
  let ready = r.startMs;
  // Phases add up to the engine's response time, which starts when the request is handed to the
  // socket (a new socket's creation before that is not the server's time).
  if (p.connectStartMs > 0 && p.connectedMs > 0) {
    t.connectMs = Math.max(0, p.connectedMs - r.startMs);
    ready = p.connectedMs;
    if (p.secureMs > 0) {
      t.tlsMs = p.secureMs - p.connectedMs;
      ready = p.secureMs;
    }
  }
  if (p.firstByteMs > 0) {
    t.firstByteMs = Math.max(0, p.firstByteMs - ready);
    t.downloadMs = Math.max(0, r.endMs - p.firstByteMs);
  }
  return t;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  return typeof v === 'string' ? JSON.stringify(v) : textOf(v);
}

function checkLabel(c: Check): string {
  switch (c.kind) {
    case 'status':
      return `status ${c.oneOf.join(' or ')}`;
    case 'json':
    case 'header': {
      const what = c.kind === 'json' ? `json.${c.path.join('.')}` : `header.${c.name}`;
      if (c.match !== undefined) return `${what} matches /${c.match}/`;
      if (c.equalsTemplate !== undefined) return `${what} = ${c.equalsTemplate.source}`;
      return c.equals === undefined ? `${what} exists` : `${what} = ${show(c.equals)}`;
    }
    case 'body':
      return `body contains ${JSON.stringify(c.contains)}`;
  }
}

function seenBy(c: Check, d: ResponseData): string {
  switch (c.kind) {
    case 'status':
      return String(d.status);
    case 'json':
      return d.isJson() ? show(d.jsonPath(c.path)) : 'a body that is not JSON';
    case 'header':
      return show(d.response.header(c.name));
    case 'body':
      return d.bodyText().includes(c.contains) ? 'found' : 'not found';
  }
}

export function toTryExchange(e: ObservedExchange, place: StepPlace | undefined): TryExchange {
  const step = e.step;
  const out: TryExchange = {
    user: place?.user ?? '',
    ...(place?.task !== undefined ? { task: place.task } : {}),
    phase: place?.phase ?? 'task',
    name: step.name,
    ...(place?.line !== undefined ? { line: place.line } : {}),
    attempt: e.attempt,
    request: { method: step.method, ...(e.url !== undefined ? { url: e.url } : {}), headers: [] },
    checks: [],
    captures: [],
    ok: e.failure === undefined,
    ...(e.failure !== undefined ? { failure: e.failure } : {}),
  };
  if (e.request !== undefined) {
    const parts = requestParts(e.request);
    out.request.headers = parts.headers;
    const contentType = parts.headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
    const body = bodyOf(parts.body, contentType);
    if (body !== undefined) out.request.body = body;
  }
  const r = e.response;
  if (r === undefined || e.data === undefined) {
    if (e.failure !== undefined) out.transportError = e.failure;
    if (r !== undefined && e.request !== undefined) out.timings = timingsOf(r);
    return out;
  }
  const headers = r.headText === undefined ? [] : headerLines(r.headText);
  const body = r.body === undefined ? undefined : bodyOf(r.body, r.header('content-type'));
  out.response = { status: r.status, headers, ...(body !== undefined ? { body } : {}) };
  out.timings = timingsOf(r);
  const data = e.data;
  const checks = [...step.checks, ...(step.repeat?.until ?? [])];
  out.checks = checks.map((c): TryCheck => {
    const failure = failedCheck(c, data, e.scope);
    return {
      check: checkLabel(c),
      ok: failure === undefined,
      seen: seenBy(c, data),
      ...(failure ? { failure } : {}),
    };
  });
  if (!step.checks.some((c) => c.kind === 'status') && r.status >= 400)
    out.checks.push({
      check: 'status < 400 (no status check)',
      ok: false,
      seen: String(r.status),
      failure: `HTTP ${r.status}`,
    });
  out.captures = step.captures.map((c): TryCapture => {
    const v = readSource(c.source, data);
    return { name: c.as, from: sourceLabel(c.source), ...(v !== undefined ? { value: textOf(v) } : {}) };
  });
  return out;
}
