// An `sse` listener: the master reads a server-sent events stream for the whole run; each event's
// data is one JSON object. The first connection must succeed before any load (else exit 2 with
// the reason); a stream that ends or fails later is reconnected after a pause (1 s, doubling to
// 10 s) and counted. The URL is never written to a log or an error: it may carry a token from
// `{{ env.NAME }}`.
import type { EventSourceStats } from '../../common/snapshot';
import type { EventListenerSpec } from '../../scenario/model';
import { renderTemplate } from '../../scenario/templates';
import type { Logger } from '../log';
import { MAX_EVENT_BYTES, parseEventJson, type OpenListener } from './eventBody';
import { SseParser } from './sseParser';

const CONNECT_TIMEOUT_MS = 10_000;
const MAX_RETRY_MS = 10_000;

export async function openSseListener(
  spec: Extract<EventListenerSpec, { kind: 'sse' }>,
  env: Readonly<Record<string, string>>,
  stats: EventSourceStats,
  onBody: (body: unknown) => void,
  log: Logger,
): Promise<OpenListener> {
  const where = `listener \`${spec.name}\``;
  const url = renderTemplate(spec.url, (ref) => (ref.startsWith('env.') ? env[ref.slice(4)] : undefined));
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new Error(`${where}: \`sse.url\` is not an http or https URL once filled in`);
  stats.reconnects = 0;
  const closing = new AbortController();
  const parser = new SseParser(
    {
      data(text) {
        const body = parseEventJson(text);
        if (body === undefined) stats.malformed++;
        else onBody(body);
      },
      oversize() {
        stats.malformed++;
      },
    },
    MAX_EVENT_BYTES,
  );

  const connect = async (): Promise<ReadableStream<Uint8Array>> => {
    const timeout = AbortSignal.timeout(CONNECT_TIMEOUT_MS);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { accept: 'text/event-stream' },
        signal: AbortSignal.any([closing.signal, timeout]),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(
        timeout.aborted
          ? `${where}: the stream sent no answer within ${CONNECT_TIMEOUT_MS / 1000} s`
          : `${where}: cannot connect to the stream (${cause ?? (err as Error).name})`,
      );
    }
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.startsWith('text/event-stream') || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(
        `${where}: the stream answered HTTP ${res.status} with \`${type.slice(0, 60) || 'no content type'}\`; expected 200 and text/event-stream`,
      );
    }
    return res.body;
  };

  const read = async (body: ReadableStream<Uint8Array>): Promise<void> => {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch {
      // A failed read ends this connection; the loop below reconnects.
    }
  };

  const pause = (ms: number): Promise<void> =>
    new Promise((r) => {
      const timer = setTimeout(r, ms);
      closing.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        r();
      });
    });

  const first = await connect();
  const loop = (async () => {
    let body: ReadableStream<Uint8Array> | undefined = first;
    let retryMs = 1000;
    while (!closing.signal.aborted) {
      if (body) {
        await read(body);
        retryMs = 1000;
      }
      if (closing.signal.aborted) return;
      log.warn(`${where}: the stream ended; reconnecting in ${retryMs / 1000} s`);
      await pause(retryMs);
      if (closing.signal.aborted) return;
      stats.reconnects = (stats.reconnects ?? 0) + 1;
      body = await connect().catch((err: Error) => {
        log.warn(err.message);
        return undefined;
      });
      if (!body) retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    }
  })();
  log.info(`reading \`${spec.name}\` events from its stream`);
  return {
    stats,
    close: async () => {
      closing.abort();
      await loop;
    },
  };
}
