// Closed model: a fixed number of virtual users, each looping (request, think, repeat). The share
// says how many users of each kind this worker runs (engine/master/assign.ts); a change is applied
// at `spawnRate` changes per second, evenly spaced (never in a burst), one user at a time from the
// kind furthest from its part, so the mix stays proportional while ramping. A share that moves
// users between kinds (a worker lost, its segment changed) swaps users one for one. Stopping a
// user lets its request in flight finish; the newest user of a kind is stopped first.
import type { WorkerSegment } from '../../common/protocol/engine';
import type { RunContext } from './context';
import { VirtualUser } from './virtualUser';
import { kindCounts, RoundRobinSequence } from './weights';
import { setLongTimeout, type LongTimeout } from '../longTimeout';
import { WorkerCap } from './workerCap';
import { inSlices, nextTurn, USERS_PER_TURN } from './inSlices';

export interface ClosedLoad {
  users: number;
  /** Users started or stopped per second; <= 0 or Infinity applies the change at once. */
  spawnRate: number;
  /** Users of each kind; default: the kinds of users 0..users-1 at `segment`. */
  kinds?: number[];
  segment?: WorkerSegment;
}

export class ClosedExecutor {
  /** Running users by kind, oldest first. */
  private readonly byKind: VirtualUser[][];
  private readonly finishing = new Set<Promise<void>>();
  /** Users started and not yet ended (running or finishing their last request). */
  private readonly active = new Set<VirtualUser>();
  private readonly sequence: RoundRobinSequence;
  /** Users each kind should run now: the share given, less its users retired for want of data. */
  private want: number[];
  /** Users of each kind that stopped for want of data (see retire()). */
  private readonly retired: number[];
  private rate = 0;
  private rampStart = 0;
  private rampDone = 0;
  private timer: LongTimeout | undefined;
  private stopped = false;
  private readonly cap: WorkerCap;

  constructor(
    private readonly ctx: RunContext,
    private readonly nextId: () => number,
  ) {
    const weights = ctx.scenario.users.map((k) => k.weight);
    this.sequence = new RoundRobinSequence(weights);
    this.byKind = weights.map(() => []);
    this.want = weights.map(() => 0);
    this.retired = weights.map(() => 0);
    this.cap = new WorkerCap(ctx.log);
  }

  get users(): number {
    let n = 0;
    for (const users of this.byKind) n += users.length;
    return n;
  }

  setLoad(load: ClosedLoad): void {
    if (this.stopped) return;
    // A worker runs at most what one process can hold (workerCap.ts); beyond, it warns once.
    const users = Math.max(0, Math.floor(this.cap.users(load.users)));
    const kinds = load.kinds?.map((n) => Math.max(0, Math.floor(n)));
    const share =
      kinds?.length === this.byKind.length && kinds.reduce((a, n) => a + n, 0) <= users
        ? kinds
        : kindCounts(this.sequence, this.byKind.length, users, load.segment ?? { index: 0, count: 1 });
    this.want = share.map((n, k) => Math.max(0, n - this.retired[k]));
    this.rate = load.spawnRate;
    this.rampStart = performance.now();
    this.rampDone = 0;
    this.timer?.cancel();
    this.timer = undefined;
    this.step();
  }

  /** Ends every request still in flight now (the grace period at stop ran out), in slices. */
  cancel(): Promise<void> {
    return inSlices(this.active, (user) => user.cancel());
  }

  /** Stops every user; resolves when their last requests have ended (or were cancelled). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    let n = 0;
    for (const users of this.byKind)
      while (users.length > 0) {
        users.pop()!.stop();
        if (++n % USERS_PER_TURN === 0) await nextTurn();
      }
    while (this.finishing.size > 0) await Promise.all([...this.finishing]);
  }

  /** Changes still to make: a start, a stop, or a swap of one kind for another counts as one. */
  private pending(): number {
    let more = 0;
    let fewer = 0;
    this.byKind.forEach((users, k) => {
      more += Math.max(0, this.want[k] - users.length);
      fewer += Math.max(0, users.length - this.want[k]);
    });
    return Math.max(more, fewer);
  }

  /** Moves toward the share by as many changes as are due by now, then waits for the next. */
  private readonly step = (): void => {
    this.timer = undefined;
    if (this.stopped) return;
    const gap = this.pending();
    if (gap === 0) return;
    const instant = !(this.rate > 0) || !Number.isFinite(this.rate);
    const elapsed = performance.now() - this.rampStart;
    // The first change happens at once, then one every 1000/rate ms.
    const due = instant ? gap : Math.min(gap, Math.floor((elapsed * this.rate) / 1000) + 1 - this.rampDone);
    const now = Math.min(due, USERS_PER_TURN);
    for (let i = 0; i < now; i++) this.changeOne();
    this.rampDone += Math.max(0, now);
    if (this.pending() > 0) {
      // Changes already due but beyond this turn's slice go on in the next turn.
      const nextAt = instant || now < due ? 0 : this.rampStart + (this.rampDone * 1000) / this.rate;
      this.timer = setLongTimeout(this.step, Math.max(0, nextAt - performance.now()));
    }
  };

  /** One change: stop a user of the kind most over its part and/or start one of the kind most under it. */
  private changeOne(): void {
    let over = -1;
    let overBy = 0;
    let under = -1;
    let underBy = 0;
    this.byKind.forEach((users, k) => {
      const running = users.length;
      const want = this.want[k];
      if (running > want && (running - want) / running > overBy)
        [over, overBy] = [k, (running - want) / running];
      if (running < want && (want - running) / want > underBy)
        [under, underBy] = [k, (want - running) / want];
    });
    const total = this.users;
    const target = this.want.reduce((a, b) => a + b, 0);
    if (over >= 0 && total >= target) this.byKind[over].pop()!.stop();
    if (under >= 0 && total <= target) this.startOne(under);
  }

  /**
   * A user that stopped itself for want of data leaves the running users (the figures say how many
   * run) and is not replaced: its kind's share is one smaller for the rest of the run, since the
   * rows will not come back.
   */
  private retire(kindIndex: number, user: VirtualUser): void {
    const users = this.byKind[kindIndex];
    const at = users.indexOf(user);
    if (at < 0) return; // the executor stopped it already
    users.splice(at, 1);
    this.retired[kindIndex]++;
    this.want[kindIndex] = Math.max(0, this.want[kindIndex] - 1);
  }

  private startOne(kindIndex: number): void {
    const user = new VirtualUser(this.nextId(), this.ctx.scenario.users[kindIndex], this.ctx);
    this.byKind[kindIndex].push(user);
    this.active.add(user);
    const done: Promise<void> = user.runClosed().then(
      () => {
        this.finishing.delete(done);
        this.active.delete(user);
        if (user.ranOutOfData) this.retire(kindIndex, user);
      },
      (e: unknown) => {
        this.finishing.delete(done);
        this.active.delete(user);
        this.ctx.log.error(
          `virtual user ${user.id} stopped on an internal error: ${(e as Error).stack ?? String(e)}`,
        );
      },
    );
    this.finishing.add(done);
  }
}

