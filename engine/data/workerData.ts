// A worker's side of test data: rows arrive from the master (the worker reads no file). Sequential
// and random sets arrive whole after `start`; unique sets arrive in leased blocks, asked for when
// the block in hand runs low, so a worker holds at most about two blocks of each unique set.
import type {
  DataSetHeader,
  MasterDataGrantMessage,
  MasterDataRowsMessage,
} from '../../common/protocol/engine';
import { packRow, unpackRow, type PackedRow } from './packedRows';

/** What virtual users read rows from (engine/runner). */
export interface DataRows {
  /** Template names of the set's columns, in row order (`accounts.email`, ...). */
  keys(set: string): readonly string[];
  /**
   * The next row of `set` for one user. A promise only when a unique set must wait for its next
   * lease; undefined when the set ran out (`onExhausted: stop`) or the worker is stopping.
   */
  take(set: string): string[] | undefined | Promise<string[] | undefined>;
}

/** First and largest lease asked for; each lease asks for twice the last, up to the largest. */
const FIRST_LEASE_ROWS = 50;
const MAX_LEASE_ROWS = 1000;

class SharedRows {
  /** Packed (packedRows.ts): a third of the memory of arrays of cells. */
  readonly rows: PackedRow[] = [];
  private next: number;

  constructor(
    readonly header: DataSetHeader,
    start: number,
  ) {
    this.next = start;
  }

  take(random: boolean): string[] | undefined {
    const n = this.rows.length;
    if (n === 0) return undefined;
    if (random) return unpackRow(this.rows[Math.floor(Math.random() * n)]);
    if (this.next >= n) this.next = 0;
    return unpackRow(this.rows[this.next++]);
  }
}

class LeasedRows {
  private block: string[][] = [];
  private at = 0;
  private readonly queued: string[][][] = [];
  private readonly waiters: Array<(row: string[] | undefined) => void> = [];
  private asking = false;
  private want = FIRST_LEASE_ROWS;
  exhausted = false;

  /**
   * @param prefetch ask for the next block before this one runs out (`per: iteration`: users keep
   *   taking rows). Without it (`per: user`: a row only when a user starts) a worker asks for just
   *   as many rows as users wait for, so it never holds rows another worker's users need.
   */
  constructor(
    readonly header: DataSetHeader,
    private readonly ask: (set: string, want: number) => void,
    private readonly prefetch: boolean,
  ) {}

  private left(): number {
    return this.block.length - this.at + this.queued.reduce((a, b) => a + b.length, 0);
  }

  /** Asks for the next block once the rows in hand fall to half a block (prefetch), or when users wait. */
  private refill(): void {
    if (this.asking || this.exhausted) return;
    if (this.prefetch) {
      if (this.left() > this.want / 2) return;
      this.asking = true;
      this.ask(this.header.name, this.want);
    } else if (this.left() === 0 && this.waiters.length > 0) {
      this.asking = true;
      this.ask(this.header.name, this.waiters.length);
    }
  }

  /** A row in hand, undefined when none will come, or 'wait' for the next lease. */
  private takeNow(): string[] | undefined | 'wait' {
    if (this.at >= this.block.length && this.queued.length) {
      this.block = this.queued.shift()!;
      this.at = 0;
    }
    if (this.at < this.block.length) {
      const row = this.block[this.at++];
      this.refill();
      return row;
    }
    if (this.exhausted) return undefined;
    return 'wait';
  }

  take(): string[] | undefined | Promise<string[] | undefined> {
    // Users already waiting come first.
    const row = this.waiters.length ? 'wait' : this.takeNow();
    if (row !== 'wait') return row;
    const waiting = new Promise<string[] | undefined>((resolve) => this.waiters.push(resolve));
    this.refill();
    return waiting;
  }

  grant(msg: MasterDataGrantMessage): void {
    this.asking = false;
    if (msg.exhausted) this.exhausted = true;
    if (msg.rows.length) {
      this.queued.push(msg.rows);
      this.want = Math.min(MAX_LEASE_ROWS, this.want * 2);
    }
    // Waiting users take rows in the order they asked.
    while (this.waiters.length) {
      // Out of the queue first: a refill while taking counts only the users still waiting.
      const resolve = this.waiters.shift()!;
      const row = this.takeNow();
      if (row === 'wait') {
        this.waiters.unshift(resolve);
        return this.refill();
      }
      resolve(row);
    }
  }

  close(): void {
    this.exhausted = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}

export class WorkerData implements DataRows {
  private readonly shared = new Map<string, SharedRows>();
  private readonly leased = new Map<string, LeasedRows>();
  private readonly randomSets = new Set<string>();
  private readonly columnKeys = new Map<string, string[]>();

  /**
   * @param random the names of sets picked at random (the rest of the non-unique sets are sequential)
   * @param perUser the names of sets whose rows last a user's life (unique ones are not prefetched)
   * @param ask sends `dataLease` to the master
   */
  constructor(
    headers: readonly DataSetHeader[],
    random: ReadonlySet<string>,
    perUser: ReadonlySet<string>,
    ask: (set: string, want: number) => void,
    /** Where this worker's sequential sets begin (0..1 of the rows); default random. */
    startAt: number = Math.random(),
  ) {
    for (const h of headers) {
      this.columnKeys.set(
        h.name,
        h.columns.map((c) => `${h.name}.${c}`),
      );
      if (h.unique) this.leased.set(h.name, new LeasedRows(h, ask, !perUser.has(h.name)));
      else {
        // Sequential sets start each worker at its own place, so workers do not send the same row at
        // once. (Workers have no fixed index: the live set decides their segments, assign.ts.)
        const start = Math.min(h.rows - 1, Math.max(0, Math.floor(startAt * h.rows)));
        this.shared.set(h.name, new SharedRows(h, start));
        if (random.has(h.name)) this.randomSets.add(h.name);
      }
    }
  }

  keys(set: string): readonly string[] {
    return this.columnKeys.get(set) ?? [];
  }

  take(set: string): string[] | undefined | Promise<string[] | undefined> {
    const leased = this.leased.get(set);
    if (leased) return leased.take();
    return this.shared.get(set)?.take(this.randomSets.has(set));
  }

  addRows(msg: MasterDataRowsMessage): void {
    const s = this.shared.get(msg.set);
    if (!s) return;
    // Bounded by the header's count: a confused master cannot grow a worker without limit.
    for (const row of msg.rows) if (s.rows.length < s.header.rows) s.rows.push(packRow(row));
  }

  grant(msg: MasterDataGrantMessage): void {
    this.leased.get(msg.set)?.grant(msg);
  }

  /** Every row of every sequential and random set has arrived: users may start. */
  complete(): boolean {
    for (const s of this.shared.values()) if (s.rows.length < s.header.rows) return false;
    return true;
  }

  /** The worker is stopping: users waiting for a lease get no row and end. */
  close(): void {
    for (const l of this.leased.values()) l.close();
  }
}
