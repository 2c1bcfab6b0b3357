// The clock that start times (on workers) and event arrivals (on the master) are read on: the
// monotonic clock, anchored once to the wall clock when the process starts, so it never jumps
// and two processes on one machine agree to about a millisecond. (Not performance.timeOrigin:
// Node's is off from the wall clock by up to tens of milliseconds, measured 3-70 ms in fresh
// processes on this machine, and differently in each process.)
const base = Date.now() - performance.now();

/** Epoch-like ms for a performance.now() reading. */
export function clockAt(monotonicMs: number): number {
  return base + monotonicMs;
}

/** Epoch-like ms now. */
export function clockNow(): number {
  return base + performance.now();
}
