// Per-request timeouts without a timer per request: connections with a socket register here,
// and one unref'd interval checks their deadlines. A timeout is noticed within one sweep period
// (SWEEP_MS) of its deadline, which is far below any useful timeout.
import { durationText } from './errorText';

export interface Deadlined {
  /** performance.now() value after which the pending request has timed out; 0 when idle. */
  deadline: number;
  /** Called by the sweeper when `now >= deadline`. */
  expire(now: number): void;
}

export const SWEEP_MS = 20;
const live = new Set<Deadlined>();
let timer: NodeJS.Timeout | undefined;

function sweep(): void {
  const now = performance.now();
  for (const c of live) if (c.deadline !== 0 && now >= c.deadline) c.expire(now);
}

export function watchDeadline(c: Deadlined): void {
  live.add(c);
  if (timer === undefined) {
    timer = setInterval(sweep, SWEEP_MS);
    timer.unref();
  }
}

export function unwatchDeadline(c: Deadlined): void {
  live.delete(c);
  if (live.size === 0 && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

/** `timeout after 10 s`, `timeout after 250 ms`: the start of a timeout's error string. */
export function timeoutError(ms: number): string {
  return `timeout after ${durationText(ms)}`;
}
