// What one worker process can hold, measured (docs/benchmarks.md, "What one worker holds"). A
// scenario asking for more than its workers can hold is an error in `check` and the editor, and a
// worker handed more than this (workers: auto on a small machine, remote workers) runs this many
// and says so, instead of growing until it is declared missing.

/** An idle virtual user (thinking, its keep-alive connection open) costs ~10 KiB: 100,000 is ~1 GiB. */
export const MAX_USERS_PER_WORKER = 100_000;
/** KiB per idle user, as measured: quoted in the messages. */
export const KIB_PER_IDLE_USER = 10;
/** One worker sends at most ~170,000 requests/s (one core, smallest request): a rate above this is a typo. */
export const MAX_ARRIVAL_RATE_PER_WORKER = 200_000;
/** `workers: auto` is one per core of the machine that runs it, unknown to `check`: assume a big one. */
export const AUTO_WORKERS_ASSUMED = 64;

export function formatCount(n: number): string {
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? Math.round(n).toLocaleString('en-US') : String(n);
}
