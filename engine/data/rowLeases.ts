// The master's allocator of `pick: unique` rows: disjoint, contiguous ranges of row indexes handed
// out on demand, in order. A range once leased is never leased again (while the run does not wrap),
// whoever asked and whatever becomes of them: a worker that goes missing keeps its rows (they may
// have been sent already), so uniqueness holds whatever workers join, leave or vanish.

/** A lease: rows [first, first + count) of the data set. */
export interface RowLease {
  first: number;
  count: number;
}

export type LeaseResult =
  | { kind: 'lease'; lease: RowLease; lap: number }
  /** No row is left (onExhausted `stop` or `fail`). */
  | { kind: 'exhausted' };

export class RowLeases {
  private next = 0;
  private lap = 0;
  /** Rows handed out in all, over every lap. */
  leased = 0;

  /**
   * @param total rows in the data set
   * @param wrap start again from the first row once every row was leased (`onExhausted: wrap`)
   * @param maxBlock the most rows one lease holds (bounds a worker's memory and a message's size)
   */
  constructor(
    readonly total: number,
    private readonly wrap: boolean,
    private readonly maxBlock: number,
  ) {}

  /** The next block of at most `want` rows (at least one), or exhausted. */
  take(want: number): LeaseResult {
    if (this.next >= this.total) {
      if (!this.wrap || this.total === 0) return { kind: 'exhausted' };
      this.next = 0;
      this.lap++;
    }
    const count = Math.min(Math.max(1, Math.floor(want)), this.maxBlock, this.total - this.next);
    const lease = { first: this.next, count };
    this.next += count;
    this.leased += count;
    return { kind: 'lease', lease, lap: this.lap };
  }

  /** Rows never leased in the current lap. */
  get remaining(): number {
    return this.total - this.next;
  }
}
