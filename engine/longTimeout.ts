// Timers for scenario durations. Node's setTimeout holds at most 2^31-1 ms (24.8 days); a longer
// delay overflows and fires after 1 ms, so `duration: 600h` used to end a run at once. Every
// engine timer whose delay comes from a scenario (stages, duration, think, pacing, loop `every:`,
// spawn and arrival gaps) goes through setLongTimeout, which chains timers of at most that size.

/** The longest delay one Node timer can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimeout {
  /** Stops the timer; the callback will not run. Safe to call more than once, or after it ran. */
  cancel(): void;
  /** Lets the process exit while the timer waits (as `timer.unref()`); returns itself. */
  unref(): LongTimeout;
}

/**
 * Runs `fn` once, `ms` milliseconds from now, however long that is. The wait is split into
 * chained timers of at most MAX_TIMER_MS each. It counts the chained delays rather than reading a
 * clock (so a fake clock drives it like one setTimeout); each link starts when the one before
 * ran, so a late link (a busy event loop) adds its lateness: milliseconds per 24.8 days. A
 * negative or NaN delay runs at the next turn (as setTimeout does); Infinity never runs.
 */
export function setLongTimeout(fn: () => void, ms: number): LongTimeout {
  let timer: NodeJS.Timeout | undefined;
  let unref = false;
  const arm = (left: number): void => {
    if (left > MAX_TIMER_MS) timer = setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS);
    else
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, left);
    if (unref) timer.unref();
  };
  arm(Number.isNaN(ms) ? 0 : Math.max(0, ms));
  const handle: LongTimeout = {
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    unref() {
      unref = true;
      timer?.unref();
      return handle;
    },
  };
  return handle;
}
