// How far each worker's clock is from the master's. A report says when the worker drained it
// (its clock); the master notes when it arrived (its clock). arrival - sent = offset + transit,
// and transit >= 0, so the smallest difference over recent reports is the offset plus the
// fastest transit seen: a start mapped onto the master's clock is late by at most that transit
// (well under a millisecond on loopback or a LAN), so durations are short by at most that much.
// A window of recent samples, not the run's minimum, follows clocks that drift apart.

const WINDOW = 16;

export class ClockOffsets {
  private readonly samples = new Map<string, number[]>();

  /** A message from `workerId` stamped `workerClockMs` arrived at `masterClockMs`. */
  observe(workerId: string, workerClockMs: number, masterClockMs: number): void {
    let list = this.samples.get(workerId);
    if (!list) this.samples.set(workerId, (list = []));
    list.push(masterClockMs - workerClockMs);
    if (list.length > WINDOW) list.shift();
  }

  /** Add this to a time on the worker's clock to get the master's; 0 for a worker never heard. */
  offset(workerId: string): number {
    const list = this.samples.get(workerId);
    return list && list.length ? Math.min(...list) : 0;
  }

  forget(workerId: string): void {
    this.samples.delete(workerId);
  }
}
