// Builds a failure sample from one exchange: the request as it was written on the wire and what
// came back. Only called on the failure path when a sample slot is free (failureSamples.ts), so it
// may allocate; it never keeps a reference to the connection's reused response object.
import type { Check } from '../../scenario/model';
import type { FailureSample } from '../../common/snapshot';
import type { HttpResponse } from '../http/index';
import { cutText, SAMPLE_BODY_BYTES, SAMPLE_HEAD_CHARS, SAMPLE_SAW_CHARS, utf8Head } from './failureSamples';
import { failedCheck, readCheckValue, type ResponseData } from './responseChecks';
import type { Scope } from './scope';
import { textOf } from './textOf';

const EMPTY = Buffer.alloc(0);

/** Header lines of a head (after its first line), one a line, without the blank line that ends it. */
function headerLines(head: string): string {
  const firstEnd = head.indexOf('\n');
  return firstEnd < 0
    ? ''
    : head
        .slice(firstEnd + 1)
        .replace(/\r\n/g, '\n')
        .replace(/\n+$/, '');
}

function requestPart(method: string, url: string, payload: Buffer | string): FailureSample['request'] {
  let head: string;
  let body: string;
  let bodyBytes: number;
  if (typeof payload === 'string') {
    const split = payload.indexOf('\r\n\r\n');
    head = split < 0 ? payload : payload.slice(0, split);
    const text = split < 0 ? '' : payload.slice(split + 4);
    bodyBytes = Buffer.byteLength(text);
    // Each UTF-16 unit is at least one byte: this many units hold the first SAMPLE_BODY_BYTES bytes.
    body = utf8Head(Buffer.from(text.slice(0, SAMPLE_BODY_BYTES)));
  } else {
    const split = payload.indexOf('\r\n\r\n');
    head = payload.toString('utf8', 0, split < 0 ? Math.min(payload.length, SAMPLE_HEAD_CHARS * 2) : split);
    const bytes = split < 0 ? EMPTY : payload.subarray(split + 4);
    bodyBytes = bytes.length;
    body = utf8Head(bytes);
  }
  return {
    method,
    url: cutText(url, SAMPLE_HEAD_CHARS),
    headers: cutText(headerLines(head), SAMPLE_HEAD_CHARS),
    body,
    bodyBytes,
  };
}

function responsePart(res: HttpResponse): FailureSample['response'] {
  if (res.status === 0 && res.headText === undefined) return undefined;
  const head = res.headText ?? '';
  return {
    status: res.status,
    headers: cutText(head.replace(/\r\n/g, '\n').replace(/\n+$/, ''), SAMPLE_HEAD_CHARS),
    body: utf8Head(res.body ?? res.sampleBody ?? EMPTY),
    bodyBytes: res.bytes,
  };
}

/** `json.id`, `header.x-id`, `status`, `body`: the part of the response a check read. */
function checkLabel(c: Check): string {
  switch (c.kind) {
    case 'status':
      return 'status';
    case 'json':
      return `json.${c.path.join('.')}`;
    case 'header':
      return `header.${c.name}`;
    case 'body':
      return 'body';
  }
}

/**
 * The first of `checks` that fails on this response, with the value it read (the same order as
 * `firstFailure`, so it names the check whose failure is the error text).
 */
export function failingCheck(
  checks: readonly Check[],
  data: ResponseData,
  scope: Scope,
): FailureSample['check'] {
  for (const c of checks) {
    if (failedCheck(c, data, scope) === undefined) continue;
    const v = readCheckValue(c, data);
    const saw = v === undefined ? '(nothing)' : typeof v === 'string' ? v : textOf(v);
    return { check: checkLabel(c), saw: cutText(saw, SAMPLE_SAW_CHARS) };
  }
  return undefined;
}

/** The sample of one failed exchange. `check` names the failed check, when one did. */
export function exchangeSample(
  method: string,
  url: string,
  payload: Buffer | string,
  res: HttpResponse,
  error: string,
  check: FailureSample['check'],
): FailureSample {
  const response = responsePart(res);
  return {
    time: Date.now(),
    error,
    ...(check ? { check } : {}),
    request: requestPart(method, url, payload),
    ...(response ? { response } : {}),
  };
}
