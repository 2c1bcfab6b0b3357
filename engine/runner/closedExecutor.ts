// Closed model: a fixed number of virtual users, each looping (request, think, repeat). A change
// of user count is applied at `spawnRate` users per second, evenly spaced (never in a burst);
// stopping a user lets its request in flight finish. The newest users are stopped first, so the
// user-kind mix (by index) stays exact while ramping down.
import type { UserKind } from '../../scenario/model';
import type { RunContext } from './context';
import { VirtualUser } from './virtualUser';
import { RoundRobinSequence } from './weights';
import { setLongTimeout, type LongTimeout } from '../longTimeout';
import { WorkerCap } from './workerCap';

export interface ClosedLoad {
  users: number;
  /** Users started or stopped per second; <= 0 or Infinity applies the change at once. */
  spawnRate: number;
}

export class ClosedExecutor {
  private readonly running: VirtualUser[] = [];
  private readonly finishing = new Set<Promise<void>>();
  private readonly kinds: RoundRobinSequence;
  private target = 0;
  private rate = 0;
  private rampStart = 0;
  private rampDone = 0;
  private timer: LongTimeout | undefined;
  private nextId: () => number;
  private stopped = false;
  private readonly cap: WorkerCap;

  constructor(
    private readonly ctx: RunContext,
    private readonly workerIndex: number,
    private readonly workerCount: number,
    nextId: () => number,
  ) {
    this.kinds = new RoundRobinSequence(ctx.scenario.users.map((k) => k.weight));
    this.nextId = nextId;
    this.cap = new WorkerCap(ctx.log);
  }

  get users(): number {
    return this.running.length;
  }

  setLoad(load: ClosedLoad): void {
    if (this.stopped) return;
    this.target = Math.max(0, Math.floor(this.cap.users(load.users)));
    this.rate = load.spawnRate;
    this.rampStart = performance.now();
    this.rampDone = 0;
    this.timer?.cancel();
    this.timer = undefined;
    this.step();
  }

  /** Stops every user; resolves when their last requests have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    while (this.running.length > 0) this.stopOne();
    while (this.finishing.size > 0) await Promise.all([...this.finishing]);
  }

  /** Moves the user count toward the target by as many users as are due by now, then waits for the next. */
  private readonly step = (): void => {
    this.timer = undefined;
    if (this.stopped) return;
    const gap = this.target - this.running.length;
    if (gap === 0) return;
    const instant = !(this.rate > 0) || !Number.isFinite(this.rate);
    const elapsed = performance.now() - this.rampStart;
    // The first change happens at once, then one every 1000/rate ms.
    const due = instant
      ? Math.abs(gap)
      : Math.min(Math.abs(gap), Math.floor((elapsed * this.rate) / 1000) + 1 - this.rampDone);
    for (let i = 0; i < due; i++) {
      if (gap > 0) this.startOne();
      else this.stopOne();
    }
    this.rampDone += Math.max(0, due);
    if (this.running.length !== this.target) {
      const nextAt = this.rampStart + (this.rampDone * 1000) / this.rate;
      this.timer = setLongTimeout(this.step, Math.max(0, nextAt - performance.now()));
    }
  };

  private kindFor(localIndex: number): UserKind {
    const kinds = this.ctx.scenario.users;
    return kinds[this.kinds.at(localIndex * this.workerCount + this.workerIndex)];
  }

  private startOne(): void {
    const user = new VirtualUser(this.nextId(), this.kindFor(this.running.length), this.ctx);
    this.running.push(user);
    const done: Promise<void> = user.runClosed().then(
      () => void this.finishing.delete(done),
      (e: unknown) => {
        this.finishing.delete(done);
        this.ctx.log.error(
          `virtual user ${user.id} stopped on an internal error: ${(e as Error).stack ?? String(e)}`,
        );
      },
    );
    this.finishing.add(done);
  }

  private stopOne(): void {
    const user = this.running.pop();
    if (user !== undefined) user.stop();
  }
}
