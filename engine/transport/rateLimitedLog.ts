// Log lines caused by peers (refused connections, invalid messages) are rate-limited: a peer that
// reconnects in a loop, or floods invalid messages, must not be able to fill the master's log or
// disk. The first few lines of each window are written; the rest are counted and summed up in one
// line when the next window opens.

export interface RateLimitedLog {
  (line: string): void;
}

export function rateLimitedLog(
  write: (line: string) => void,
  perWindow = 5,
  windowMs = 10_000,
  now: () => number = Date.now,
): RateLimitedLog {
  let windowStart = -Infinity;
  let written = 0;
  let suppressed = 0;
  return (line: string) => {
    const t = now();
    if (t - windowStart >= windowMs) {
      if (suppressed > 0)
        write(`(${suppressed} similar line(s) suppressed in the last ${windowMs / 1000} s)`);
      windowStart = t;
      written = 0;
      suppressed = 0;
    }
    if (written < perWindow) {
      written++;
      write(line);
    } else suppressed++;
  };
}

/** A peer-supplied string cut to `max` characters for a log line (with a marker when cut). */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
