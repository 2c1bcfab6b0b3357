// Starting, stopping, cancelling or closing thousands of users at once must not hold a worker's
// event loop: each user's socket costs a syscall to open and to close (~25 us on loopback; 65 % of
// a 16,700-user stop), and all at once held a worker's loop for 0.6 s on a quiet machine and 3-7 s
// on a loaded one, long enough for the master to hear no heartbeat. In slices, heartbeats and
// reports go out between them.

/** At most this many users start, stop, cancel or close in one event-loop turn. */
export const USERS_PER_TURN = 500;

/** Resolves in a later event-loop turn, after the timers and I/O due now have run. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Calls `each` on every item (a snapshot of them, so `each` may remove items from the collection),
 * USERS_PER_TURN per event-loop turn.
 */
export async function inSlices<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  let n = 0;
  for (const item of [...items]) {
    each(item);
    if (++n % USERS_PER_TURN === 0) await nextTurn();
  }
}
