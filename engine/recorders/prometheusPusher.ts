// Sends batches of samples to a remote-write receiver, one request at a time, in order. A receiver
// that is down or overloaded (network error, 5xx, 429) gets the same batches again after a backoff
// (0.5 s doubling to 30 s); the queue is bounded (MAX_QUEUED_SNAPSHOTS seconds of samples), so an
// outage costs the oldest samples, never the master's memory, and never stops the run. A 4xx other
// than 429 means the receiver will never take those samples (the protocol says not to retry them).
import type { Logger } from '../log';
import type { MetricMetadata, TimeSeries } from './prometheusRemoteWrite';
import { REMOTE_WRITE_HEADERS, writeRequestBody } from './prometheusRemoteWrite';

/** Ten minutes of one-second snapshots. */
export const MAX_QUEUED_SNAPSHOTS = 600;
/** Snapshots merged into one request when the queue has backed up. */
const MAX_SNAPSHOTS_PER_REQUEST = 60;
const REQUEST_TIMEOUT_MS = 10_000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

export interface PushTotals {
  sent: number;
  /** Samples dropped: queue full, refused by the receiver, or still queued at the end. */
  notSent: number;
  /** The last reason a push failed, for the person. */
  lastError?: string;
}

export interface Pusher {
  /** Queues one snapshot's series (one sample each). Never blocks, never throws. */
  push(series: TimeSeries[]): void;
  /** Snapshots waiting to be sent (queued and in flight): at most MAX_QUEUED_SNAPSHOTS + one request's. */
  pending(): number;
  /** Sends what is queued, retrying until `deadlineMs` from now; then gives up on the rest. */
  flush(deadlineMs: number): Promise<PushTotals>;
}

/** One POST; resolves with undefined when the receiver took it, else why not and whether to retry. */
export async function postWriteRequest(
  url: string,
  series: TimeSeries[],
  metadata: MetricMetadata[] = [],
  timeoutMs = REQUEST_TIMEOUT_MS,
  login: Readonly<Record<string, string>> = {},
): Promise<{ error: string; retry: boolean } | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      // The login first, so remote write's own headers always win (the language refuses them anyway).
      headers: { ...login, ...REMOTE_WRITE_HEADERS },
      body: writeRequestBody({ timeseries: series, metadata }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = res.ok ? '' : (await res.text().catch(() => '')).slice(0, 200).trim();
    if (!res.ok) await res.body?.cancel().catch(() => undefined);
    if (res.ok) return undefined;
    return {
      error: `HTTP ${res.status}${text ? `: ${text}` : ''}`,
      retry: res.status >= 500 || res.status === 429,
    };
  } catch (err) {
    return { error: networkReason(err), retry: true };
  }
}

function networkReason(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer within the timeout';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the receiver running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  return e.cause?.message ?? e.message ?? String(err);
}

/** `login`: headers that log in to the receiver (prometheusAuth.ts); `log` must mask their values. */
export function createPusher(
  url: string,
  metadata: MetricMetadata[],
  log: Logger,
  login: Readonly<Record<string, string>> = {},
): Pusher {
  const queue: TimeSeries[][] = [];
  const totals: PushTotals = { sent: 0, notSent: 0 };
  let backoffMs = 0;
  let sending: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failing = false;
  let stopped = false;
  let inFlight = 0;
  const count = (batches: TimeSeries[][]): number => batches.reduce((n, b) => n + b.length, 0);

  /** Drops the oldest batches beyond the bound (counted: the end of the run reports them). */
  const bound = (): void => {
    while (queue.length > MAX_QUEUED_SNAPSHOTS) totals.notSent += (queue.shift() as TimeSeries[]).length;
  };

  const sendOnce = async (): Promise<void> => {
    // Taken out of the queue while in flight, so the bound never drops a batch being sent.
    const batches = queue.splice(0, MAX_SNAPSHOTS_PER_REQUEST);
    inFlight = batches.length;
    const failure = await postWriteRequest(url, batches.flat(), metadata, REQUEST_TIMEOUT_MS, login);
    inFlight = 0;
    if (failure?.retry) {
      queue.unshift(...batches);
      bound();
    }
    if (!failure) {
      totals.sent += count(batches);
      if (failing) log.info(`prometheus: ${url} takes samples again`);
      failing = false;
      backoffMs = 0;
      return;
    }
    totals.lastError = failure.error;
    if (!failure.retry) {
      totals.notSent += count(batches);
      log.warn(
        `prometheus: ${url} refused ${count(batches)} samples (${failure.error}); they are not retried`,
      );
      return;
    }
    if (!failing)
      log.warn(`prometheus: cannot send to ${url} (${failure.error}); retrying, samples are kept`);
    failing = true;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs ? backoffMs * 2 : FIRST_BACKOFF_MS);
  };

  const pump = (): void => {
    if (sending || retryTimer || stopped || !queue.length) return;
    sending = sendOnce().finally(() => {
      sending = undefined;
      if (backoffMs && queue.length) {
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          pump();
        }, backoffMs);
        retryTimer.unref();
      } else pump();
    });
  };

  return {
    pending: () => queue.length + inFlight,
    push(series) {
      if (stopped) return;
      queue.push(series);
      bound();
      pump();
    },
    async flush(deadlineMs) {
      const deadline = Date.now() + deadlineMs;
      while (queue.length && Date.now() < deadline) {
        if (retryTimer) {
          // Retry now rather than wait out a long backoff past the deadline.
          clearTimeout(retryTimer);
          retryTimer = undefined;
          await new Promise((r) => setTimeout(r, Math.min(backoffMs, Math.max(0, deadline - Date.now()))));
        }
        pump();
        if (sending) await sending;
      }
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (sending) await sending;
      totals.notSent += count(queue.splice(0));
      return { ...totals };
    },
  };
}
