// Open model: iterations start on a fixed schedule (arrivalRate per second), independent of how
// fast responses come back. Each started iteration takes a free user of the kind it needs,
// creating users on demand up to maxUsers; when none is free the iteration is counted as
// dropped, never silently skipped. Latency is also recorded from each iteration's intended start
// (coordinated omission): a late start cannot hide a slow server. The schedule sets the pace, so
// think time is not applied between iterations, and a user kind's `loops` do not run (they
// belong to long-lived closed-model users); the generator warns about loops once.
import type { WorkerSegment } from '../../common/protocol/engine';
import type { RunContext } from './context';
import { VirtualUser } from './virtualUser';
import { RoundRobinSequence } from './weights';
import { setLongTimeout, type LongTimeout } from '../longTimeout';
import { WorkerCap } from './workerCap';

export interface OpenLoad {
  arrivalRate: number;
  maxUsers: number;
  /** This worker's arrivals are the run's arrivals index, index + count, ...; default: all of them. */
  segment?: WorkerSegment;
}

export class OpenExecutor {
  private readonly free: VirtualUser[][];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly kinds: RoundRobinSequence;
  private created = 0;
  private busy = 0;
  private maxUsers = 0;
  private periodMs = 0;
  private nextAt = 0;
  private arrivals = 0;
  private timer: LongTimeout | undefined;
  private stopped = false;
  private readonly all: VirtualUser[] = [];
  private readonly cap: WorkerCap;
  private segment: WorkerSegment = { index: 0, count: 1 };

  constructor(
    private readonly ctx: RunContext,
    private readonly nextId: () => number,
  ) {
    this.kinds = new RoundRobinSequence(ctx.scenario.users.map((k) => k.weight));
    this.free = ctx.scenario.users.map(() => []);
    this.cap = new WorkerCap(ctx.log);
  }

  /** Users busy with an iteration right now. */
  get users(): number {
    return this.busy;
  }

  setLoad(load: OpenLoad): void {
    if (this.stopped) return;
    this.maxUsers = Math.max(0, Math.floor(this.cap.users(load.maxUsers)));
    if (load.segment) this.segment = load.segment;
    const wasRunning = this.periodMs > 0;
    const rate = this.cap.arrivalRate(load.arrivalRate);
    this.periodMs = rate > 0 && Number.isFinite(rate) ? 1000 / rate : 0;
    this.timer?.cancel();
    this.timer = undefined;
    if (this.periodMs === 0) return;
    const now = performance.now();
    // A new rate starts from now (the first arrival at once when starting; one period after the
    // last arrival when changing rate mid-run, but never in the past).
    this.nextAt = wasRunning ? Math.max(now, Math.min(this.nextAt, now + this.periodMs)) : now;
    this.tick();
  }

  /** Ends every iteration still in flight now (the grace period at stop ran out). */
  cancel(): void {
    for (const u of this.all) u.cancel();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    for (const u of this.all) u.stop();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await Promise.all(this.all.map((u) => u.finish()));
    for (const u of this.all) u.close();
  }

  /** Starts every iteration due by now, each with its own intended start, then waits for the next. */
  private readonly tick = (): void => {
    this.timer = undefined;
    if (this.stopped || this.periodMs === 0) return;
    const now = performance.now();
    while (this.nextAt <= now) {
      this.startIteration(this.nextAt);
      this.nextAt += this.periodMs;
    }
    this.timer = setLongTimeout(this.tick, Math.max(0, this.nextAt - performance.now()));
  };

  private startIteration(intendedMs: number): void {
    const kindIndex = this.kinds.at(this.arrivals++ * this.segment.count + this.segment.index);
    const kind = this.ctx.scenario.users[kindIndex];
    if (kind === undefined) return;
    let user = this.free[kindIndex].pop();
    if (user === undefined) {
      if (this.created >= this.maxUsers) {
        this.ctx.stats.iterationDropped();
        return;
      }
      this.created++;
      user = new VirtualUser(this.nextId(), kind, this.ctx);
      this.all.push(user);
    }
    this.ctx.stats.iterationStarted();
    this.busy++;
    const u = user;
    const done: Promise<void> = u.runOnce().then(
      () => this.finished(u, kindIndex, intendedMs, done),
      (e: unknown) => {
        this.ctx.log.error(
          `virtual user ${u.id} stopped on an internal error: ${(e as Error).stack ?? String(e)}`,
        );
        this.finished(u, kindIndex, intendedMs, done);
      },
    );
    this.inFlight.add(done);
  }

  private finished(user: VirtualUser, kindIndex: number, intendedMs: number, done: Promise<void>): void {
    this.ctx.stats.recordIntended(performance.now() - intendedMs);
    this.busy--;
    this.inFlight.delete(done);
    if (!this.stopped) this.free[kindIndex].push(user);
  }
}
