// The open model's schedule for one share of a stage: arrival k is due at startMs + k x period,
// computed from k (never by adding periods, which drifts), and a stage of `durationMs` has exactly
// ceil(rate x duration) arrivals, so started + dropped is rate x duration whatever the timers do.
// The executor takes the arrivals due by now in small batches; nothing here reads a clock.

export class ArrivalSchedule {
  readonly periodMs: number;
  /** How many arrivals this schedule holds (Infinity when it has no end). */
  readonly count: number;
  private next = 0;

  constructor(
    readonly stage: number,
    readonly startMs: number,
    rate: number,
    durationMs?: number,
  ) {
    this.periodMs = 1000 / rate;
    // The small epsilon keeps 50,000/s x 5 s at 250,000 when the float product lands a hair above.
    this.count =
      durationMs === undefined || !Number.isFinite(durationMs)
        ? Infinity
        : Math.max(0, Math.ceil((rate * Math.max(0, durationMs)) / 1000 - 1e-9));
  }

  /** When the schedule's last arrival is due plus one period: the end of its window. */
  get endMs(): number {
    return this.startMs + this.count * this.periodMs;
  }

  get exhausted(): boolean {
    return this.next >= this.count;
  }

  /** The intended start of the next arrival (Infinity when none is left). */
  get nextDueMs(): number {
    return this.exhausted ? Infinity : this.startMs + this.next * this.periodMs;
  }

  /** Takes the next arrival if it is due by `nowMs`: its intended start, or undefined. */
  take(nowMs: number): number | undefined {
    if (this.exhausted) return undefined;
    const due = this.startMs + this.next * this.periodMs;
    if (due > nowMs) return undefined;
    this.next++;
    return due;
  }
}
