// Open model: where a new split of a stage's arrivals takes over from the previous one. The first
// split of a stage starts at arrival 0 (the workers catch up on what fell due while they started);
// a later split (a worker joined or went missing) starts CUTOVER_MS of arrivals ahead of the
// stage's progress, so every live worker hears of it before it applies and each arrival belongs
// to exactly one worker: the old shares end just before `from`, the new ones begin at it.

/** How far ahead a mid-stage split takes effect: more than a load message takes to arrive. */
export const CUTOVER_MS = 500;

export function arrivalCutover(
  rate: number,
  elapsedMs: number,
  splitBefore: boolean,
): { elapsedMs: number; from: number } {
  const elapsed = Math.max(0, elapsedMs);
  return { elapsedMs: elapsed, from: splitBefore ? Math.ceil((rate * (elapsed + CUTOVER_MS)) / 1000) : 0 };
}
