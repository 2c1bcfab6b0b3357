// The engine's HTTP error strings. Each one is a stats key (errors are grouped by their exact
// text), so it must read like a sentence and group well: a fixed kind first ("bad status line",
// "connection refused"), then at most a bounded detail. Bytes the server chose are escaped and
// cut, and each kind keeps only the first few distinct server details per process: a server
// that answers garbage cannot make thousands of error rows.

/** The most characters of server-chosen text an error key carries. */
export const MAX_DETAIL_CHARS = 80;
/** The most distinct server details kept per error kind (per process); later ones share one key. */
export const MAX_DETAILS_PER_KIND = 16;

const detailsByKind = new Map<string, Set<string>>();

/**
 * `kind: 'detail'` with the server's bytes `b[s, e)` escaped and cut to MAX_DETAIL_CHARS; once
 * MAX_DETAILS_PER_KIND different details of this kind were seen, every new one gives the same key.
 */
export function withServerDetail(kind: string, b: Buffer, s: number, e: number): string {
  return boundedKey(kind, `'${escapeBytes(b, s, e)}'`);
}

/** `kind: 'detail'` for a detail already made printable, bounded like withServerDetail. */
export function boundedKey(kind: string, detail: string): string {
  return `${kind}: ${boundedDetail(kind, detail)}`;
}

/** `detail` itself while fewer than MAX_DETAILS_PER_KIND others were seen for `kind`, then one shared text. */
export function boundedDetail(kind: string, detail: string): string {
  let seen = detailsByKind.get(kind);
  if (seen === undefined) detailsByKind.set(kind, (seen = new Set()));
  if (!seen.has(detail)) {
    if (seen.size >= MAX_DETAILS_PER_KIND)
      return `(more than ${MAX_DETAILS_PER_KIND} different ones; the first ${MAX_DETAILS_PER_KIND} are listed apart)`;
    seen.add(detail);
  }
  return detail;
}

/** Printable ASCII as is; \r, \n, \t, \\ and every other byte as \xNN; cut to MAX_DETAIL_CHARS (then …). */
export function escapeBytes(b: Buffer, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) {
    const c = b[i];
    const piece =
      c === 13
        ? '\\r'
        : c === 10
          ? '\\n'
          : c === 9
            ? '\\t'
            : c === 92
              ? '\\\\'
              : c >= 32 && c < 127
                ? String.fromCharCode(c)
                : `\\x${c.toString(16).padStart(2, '0')}`;
    if (out.length + piece.length > MAX_DETAIL_CHARS) return `${out}…`;
    out += piece;
  }
  return out;
}

// What a failed connect means, by error code. The code stays in the text for searching.
const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset while connecting',
  ETIMEDOUT: 'connect timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EADDRNOTAVAIL: 'no local port free to connect',
  EMFILE: 'too many open files in the load generator to connect',
};

/** `connection refused (ECONNREFUSED) 127.0.0.1:8080`: a connect that failed. */
export function connectError(code: string, address: string): string {
  return `${CONNECT_ERRORS[code] ?? 'connect failed'} (${code}) ${address}`;
}

/** `host:port` as a person writes it (IPv6 in brackets). */
export function addressOf(hostname: string, port: number): string {
  return `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
}

/** `10 s`, `250 ms`, `1.5 s`. */
export function durationText(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

/**
 * `2 of 5 KB` (a body of known length), `2 KB` (unknown length): how much of the body arrived,
 * in the unit of the total, to two significant digits so that failures at nearby points share a key.
 */
export function bodyProgress(received: number, total: number): string {
  const scale = Math.max(received, total);
  const [unit, div] = scale >= 1e6 ? ['MB', 1e6] : scale >= 1000 ? ['KB', 1000] : ['B', 1];
  const r = roughly(received / div);
  return total >= 0 ? `${r} of ${roughly(total / div)} ${unit}` : `${r} ${unit}`;
}

function roughly(x: number): number {
  return x >= 100 ? Math.round(x) : Number(x.toPrecision(2));
}
