// A small streaming HTTP/1.1 response parser for one response at a time (no pipelining).
// It reads bytes in place from whatever buffer the socket hands over (often one shared, reused
// buffer), so it never keeps a reference to that buffer: a kept body is copied, the head is kept
// as a latin1 string only when asked. Handles Content-Length, chunked, bodies that end at close,
// HEAD/204/304 (no body), 1xx interim responses, and Connection: close / HTTP/1.0.
// Errors name their kind first and quote the server's bytes escaped and cut (errorText.ts).
import { SAMPLE_LIMITS } from '../../common/protocol/engine';
import { bodyProgress, boundedKey, withServerDetail } from './errorText';

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_EXT = 3;
const CHUNK_DATA = 4;
const CHUNK_DATA_END = 5;
const TRAILER = 6;
const UNTIL_CLOSE = 7;
const DONE = 8;

/** Result of `feed`. */
export const NEED_MORE = 0;
export const COMPLETE = 1;
export const FAILED = 2;

const MAX_HEAD_BYTES = 64 * 1024;
/** How much of a body is kept for a failure sample when the request does not keep bodies. */
export const SAMPLE_BODY_BYTES = SAMPLE_LIMITS.bodyBytes;
const CONTENT_LENGTH = codes('content-length');
const TRANSFER_ENCODING = codes('transfer-encoding');
const CONNECTION = codes('connection');
const CHUNKED = codes('chunked');
const CLOSE = codes('close');
const KEEP_ALIVE = codes('keep-alive');
const SET_COOKIE = codes('set-cookie');

function codes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export class ResponseParser {
  status = 0;
  /** Response body bytes (decoded chunk data for chunked bodies). */
  bodyBytes = 0;
  /** The server wants the connection closed after this response (or the body ends at close). */
  shouldClose = false;
  /** Bytes arrived after the end of the response (not expected without pipelining). */
  leftover = false;
  /** Set with FAILED: what was wrong, as an error string for the stats (`bad status line: '...'`). */
  error = '';
  /** The raw head (status line and headers) when `keepHeaders` was set. */
  headText: string | undefined;
  /** True once any byte of the response arrived. */
  started = false;
  /** The values of the response's Set-Cookie headers, when it had any (for the user's cookie jar). */
  setCookies: string[] | undefined;

  private state = HEAD;
  private isHead = false;
  private keepBody = false;
  private keepHeaders = false;
  private remaining = 0;
  private chunkSawDigit = false;
  private trailerLineLen = 0;
  private contentLength = -1;
  private chunked = false;
  private partial: Buffer | null = null;
  private chunks: Buffer[] | null = null;
  /** Asked once the status is known: keep this response's head and body head for a failure sample? */
  private sampleWhen: ((status: number) => boolean) | undefined = undefined;
  /** Body bytes still to keep for the sample (0: not sampling, or the head is full). */
  private sampleRoom = 0;
  /** This response is kept for a failure sample (its head, and its body's first bytes). */
  sampled = false;

  /**
   * Prepares for the next response. `isHead`: the request was HEAD (no body follows). `sampleWhen`
   * (undefined when no failure sample is wanted) decides from the status whether to keep the head
   * and the body's first SAMPLE_BODY_BYTES although the request keeps neither.
   */
  reset(
    isHead: boolean,
    keepBody: boolean,
    keepHeaders: boolean,
    sampleWhen?: (status: number) => boolean,
  ): void {
    this.state = HEAD;
    this.isHead = isHead;
    this.keepBody = keepBody;
    this.keepHeaders = keepHeaders;
    this.sampleWhen = sampleWhen;
    this.sampleRoom = 0;
    this.sampled = false;
    this.status = 0;
    this.bodyBytes = 0;
    this.shouldClose = false;
    this.leftover = false;
    this.error = '';
    this.headText = undefined;
    this.setCookies = undefined;
    this.started = false;
    this.partial = null;
    this.chunks = null;
  }

  /** The kept body (empty when none arrived); only meaningful when `keepBody` or `sampled` was set. */
  body(): Buffer {
    const c = this.chunks;
    if (c === null) return Buffer.alloc(0);
    return c.length === 1 ? c[0] : Buffer.concat(c);
  }

  get keepsBody(): boolean {
    return this.keepBody;
  }

  /** True until the whole head (status line and headers) has arrived. */
  get inHead(): boolean {
    return this.state === HEAD;
  }

  /** True when the response is waiting for the connection to close to end its body. */
  get endsAtClose(): boolean {
    return this.state === UNTIL_CLOSE;
  }

  /** The connection reached EOF; returns true when that completes the response. */
  eof(): boolean {
    if (this.state === UNTIL_CLOSE) {
      this.state = DONE;
      return true;
    }
    return this.state === DONE;
  }

  /** Feeds bytes `buf[start, end)`. Returns NEED_MORE, COMPLETE or FAILED. */
  feed(buf: Buffer, start: number, end: number): number {
    if (end > start) this.started = true;
    let i = start;
    if (this.state === HEAD) {
      if (this.partial !== null) {
        buf = Buffer.concat([this.partial, buf.subarray(start, end)]);
        this.partial = null;
        i = 0;
        end = buf.length;
      }
      for (;;) {
        const headEnd = this.parseHead(buf, i, end);
        if (headEnd === -2) return FAILED;
        // The limit holds for the head however it arrived: in one read or in many.
        if ((headEnd === -1 ? end : headEnd) - i > MAX_HEAD_BYTES)
          return this.fail('response head larger than 64 KiB');
        if (headEnd === -1) {
          this.partial = Buffer.from(buf.subarray(i, end));
          return NEED_MORE;
        }
        if (this.status >= 100 && this.status < 200) {
          if (this.status === 101) return this.fail('unsupported response: 101 Switching Protocols');
          i = headEnd; // interim response (100 Continue, 103 Early Hints): the real one follows
          continue;
        }
        if (this.sampleWhen !== undefined && this.sampleWhen(this.status)) {
          this.sampled = true;
          if (!this.keepBody) this.sampleRoom = SAMPLE_BODY_BYTES;
          this.headText = buf.toString('latin1', i, headEnd);
        } else if (this.keepHeaders) this.headText = buf.toString('latin1', i, headEnd);
        i = headEnd;
        break;
      }
      if (this.isHead || this.status === 204 || this.status === 304) this.state = DONE;
      else if (this.chunked) this.startChunkSize();
      else if (this.contentLength >= 0) {
        this.remaining = this.contentLength;
        this.state = this.contentLength === 0 ? DONE : LENGTH;
      } else {
        this.state = UNTIL_CLOSE;
        this.shouldClose = true;
      }
    }
    return this.body_(buf, i, end);
  }

  private body_(buf: Buffer, i: number, end: number): number {
    while (i < end) {
      switch (this.state) {
        case LENGTH:
        case CHUNK_DATA: {
          const n = Math.min(this.remaining, end - i);
          this.take(buf, i, n);
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = this.state === LENGTH ? DONE : CHUNK_DATA_END;
          break;
        }
        case UNTIL_CLOSE:
          this.take(buf, i, end - i);
          i = end;
          break;
        case CHUNK_SIZE: {
          const c = buf[i++];
          const d = hexDigit(c);
          if (d >= 0) {
            if (this.remaining > 0x7fffffff) return this.fail('bad chunked body: chunk size too large');
            this.remaining = this.remaining * 16 + d;
            this.chunkSawDigit = true;
          } else if (c === 10) {
            if (!this.chunkSawDigit) return this.fail('bad chunked body: empty chunk size');
            this.endChunkSize();
          } else if (c === 59 /* ; */ || c === 32 || c === 9) {
            this.state = CHUNK_EXT;
          } else if (c !== 13) return this.fail('bad chunked body: invalid chunk size');
          break;
        }
        case CHUNK_EXT:
          if (buf[i++] === 10) {
            if (!this.chunkSawDigit) return this.fail('bad chunked body: empty chunk size');
            this.endChunkSize();
          }
          break;
        case CHUNK_DATA_END: {
          const c = buf[i++];
          if (c === 10) this.startChunkSize();
          else if (c !== 13) return this.fail('bad chunked body: missing CRLF after chunk data');
          break;
        }
        case TRAILER: {
          const c = buf[i++];
          if (c === 10) {
            if (this.trailerLineLen === 0) this.state = DONE;
            this.trailerLineLen = 0;
          } else if (c !== 13) this.trailerLineLen++;
          break;
        }
        case DONE:
          this.leftover = true;
          return COMPLETE;
      }
    }
    return this.state === DONE ? COMPLETE : NEED_MORE;
  }

  private startChunkSize(): void {
    this.state = CHUNK_SIZE;
    this.remaining = 0;
    this.chunkSawDigit = false;
  }

  private endChunkSize(): void {
    if (this.remaining === 0) {
      this.state = TRAILER;
      this.trailerLineLen = 0;
    } else this.state = CHUNK_DATA;
  }

  private take(buf: Buffer, i: number, n: number): void {
    this.bodyBytes += n;
    if (this.keepBody && n > 0) {
      const copy = Buffer.allocUnsafe(n);
      buf.copy(copy, 0, i, i + n);
      (this.chunks ??= []).push(copy);
    } else if (this.sampleRoom > 0 && n > 0) {
      const k = Math.min(n, this.sampleRoom);
      this.sampleRoom -= k;
      (this.chunks ??= []).push(Buffer.from(buf.subarray(i, i + k)));
    }
  }

  private fail(error: string): number {
    this.error = error;
    return FAILED;
  }

  /**
   * Where the response stopped, for an error text: `before response`, `in response head`,
   * `after 2 of 5 KB` (body of known length) or `after 2 KB of body`.
   */
  progress(): string {
    if (!this.started) return 'before response';
    if (this.state === HEAD) return 'in response head';
    if (this.state === LENGTH) return `after ${bodyProgress(this.bodyBytes, this.contentLength)}`;
    return `after ${bodyProgress(this.bodyBytes, -1)} of body`;
  }

  /** Parses a head starting at `s`; returns the index after its blank line, -1 if incomplete, -2 on error. */
  private parseHead(b: Buffer, s: number, e: number): number {
    let lineEnd = indexOfLF(b, s, e);
    if (lineEnd < 0) return -1;
    const lineText = lineEnd > s && b[lineEnd - 1] === 13 ? lineEnd - 1 : lineEnd;
    if (
      lineEnd - s < 12 ||
      b[s] !== 72 ||
      b[s + 1] !== 84 ||
      b[s + 2] !== 84 ||
      b[s + 3] !== 80 ||
      b[s + 4] !== 47 ||
      b[s + 5] !== 49 ||
      b[s + 6] !== 46 ||
      b[s + 8] !== 32
    ) {
      this.fail(withServerDetail('bad status line', b, s, lineText));
      return -2;
    }
    const d1 = b[s + 9] - 48;
    const d2 = b[s + 10] - 48;
    const d3 = b[s + 11] - 48;
    if (d1 < 1 || d1 > 9 || d2 < 0 || d2 > 9 || d3 < 0 || d3 > 9) {
      this.fail(withServerDetail('bad status line', b, s, lineText));
      return -2;
    }
    this.status = d1 * 100 + d2 * 10 + d3;
    const http10 = b[s + 7] === 48;
    let sawKeepAlive = false;
    let sawClose = false;
    this.contentLength = -1;
    this.chunked = false;
    // A head that arrives in pieces is parsed again from its start: collect its cookies afresh.
    this.setCookies = undefined;
    let i = lineEnd + 1;
    for (;;) {
      lineEnd = indexOfLF(b, i, e);
      if (lineEnd < 0) return -1;
      let valueEnd = lineEnd;
      if (valueEnd > i && b[valueEnd - 1] === 13) valueEnd--;
      if (valueEnd === i) break; // the blank line ends the head
      let colon = i;
      while (colon < valueEnd && b[colon] !== 58) colon++;
      if (colon === valueEnd) {
        this.fail(withServerDetail('bad header line (no colon)', b, i, valueEnd));
        return -2;
      }
      const nameLen = colon - i;
      let v = colon + 1;
      while (v < valueEnd && (b[v] === 32 || b[v] === 9)) v++;
      let ve = valueEnd;
      while (ve > v && (b[ve - 1] === 32 || b[ve - 1] === 9)) ve--;
      if (nameLen === 14 && equalsLower(b, i, CONTENT_LENGTH)) {
        let n = 0;
        // Digits only, at most 15 of them (a length past 2^53 is no length).
        if (v === ve || ve - v > 15) {
          this.fail(withServerDetail('bad Content-Length', b, v, ve));
          return -2;
        }
        for (let k = v; k < ve; k++) {
          const d = b[k] - 48;
          if (d < 0 || d > 9) {
            this.fail(withServerDetail('bad Content-Length', b, v, ve));
            return -2;
          }
          n = n * 10 + d;
        }
        // Two lengths that differ leave the body's end unknown (RFC 9112 6.3); equal ones are harmless.
        if (this.contentLength >= 0 && this.contentLength !== n) {
          this.fail(boundedKey('two different Content-Length headers', `${this.contentLength} and ${n}`));
          return -2;
        }
        this.contentLength = n;
      } else if (nameLen === 17 && equalsLower(b, i, TRANSFER_ENCODING)) {
        this.chunked = ve - v >= 7 && equalsLower(b, ve - 7, CHUNKED);
      } else if (nameLen === 10) {
        if (equalsLower(b, i, CONNECTION)) {
          if (containsLower(b, v, ve, CLOSE)) sawClose = true;
          else if (containsLower(b, v, ve, KEEP_ALIVE)) sawKeepAlive = true;
        } else if (equalsLower(b, i, SET_COOKIE)) (this.setCookies ??= []).push(b.toString('latin1', v, ve));
      }
      i = lineEnd + 1;
    }
    // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
    this.shouldClose = sawClose || (http10 && !sawKeepAlive);
    return lineEnd + 1;
  }
}

function indexOfLF(b: Buffer, i: number, e: number): number {
  for (; i < e; i++) if (b[i] === 10) return i;
  return -1;
}

function equalsLower(b: Buffer, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if ((b[at + k] | 0x20) !== word[k]) return false;
  return true;
}

function containsLower(b: Buffer, from: number, to: number, word: Uint8Array): boolean {
  for (let i = from; i + word.length <= to; i++) if (equalsLower(b, i, word)) return true;
  return false;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}
