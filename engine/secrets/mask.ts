// The one place secret values are taken out of what the engine shows. The master applies it where
// data leaves the engine: every snapshot and history point (progress line, final table, JSON
// summary, result files, the editor's panel), the run's result, and every log line (its own, the
// workers' forwarded output, error messages). Each value is also masked in the forms it takes in a
// request (URL-encoded, JSON-escaped), since error texts quote URLs and bodies.
import type { Logger } from '../log';

export const MASK = '***';

export interface SecretMask {
  /** True when there is nothing to mask (no secrets, or none with a value). */
  readonly empty: boolean;
  text(s: string): string;
  /** A deep copy of a JSON-like value with every string masked (numbers and shapes unchanged). */
  value<T>(v: T): T;
  logger(log: Logger): Logger;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes on the wire and in messages. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
}

export function createSecretMask(secrets: readonly string[]): SecretMask {
  const all = [...new Set(secrets.filter((s) => s.length > 0).flatMap(forms))].sort(
    (a, b) => b.length - a.length,
  );
  const pattern = all.length ? new RegExp(all.map(escapeRegExp).join('|'), 'g') : undefined;
  const text = (s: string): string => (pattern === undefined ? s : s.replace(pattern, MASK));
  const value = <T>(v: T): T => {
    if (pattern === undefined) return v;
    return deepMask(v, text) as T;
  };
  return {
    empty: pattern === undefined,
    text,
    value,
    logger: (log) =>
      pattern === undefined
        ? log
        : {
            debug: (m) => log.debug(text(m)),
            info: (m) => log.info(text(m)),
            warn: (m) => log.warn(text(m)),
            error: (m) => log.error(text(m)),
          },
  };
}

const FIELD_NAME = /^[A-Za-z_$][\w$.]*$/;

function deepMask(v: unknown, text: (s: string) => string, depth = 0): unknown {
  if (typeof v === 'string') return text(v);
  if (v === null || typeof v !== 'object' || depth > 32) return v;
  if (ArrayBuffer.isView(v)) return v; // encoded histograms: numbers, not text
  if (Array.isArray(v)) return v.map((x) => deepMask(x, text, depth + 1));
  const out: Record<string, unknown> = {};
  // Keys that look like identifiers are the engine's own field names (`thresholds`, `total`): a
  // short secret (`t`) masked inside them broke the snapshot's shape. Other keys (texts used as
  // keys) are masked like values.
  for (const [k, x] of Object.entries(v)) out[FIELD_NAME.test(k) ? k : text(k)] = deepMask(x, text, depth + 1);
  return out;
}
