// One HTTP/1.1 keep-alive connection, used by one virtual user (like a browser tab or an
// autocannon connection): one request at a time, reconnecting when the server closes.
//
// Speed: reads (plain and TLS) go through `onread` into one shared buffer (no Buffer per read, no
// 'data' events); the parser reads it in place. A request without template holes is a Buffer
// serialised once by the caller. Timeouts are swept by timeouts.ts instead of a timer per request.
// The clock is read once before the write and once when the body ends.
import net from 'node:net';
import { addressOf, connectError } from './errorText';
import type { Origin } from './origin';
import { sourceAddressFor } from './sourceAddress';
import { COMPLETE, FAILED, ResponseParser } from './responseParser';
import { connectTls } from './tlsSessions';
import { timeoutError, unwatchDeadline, watchDeadline, type Deadlined } from './timeouts';

export interface SendOptions {
  /** HEAD request: the response has no body whatever its headers say. */
  head: boolean;
  /** Keep the response body (captures, checks, trackers reading json); otherwise it is only counted. */
  keepBody: boolean;
  /** Keep the response head so headers can be read by name. */
  keepHeaders: boolean;
  timeoutMs: number;
  /**
   * The method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS, TRACE): when a reused keep-alive
   * connection turns out closed before any response byte, the request is sent again once.
   */
  idempotent: boolean;
  /**
   * Asked once per response when its status is known, only while failure samples are wanted
   * (engine/runner/failureSamples.ts): true keeps the head and the first 2 KiB of the body in
   * `HttpResponse.headText` / `sampleBody` although `keepHeaders` / `keepBody` are off.
   */
  sampleWhen?: (status: number) => boolean;
}

/**
 * The outcome of one request. The connection reuses this object: it is valid until the next
 * `send` on the same connection (copy what must outlive that; `body` and `headText` are fresh
 * objects and may be kept).
 */
export class HttpResponse {
  /** Status code, or 0 when no status line arrived. */
  status = 0;
  /** Set when the request failed (refused, reset, timeout, bad response); never thrown. */
  error: string | undefined = undefined;
  /** performance.now() just before the request was written, and when the body ended (or it failed). */
  startMs = 0;
  endMs = 0;
  /** Response body bytes. */
  bytes = 0;
  body: Buffer | undefined = undefined;
  /** The body's first bytes (at most SAMPLE_BODY_BYTES) when `sampleWhen` kept them for a failure sample. */
  sampleBody: Buffer | undefined = undefined;
  headText: string | undefined = undefined;
  /** Set-Cookie header values, when the response had any (a fresh array: may be kept). */
  setCookies: string[] | undefined = undefined;
  /** When each phase happened; only on a connection made with `timed` (`stampede try`). */
  phases: PhaseTimes | undefined = undefined;
  private headers: Map<string, string> | undefined = undefined;

  get durationMs(): number {
    return this.endMs - this.startMs;
  }

  /** A response header by name (case-insensitive; repeated headers joined with ", "). Needs `keepHeaders`. */
  header(name: string): string | undefined {
    if (this.headText === undefined) return undefined;
    if (this.headers === undefined) this.headers = parseHeaders(this.headText);
    return this.headers.get(name.toLowerCase());
  }

  /** @internal */
  reset(): void {
    this.status = 0;
    this.error = undefined;
    this.bytes = 0;
    this.body = undefined;
    this.sampleBody = undefined;
    this.headText = undefined;
    this.setCookies = undefined;
    this.headers = undefined;
  }
}

export function parseHeaders(headText: string): Map<string, string> {
  const map = new Map<string, string>();
  const lines = headText.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = map.get(name);
    map.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return map;
}

export interface ConnectionOptions {
  /** HTTPS: accept any certificate (self-signed test servers). Default false. */
  insecure?: boolean;
  /** HTTPS: offer the origin's last TLS session to a new connection (tlsSessions.ts). Default true. */
  resumeTlsSessions?: boolean;
  /** False: one connection per request (the request says `Connection: close`; closed after its response). Default true. */
  keepAlive?: boolean;
  /**
   * Record when each phase of a request happened (`HttpResponse.phases`): `stampede try` shows
   * them. Off in runs: the only cost left then is one undefined check per read.
   */
  timed?: boolean;
  /** The scenario's `sourceAddresses` (sourceAddress.ts chooses one per connection). */
  sourceAddresses?: readonly string[];
}

/** performance.now() of each phase of the last request; 0 for a phase that did not happen. */
export interface PhaseTimes {
  /** A new connection was opened for this request (0: a kept-alive one was reused). */
  connectStartMs: number;
  connectedMs: number;
  /** TLS handshake done (https). */
  secureMs: number;
  firstByteMs: number;
}

// One read buffer for every socket: reads are handled synchronously in the callback and
// nothing keeps a reference to the buffer afterwards, so sharing it is safe.
const sharedReadBuffer = Buffer.allocUnsafe(256 * 1024);

export class HttpConnection implements Deadlined {
  deadline = 0;
  readonly response = new HttpResponse();
  private socket: net.Socket | null = null;
  private readonly parser = new ResponseParser();
  /** Called once with the response: the promise's resolve (send) or the caller's callback (sendWith). */
  private waiter: ((r: HttpResponse) => void) | null = null;
  private request: Buffer | string = '';
  private timeoutMs = 0;
  /** The current socket completed a response before: a close before any byte may be a stale keep-alive. */
  private reused = false;
  /** The current socket finished its TCP connect (else a socket error is a connect error). */
  private connected = false;
  private retried = false;
  private idempotent = false;
  private closed = false;
  private watched = false;
  private readonly capture = (resolve: (r: HttpResponse) => void): void => {
    this.waiter = resolve;
  };
  private readonly onRead = (nread: number, buf: Buffer): boolean => {
    this.received(buf, 0, nread);
    return true;
  };

  private readonly onConnect = (): void => {
    this.connected = true;
  };
  /** `host:port`, for error texts. */
  private readonly address: string;

  /** Only with `options.timed`: undefined in runs, so the read path pays one check. */
  private readonly phases: PhaseTimes | undefined;

  constructor(
    readonly origin: Origin,
    private readonly options: ConnectionOptions = {},
  ) {
    this.address = addressOf(origin.hostname, origin.port);
    if (options.timed === true)
      this.response.phases = this.phases = { connectStartMs: 0, connectedMs: 0, secureMs: 0, firstByteMs: 0 };
  }

  /** True while a request is in flight. */
  get busy(): boolean {
    return this.waiter !== null;
  }

  /**
   * Sends one request (already serialised) and resolves with the response when its body has
   * ended, or with `error` set. Never rejects. One request at a time per connection.
   */
  send(request: Buffer | string, opts: SendOptions): Promise<HttpResponse> {
    if (this.waiter !== null) throw new Error('HttpConnection.send: a request is already in flight');
    const p = new Promise<HttpResponse>(this.capture);
    this.start(request, opts);
    return p;
  }

  /**
   * `send` without a promise: `done` is called once with the response (never synchronously, so
   * a caller that sends again from `done` never recurses; only `close()` calls it at once). The virtual user's fast lane uses it:
   * no promise, no microtask and no async frame per request.
   */
  sendWith(request: Buffer | string, opts: SendOptions, done: (r: HttpResponse) => void): void {
    if (this.waiter !== null) throw new Error('HttpConnection.send: a request is already in flight');
    this.waiter = done;
    this.start(request, opts);
  }

  private start(request: Buffer | string, opts: SendOptions): void {
    const r = this.response;
    r.reset();
    this.parser.reset(opts.head, opts.keepBody, opts.keepHeaders, opts.sampleWhen);
    this.request = request;
    this.timeoutMs = opts.timeoutMs;
    this.idempotent = opts.idempotent;
    this.retried = false;
    if (this.closed) {
      r.startMs = r.endMs = performance.now();
      r.error = 'connection closed by the load generator';
      const done = this.waiter!;
      this.waiter = null;
      process.nextTick(done, r);
      return;
    }
    if (this.phases !== undefined) this.phases.connectStartMs = this.phases.firstByteMs = 0;
    if (this.socket === null) this.connect();
    const now = performance.now();
    r.startMs = now;
    this.deadline = now + opts.timeoutMs;
    this.socket!.write(request);
  }

  /** Closes the socket; a request in flight fails. Further sends fail at once. */
  close(): void {
    this.closed = true;
    if (this.waiter !== null) this.fail('connection closed by the load generator');
    this.dropSocket();
    if (this.watched) {
      this.watched = false;
      unwatchDeadline(this);
    }
  }

  expire(now: number): void {
    if (this.waiter === null) return;
    this.response.endMs = now;
    const waiting = !this.connected
      ? `connecting to ${this.address}`
      : this.parser.inHead
        ? 'waiting for response head'
        : 'receiving response body';
    this.finishFailed(`${timeoutError(this.timeoutMs)} ${waiting}`);
  }

  private connect(): void {
    const o = this.origin;
    // Plain and TLS connections take the same source address choice (past ~28,000 connections to
    // one target port, one source address runs out of ephemeral ports whatever the protocol).
    const localAddress = sourceAddressFor(o.hostname, this.options.sourceAddresses);
    let socket: net.Socket;
    if (o.protocol === 'https:') {
      const onread = { buffer: sharedReadBuffer, callback: this.onRead };
      socket = connectTls(
        o,
        this.options.insecure === true,
        this.options.resumeTlsSessions !== false,
        localAddress,
        onread,
      );
    } else {
      socket = net.connect({
        host: o.hostname,
        port: o.port,
        localAddress,
        noDelay: true,
        onread: { buffer: sharedReadBuffer, callback: this.onRead },
      });
    }
    socket.setNoDelay(true);
    socket.once('connect', this.onConnect);
    if (this.phases !== undefined) this.timePhases(socket);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (socket !== this.socket) return;
      this.socketFailed(this.socketError(err));
    });
    socket.on('end', () => {
      if (socket !== this.socket) return;
      if (this.waiter !== null && this.parser.eof()) this.complete();
      else this.socketFailed(`connection closed by server ${this.parser.progress()}`);
    });
    socket.on('close', () => {
      if (socket !== this.socket) return;
      this.socketFailed(`connection closed by server ${this.parser.progress()}`);
    });
    this.socket = socket;
    this.reused = false;
    this.connected = false;
    if (!this.watched) {
      this.watched = true;
      watchDeadline(this);
    }
  }

  /** `stampede try`: when the connect and the TLS handshake of this socket end. */
  private timePhases(socket: net.Socket): void {
    const phases = this.phases!;
    phases.connectStartMs = performance.now();
    phases.connectedMs = phases.secureMs = 0;
    socket.once('connect', () => (phases.connectedMs = performance.now()));
    socket.once('secureConnect', () => (phases.secureMs = performance.now()));
  }

  private received(buf: Buffer, start: number, end: number): void {
    if (this.phases !== undefined && this.phases.firstByteMs === 0)
      this.phases.firstByteMs = performance.now();
    if (this.waiter === null) {
      // Bytes nobody asked for: the connection is out of step; start afresh next time.
      this.dropSocket();
      return;
    }
    const state = this.parser.feed(buf, start, end);
    if (state === COMPLETE) this.complete();
    else if (state === FAILED) {
      this.response.endMs = performance.now();
      this.finishFailed(this.parser.error);
    }
  }

  private complete(): void {
    const r = this.response;
    const p = this.parser;
    r.endMs = performance.now();
    r.status = p.status;
    r.bytes = p.bodyBytes;
    r.headText = p.headText;
    r.setCookies = p.setCookies;
    if (p.keepsBody) r.body = p.body();
    else if (p.sampled) r.sampleBody = p.body();
    if (p.shouldClose || p.leftover || this.options.keepAlive === false) this.dropSocket();
    else this.reused = true;
    this.finish(undefined);
  }

  /** The socket closed or errored (idle or not). */
  private socketFailed(error: string): void {
    const wasReused = this.reused;
    this.dropSocket();
    if (this.waiter === null) return;
    // A keep-alive connection the server closed before any byte of the response: the race every
    // client meets (the server's close crossed our request on the wire, whatever the idle time).
    // An idempotent request is sent again once on a new connection, as undici and browsers do
    // (the measured time still starts at the first attempt); any other fails and says why.
    if (wasReused && !this.parser.started && !this.retried) {
      if (this.idempotent) {
        this.retried = true;
        this.connect();
        this.socket!.write(this.request);
        return;
      }
      error += ' on a reused keep-alive connection (not retried: the method is not idempotent)';
    }
    const r = this.response;
    r.endMs = performance.now();
    this.keepPartial(r);
    this.finish(error);
  }

  /** What a failed response got before it failed: status, bytes, and what a failure sample kept. */
  private keepPartial(r: HttpResponse): void {
    const p = this.parser;
    r.status = p.status;
    r.bytes = p.bodyBytes;
    if (p.sampled) {
      r.headText = p.headText;
      r.sampleBody = p.body();
    }
  }

  private fail(error: string): void {
    this.response.endMs = performance.now();
    this.finishFailed(error);
  }

  private finishFailed(error: string): void {
    this.keepPartial(this.response);
    this.dropSocket();
    this.finish(error);
  }

  private finish(error: string | undefined): void {
    this.response.error = error;
    this.deadline = 0;
    const resolve = this.waiter!;
    this.waiter = null;
    resolve(this.response);
  }

  private dropSocket(): void {
    const s = this.socket;
    if (s === null) return;
    this.socket = null;
    this.reused = false;
    s.destroy();
  }

  /**
   * The error as the stats key it: what a failed connect means, with its code and address
   * (`connection refused (ECONNREFUSED) 127.0.0.1:8080`); a reset after the connect with where
   * the response stood; for an untrusted certificate, what it means and what to do.
   */
  private socketError(err: NodeJS.ErrnoException): string {
    const code = err.code ?? err.message;
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code))
      return `${code}: ${err.message} (the server's certificate is not trusted; for a test server set defaults: { insecure: true })`;
    if (!this.connected) return connectError(code, this.address);
    const where = this.parser.progress();
    if (code === 'ECONNRESET' || code === 'EPIPE') return `connection reset by server ${where}`;
    return `${code} ${where}`;
  }
}
