// The CLI's logger: info and above to stderr (stdout is kept for tables and the JSON summary);
// debug only with STAMPEDE_DEBUG=1.
import type { Logger } from '../log';

export function stderrLogger(onLine?: () => void): Logger {
  const write = (prefix: string, m: string): void => {
    onLine?.();
    process.stderr.write(`${prefix}${m}\n`);
  };
  return {
    debug: (m) => {
      if (process.env.STAMPEDE_DEBUG) write('debug: ', m);
    },
    info: (m) => write('', m),
    warn: (m) => write('warning: ', m),
    error: (m) => write('error: ', m),
  };
}
