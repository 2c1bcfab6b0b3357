// Open model: iterations start on a fixed schedule (arrivalRate per second), independent of how
// fast responses come back. Each started iteration takes a free user of the kind it needs,
// creating users on demand up to maxUsers; only when no user at all is free (and maxUsers are
// made) is the iteration counted as dropped, never silently skipped. Latency is also recorded
// from each iteration's intended start (coordinated omission): a late start cannot hide a slow
// server. The schedule sets the pace, so think time is not applied between iterations, and a user
// kind's `loops` do not run (they belong to long-lived closed-model users); the generator warns.
//
// Scheduling (issue 23): one timer per wake-up, never one per arrival. A wake-up starts the
// arrivals due by now, BATCH at a time, with setImmediate between batches so responses already
// read (users becoming free) are handled before the next batch looks for a free user. With the
// master's schedule a share is a fixed set of the stage's numbered arrivals (arrivalSchedule.ts);
// the plan's end or the next stage that comes a little early (the master's message raced this worker's
// clock) waits for the share's last arrival, so started + dropped is rate x duration over the
// workers however the messages travel. A person's stop ends the arrivals at once.
import type { StageSchedule, WorkerSegment } from '../../common/protocol/engine';
import type { RunContext } from './context';
import { VirtualUser } from './virtualUser';
import { RoundRobinSequence } from './weights';
import { setLongTimeout, type LongTimeout } from '../longTimeout';
import { WorkerCap } from './workerCap';
import { ArrivalSchedule, arrivalsIn } from './arrivalSchedule';
import { inSlices } from './inSlices';

/** Arrivals started per event-loop turn before I/O gets its turn. */
const BATCH = 16;
/** Without the master's schedule, a share ending within this of the next stage's load is finished first. */
export const HANDOVER_SLACK_MS = 1000;

export interface OpenLoad {
  arrivalRate: number;
  maxUsers: number;
  /** The stage this share belongs to (a new stage waits for the previous one's schedule to end). */
  stage?: number;
  /** This worker's arrivals are the run's arrivals index, index + count, ...; default: all of them. */
  segment?: WorkerSegment;
  /** The stage's whole schedule (from the master); absent: this share alone, from now, with no end. */
  schedule?: StageSchedule;
}

export class OpenExecutor {
  /** Free users per kind: pop and push only (O(1)). */
  private readonly free: VirtualUser[][];
  private freeCount = 0;
  private readonly kinds: RoundRobinSequence;
  private readonly all = new Set<VirtualUser>();
  private readonly retiring = new Set<Promise<void>>();
  private created = 0;
  private busy = 0;
  private maxUsers = 0;
  /** Arrivals of shares without the master's schedule, for the user-kind sequence. */
  private arrivals = 0;
  /** The share running now, then the ones that take over where it ends (a rebalance, the next stage). */
  private schedules: ArrivalSchedule[] = [];
  private timer: LongTimeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** No arrival starts any more. */
  private halted = false;
  /** A stop is waiting for the schedule's end: new loads are ignored. */
  private finishing = false;
  private scheduleEnded: (() => void) | undefined;
  private idle: (() => void) | undefined;
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
    if (this.halted || this.finishing) return;
    this.maxUsers = Math.max(0, Math.floor(this.cap.users(load.maxUsers)));
    if (load.segment) this.segment = load.segment;
    const now = performance.now();
    // Arrivals already due belong to the old share: start them before the share changes.
    this.startDue(now, Infinity);
    const rate = this.cap.arrivalRate(load.arrivalRate);
    const last = this.schedules[this.schedules.length - 1];
    const stage = load.stage ?? last?.stage ?? 0;
    this.disarm();
    if (!(rate > 0 && Number.isFinite(rate))) {
      this.schedules = [];
      return;
    }
    const plan = load.schedule;
    // The master's schedule is followed exactly unless this worker had to cap its share.
    const exact =
      plan !== undefined && plan.rate > 0 && Number.isFinite(plan.rate) && rate === load.arrivalRate;
    const next = exact
      ? new ArrivalSchedule({
          stage,
          anchorMs: now - plan.elapsedMs,
          rate: plan.rate,
          total: arrivalsIn(plan.rate, plan.durationMs),
          from: plan.from,
          segment: this.segment,
          runWide: true,
        })
      : new ArrivalSchedule({
          stage,
          anchorMs: now,
          rate,
          total: Infinity,
          from: 0,
          segment: { index: 0, count: 1 },
          runWide: false,
        });
    if (!exact) for (const s of this.schedules) s.end();
    else if (last?.runWide && last.stage === stage) last.truncate(plan.from);
    // The previous stage's numbered share always runs to its end (it trails by a message's transit).
    else if (last && !(last.stage !== stage && (last.runWide || last.lastDueMs <= now + HANDOVER_SLACK_MS)))
      last.end();
    this.schedules.push(next);
    this.pump();
  }

  /** Ends every iteration still in flight now (the grace period at stop ran out); no arrival starts. */
  cancel(): Promise<void> {
    this.halt();
    return inSlices(this.all, (u) => u.cancel());
  }

  /**
   * `finishShare`: the plan ran to its end; this worker's clock trails the master's by the load
   * message's transit, so the rest of its share (due within about that) still starts or drops.
   * Otherwise (a person's stop) no arrival starts after now. Either way a cancel() halts at once.
   */
  async stop(finishShare = false): Promise<void> {
    const lastDue = Math.max(...this.schedules.map((s) => s.lastDueMs));
    if (!this.halted && finishShare && this.current() !== undefined && Number.isFinite(lastDue)) {
      this.finishing = true;
      await new Promise<void>((resolve) => (this.scheduleEnded = resolve));
    }
    this.halt();
    for (const u of this.all) u.stop();
    if (this.busy > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    await Promise.all([...this.retiring]);
    await Promise.all([...this.all].map((u) => u.finish()));
    await inSlices(this.all, (u) => u.close());
  }

  private halt(): void {
    this.halted = true;
    this.disarm();
    this.scheduleEnded?.();
    this.scheduleEnded = undefined;
  }

  private disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  /** The share arrivals come from now (the next one once the current has ended). */
  private current(): ArrivalSchedule | undefined {
    while (this.schedules.length > 0 && this.schedules[0].exhausted) this.schedules.shift();
    return this.schedules[0];
  }

  /** Starts a batch of due arrivals, then waits: a turn if more are due, else until the next. */
  private readonly pump = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.halted) return;
    const now = performance.now();
    this.startDue(now, BATCH);
    const s = this.current();
    if (s === undefined) {
      this.scheduleEnded?.();
      this.scheduleEnded = undefined;
      return;
    }
    const due = s.nextDueMs;
    if (due <= now) this.immediate = setImmediate(this.pump);
    else this.timer = setLongTimeout(this.pump, due - now);
  };

  private startDue(now: number, max: number): void {
    for (let n = 0; n < max; n++) {
      const s = this.current();
      const at = s?.take(now);
      if (s === undefined || at === undefined) return;
      this.startIteration(
        at,
        s.runWide ? s.lastTaken : this.arrivals++ * this.segment.count + this.segment.index,
      );
    }
  }

  /** `arrival`: the arrival's number in the run, which picks its user kind (round-robin by weight). */
  private startIteration(intendedMs: number, arrival: number): void {
    const kindIndex = this.kinds.at(arrival);
    const kind = this.ctx.scenario.users[kindIndex];
    let user = this.free[kindIndex].pop();
    if (user !== undefined) this.freeCount--;
    else if (this.created < this.maxUsers) user = this.create(kindIndex);
    else if (this.freeCount > 0) user = this.replaceFreeUser(kindIndex);
    else {
      this.ctx.stats.iterationDropped();
      return;
    }
    this.ctx.stats.iterationStarted();
    this.busy++;
    const u = user;
    u.runOnce().then(
      () => this.finished(u, kindIndex, intendedMs),
      (e: unknown) => {
        this.ctx.log.error(
          `virtual user ${u.id} (${kind.name}) stopped on an internal error: ${(e as Error).stack ?? String(e)}`,
        );
        this.finished(u, kindIndex, intendedMs);
      },
    );
  }

  private create(kindIndex: number): VirtualUser {
    this.created++;
    const user = new VirtualUser(this.nextId(), this.ctx.scenario.users[kindIndex], this.ctx);
    this.all.add(user);
    return user;
  }

  /**
   * At maxUsers with none of this kind free but one of another kind: that one leaves (its `stop:`
   * steps run in the background) and a user of the kind asked for takes its place, so an arrival
   * is dropped only when no user at all is free.
   */
  private replaceFreeUser(kindIndex: number): VirtualUser {
    const other = this.free.find((list) => list.length > 0)?.pop() as VirtualUser;
    this.freeCount--;
    this.all.delete(other);
    this.created--;
    other.stop();
    const gone: Promise<void> = other.finish().then(
      () => {
        other.close();
        this.retiring.delete(gone);
      },
      () => {
        other.close();
        this.retiring.delete(gone);
      },
    );
    this.retiring.add(gone);
    return this.create(kindIndex);
  }

  private finished(user: VirtualUser, kindIndex: number, intendedMs: number): void {
    this.ctx.stats.recordIntended(performance.now() - intendedMs);
    this.busy--;
    if (!this.halted) {
      this.free[kindIndex].push(user);
      this.freeCount++;
    }
    if (this.busy === 0) this.idle?.();
  }
}
