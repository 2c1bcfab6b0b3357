// One virtual user: a user kind, its own scope (variables and captures), its own keep-alive
// connection, and its concurrent loops. Each iteration runs one task picked by weight, its steps
// in order; a failed step ends the iteration (later steps may need its captures). Every request
// is recorded exactly once, when it ends.
import type {
  EmitStep,
  Loop,
  RequestStep,
  Step,
  Task,
  Template,
  Think,
  UserKind,
} from '../../scenario/model';
import type { HttpConnection, HttpResponse, Origin } from '../http/index';
import { Connections } from './connections';
import type { RunContext } from './context';
import { RequestEvent, SimpleEvent } from './events';
import { statusFailure, type RenderedRequest, type RequestPlan } from './requestPlan';
import { exchangeSample, failingCheck } from './exchangeSample';
import { variantFor } from './requestVariants';
import { UserCookies } from './userCookies';
import { applyCaptures, firstFailure, ResponseData } from './responseChecks';
import { render, Scope } from './scope';
import { Sleeper } from './sleeper';
import type { RandomPicker } from './weights';
import { takeRows } from './userData';

/** What `settle` made of a try. */
type Verdict = 0 | 1 | 2;
const PASSED = 0;
const FAILED = 1;
/** A `repeat` try whose `until` is not met yet: wait `everyMs` and try again. */
const AGAIN = 2;

/** An iteration with no task: done at once (one shared promise, not one per iteration). */
const TRUE: Promise<boolean> = Promise.resolve(true);

/** Pause before a closed-model user tries its failed `start` steps again. */
const START_RETRY_MS = 1000;

/** A constant or random pause in ms (pacing and none, which depend on the iteration, are 0 here). */
function thinkMs(think: Think): number {
  if (think.kind === 'constant') return think.ms;
  if (think.kind === 'between') return think.minMs + Math.random() * (think.maxMs - think.minMs);
  return 0;
}

export class VirtualUser {
  /** Set by stop(): no new request starts (but `stop:` steps); the one in flight finishes. */
  stopping = false;
  /** A unique data set ran out and the user stopped itself (`onExhausted: stop`): it is not replaced. */
  ranOutOfData = false;
  /** The `start` steps succeeded (or there are none). */
  private started: boolean;
  /** The rows of `per: user` data sets are in the scope (taken once, kept for the user's life). */
  private hasUserRows: boolean;
  /** Running the `stop` steps: they run although the user is stopping. */
  private finishing = false;
  /** Set by cancel(): the grace period at stop ran out; requests in flight end now, counted as cancelled. */
  private cancelled = false;
  iteration = 0;
  /** Requests written so far: an iteration that wrote none must still yield to the event loop. */
  private sends = 0;
  private readonly scope: Scope;
  /** Pairing keys of trackers that end with an event from outside read the user's scope as it is now. */
  private readonly renderInScope = (t: Template): string => render(t, this.scope);
  private readonly connections: Connections;
  private readonly sleeper = new Sleeper();
  /** The user's session cookies (see userCookies.ts). */
  private readonly cookies = new UserCookies();
  private readonly loopSleepers: Sleeper[] = [];
  private readonly loopConnections: Connections[] = [];

  constructor(
    readonly id: number,
    readonly kind: UserKind,
    private readonly ctx: RunContext,
  ) {
    this.scope = new Scope(ctx.scenario.variables);
    // Set now, not in begin(): a user without start steps must not pay an extra await per arrival.
    this.started = kind.start.length === 0;
    // Likewise a kind that reads no `per: user` data set has its (no) rows already.
    this.hasUserRows = ctx.dataUses(kind).perUser.length === 0;
    this.connections = new Connections(ctx.connection);
  }

  /** Closed model: `start` steps, then iterate with think time until stopped (loops alongside), then `stop` steps. */
  async runClosed(): Promise<void> {
    if ((!this.hasUserRows || !this.started) && !(await this.begin(true))) {
      this.connections.closeAll();
      return;
    }
    const loops = this.kind.loops.map((l) => this.runLoop(l));
    const think = this.kind.think;
    const picker = this.ctx.taskPicker(this.kind);
    if (this.fastLane()) await this.runFast(picker);
    while (!this.stopping) {
      const started = think.kind === 'pacing' ? performance.now() : 0;
      const sendsBefore = this.sends;
      await this.runIteration(picker.pick());
      if (this.stopping) break;
      switch (think.kind) {
        case 'constant':
        case 'between':
          await this.sleeper.sleep(thinkMs(think));
          break;
        case 'pacing':
          await this.sleeper.sleep(think.ms - (performance.now() - started));
          break;
        case 'none':
          // An iteration that wrote no request (only emits, or a step that cannot be sent) would
          // otherwise spin without ever yielding to the event loop.
          if (this.sends === sendsBefore) await this.sleeper.sleep(1);
          break;
      }
    }
    await Promise.all(loops);
    await this.finish();
    this.connections.closeAll();
  }

  /**
   * The closed loop without a promise per request: no think time, every task one request step
   * without `repeat`, no per-iteration data and no iteration events or observer. Then an
   * iteration is `prepare`, a callback send and `settle`, all synchronous around the socket, and
   * the next request is written from the previous one's response callback (as wrk does).
   */
  private fastLane(): boolean {
    const ctx = this.ctx;
    const kind = this.kind;
    if (kind.think.kind !== 'none' || ctx.events || ctx.observer !== undefined) return false;
    if (kind.tasks.length === 0 || ctx.dataUses(kind).perIteration.length > 0) return false;
    for (const task of kind.tasks) {
      const steps = task.steps;
      if (steps.length !== 1 || steps[0].kind !== 'request' || steps[0].repeat !== undefined) return false;
    }
    return true;
  }

  /** Runs `fastLane` iterations until the user stops; rejects on an internal error as the loop would. */
  private runFast(picker: RandomPicker<Task>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const connections = this.connections;
      let plan: RequestPlan;
      let iteration = 0;
      const next = (): void => {
        if (this.stopping) return resolve();
        this.scope.newIteration();
        iteration = ++this.iteration;
        plan = this.ctx.plan(picker.pick().steps[0] as RequestStep);
        const connection = this.prepare(plan, connections, 1);
        if (connection !== undefined) connection.sendWith(connections.payload, plan.sendOptions, settled);
        // Nothing was written (the failure is recorded): give the event loop a turn, as the loop does.
        else this.sleeper.sleep(1).then(guarded, fail);
      };
      // An internal error must reach runClosed's caller as the loop's would, not the socket's read.
      const fail = (e: unknown): void => reject(e instanceof Error ? e : new Error(String(e)));
      const guarded = (): void => {
        try {
          next();
        } catch (e) {
          fail(e);
        }
      };
      const settled = (res: HttpResponse): void => {
        try {
          this.settle(plan, connections, res, iteration, 1);
          next();
        } catch (e) {
          fail(e);
        }
      };
      guarded();
    });
  }

  /**
   * `stampede try`: `start` steps, one iteration of `task`, each loop's steps once and the `stop`
   * steps, in that order on one connection; then the connection closes.
   */
  async tryOnce(task: Task | undefined): Promise<void> {
    if ((!this.hasUserRows || !this.started) && !(await this.begin(false))) {
      this.connections.closeAll();
      return;
    }
    await this.runIteration(task);
    for (const loop of this.kind.loops)
      await this.runSteps(loop.steps, this.connections, this.iteration, this.sleeper);
    await this.finish();
    this.connections.closeAll();
  }

  /** Open model: one iteration of a task picked by weight (after `start` steps, the first time). */
  async runOnce(): Promise<void> {
    if ((!this.hasUserRows || !this.started) && !(await this.begin(false))) return;
    await this.runIteration(this.ctx.taskPicker(this.kind).pick());
  }

  /**
   * Runs the kind's `start` steps once (their captures stay in the scope for the user's life).
   * When they fail, a closed-model user tries again after a pause (a login that fails must not
   * turn into a storm of failing tasks); an open-model arrival just ends.
   */
  private async begin(retry: boolean): Promise<boolean> {
    if (!this.hasUserRows) {
      if (!(await this.takeRows(this.ctx.dataUses(this.kind).perUser))) return false;
      this.hasUserRows = true;
    }
    while (!this.started) {
      if (this.stopping) return false;
      if (await this.runSteps(this.kind.start, this.connections, 0, this.sleeper)) {
        this.started = true;
        break;
      }
      if (!retry) return false;
      await this.sleeper.sleep(START_RETRY_MS);
    }
    return true;
  }

  /** Runs the kind's `stop` steps once, if its `start` steps succeeded; the user is stopping. */
  async finish(): Promise<void> {
    if (!this.started || this.finishing || this.kind.stop.length === 0) return;
    this.finishing = true;
    await this.runSteps(this.kind.stop, this.connections, this.iteration, new Sleeper());
  }

  /** Stops the user: thinks and loop waits end now; a request in flight finishes. */
  stop(): void {
    this.stopping = true;
    this.sleeper.cancel();
    for (const s of this.loopSleepers) s.cancel();
  }

  /**
   * The run stopped and its grace period ran out: every request this user still has in flight ends
   * now (its connections close) and is counted as cancelled at stop, not as a failure.
   */
  cancel(): void {
    this.stop();
    this.cancelled = true;
    this.connections.closeAll();
    for (const c of this.loopConnections) c.closeAll();
  }

  /** Releases connections (open model, when the generator stops). */
  close(): void {
    this.connections.closeAll();
  }

  /**
   * Puts a row of each set into the scope. When a unique set ran out the user stops (counted once
   * for the summary), as `onExhausted: stop` says; a user stopped by the run is not counted.
   */
  private async takeRows(sets: readonly string[]): Promise<boolean> {
    const data = this.ctx.data;
    if (sets.length === 0 || data === undefined) return true;
    if (await takeRows(data, sets, this.scope)) return true;
    if (!this.stopping) {
      this.ctx.outOfData();
      this.ranOutOfData = true;
      this.stop();
    }
    return false;
  }

  /**
   * One iteration. When the kind reads no per-iteration data and no tracker listens (the common
   * case) this is a plain call that hands back the steps' own promise: no async frame and no
   * extra promise per iteration on the hot path.
   */
  private runIteration(task: Task | undefined): Promise<boolean> {
    this.scope.newIteration();
    if (this.ctx.events || this.ctx.dataUses(this.kind).perIteration.length > 0)
      return this.runIterationWithHooks(task);
    const iteration = ++this.iteration;
    return task === undefined ? TRUE : this.runSteps(task.steps, this.connections, iteration, this.sleeper);
  }

  /** An iteration that first takes its data rows and/or emits iteration events around its steps. */
  private async runIterationWithHooks(task: Task | undefined): Promise<boolean> {
    // No await at all when the kind reads no data (the common case keeps its speed).
    const perIteration = this.ctx.dataUses(this.kind).perIteration;
    if (perIteration.length > 0 && !(await this.takeRows(perIteration))) return false;
    const iteration = ++this.iteration;
    const ctx = this.ctx;
    if (ctx.events) {
      ctx.emit(
        new SimpleEvent('iteration.start', performance.now(), ctx.trace(this.id, iteration), {
          user: this.kind.name,
          task: task?.name ?? '',
        }),
      );
    }
    const ok =
      task === undefined ? true : await this.runSteps(task.steps, this.connections, iteration, this.sleeper);
    if (ctx.events) {
      ctx.emit(
        new SimpleEvent('iteration.end', performance.now(), ctx.trace(this.id, iteration), {
          user: this.kind.name,
          task: task?.name ?? '',
          ok,
        }),
      );
    }
    return ok;
  }

  private async runLoop(loop: Loop): Promise<void> {
    const sleeper = new Sleeper();
    this.loopSleepers.push(sleeper);
    const connections = new Connections(this.ctx.connection);
    this.loopConnections.push(connections);
    while (!this.stopping) {
      const started = performance.now();
      await this.runSteps(loop.steps, connections, this.iteration, sleeper);
      if (this.stopping) break;
      // A loop with no request must still give the event loop a turn.
      await sleeper.sleep(
        Math.max(loop.everyMs - (performance.now() - started), loop.steps.length === 0 ? 1 : 0),
      );
    }
    connections.closeAll();
  }

  /**
   * Runs steps in order; false when one failed. A task of one request step (the common shape)
   * returns the request's own promise: no async frame of its own.
   */
  private runSteps(
    steps: readonly Step[],
    connections: Connections,
    iteration: number,
    sleeper: Sleeper,
  ): Promise<boolean> {
    if (steps.length === 1 && steps[0].kind === 'request' && !(this.stopping && !this.finishing))
      return this.request(this.ctx.plan(steps[0]), connections, iteration, sleeper);
    return this.runStepsInOrder(steps, connections, iteration, sleeper);
  }

  private async runStepsInOrder(
    steps: readonly Step[],
    connections: Connections,
    iteration: number,
    sleeper: Sleeper,
  ): Promise<boolean> {
    for (let i = 0; i < steps.length; i++) {
      if (this.stopping && !this.finishing) return false;
      const step = steps[i];
      if (step.kind === 'emit') {
        this.emitStep(step, iteration);
        continue;
      }
      if (step.kind === 'think') {
        await sleeper.sleep(thinkMs(step.think));
        continue;
      }
      const ok = await this.request(this.ctx.plan(step), connections, iteration, sleeper);
      if (!ok) return false;
    }
    return true;
  }

  private emitStep(step: EmitStep, iteration: number): void {
    if (!this.ctx.events) return;
    const attributes: Record<string, string> = {};
    for (const [k, t] of Object.entries(step.attributes)) attributes[k] = render(t, this.scope);
    const event = new SimpleEvent(
      step.event,
      performance.now(),
      this.ctx.trace(this.id, iteration),
      attributes,
    );
    event.render = this.renderInScope;
    this.ctx.emit(event);
  }

  /** One request step (with its repeat tries). Returns false when it failed. */
  private async request(
    plan: RequestPlan,
    connections: Connections,
    iteration: number,
    sleeper: Sleeper,
  ): Promise<boolean> {
    for (let tries = 1; ; tries++) {
      const connection = this.prepare(plan, connections, tries);
      if (connection === undefined) return false;
      const res = await connection.send(connections.payload, plan.sendOptions);
      const verdict = this.settle(plan, connections, res, iteration, tries);
      if (verdict !== AGAIN) return verdict === PASSED;
      await sleeper.sleep(plan.step.repeat!.everyMs);
      if (this.stopping && !this.finishing) return false;
    }
  }

  /**
   * The bytes and URL of one try, into `connections.payload` / `.url`; returns the connection to
   * send them on, or undefined when the request cannot be made (then the failure is recorded).
   */
  private prepare(plan: RequestPlan, connections: Connections, tries: number): HttpConnection | undefined {
    const shape = plan.bytes;
    let origin: Origin;
    if (shape.kind === 'fixed') {
      connections.payload = shape.bytes;
      connections.url = shape.url;
      origin = shape.origin;
    } else if (shape.kind === 'unusable') {
      plan.recorder.failure(0, 0, shape.error);
      if (this.ctx.observer !== undefined)
        this.observe(plan.step, undefined, undefined, undefined, undefined, shape.error, tries);
      return undefined;
    } else {
      // One of the prebuilt forms when the request reads only variables, else rendered now.
      const form = shape.kind === 'variants' ? variantFor(shape.variants, this.scope) : undefined;
      const r = form ?? shape.render(this.scope);
      if (r.error !== undefined || r.origin === undefined) {
        plan.recorder.failure(0, 0, r.error ?? 'no target');
        if (this.ctx.observer !== undefined)
          this.observe(plan.step, undefined, r.url, undefined, undefined, r.error ?? 'no target', tries);
        return undefined;
      }
      connections.payload =
        form !== undefined ? form.bytes : ((r as RenderedRequest).bytes ?? (r as RenderedRequest).text);
      connections.url = r.url;
      origin = r.origin;
    }
    if (plan.cookies) connections.payload = this.cookies.apply(connections.payload, connections.url);
    this.sends++;
    return connections.get(origin);
  }

  /**
   * Records one try's response (stats, cookies, failure sample, events, observer): PASSED,
   * FAILED, or AGAIN when a `repeat` has not seen its `until` yet and may poll again.
   */
  private settle(
    plan: RequestPlan,
    connections: Connections,
    res: HttpResponse,
    iteration: number,
    tries: number,
  ): Verdict {
    if (this.cancelled) {
      this.ctx.stats.requestCancelled();
      return FAILED;
    }
    const step = plan.step;
    const recorder = plan.recorder;
    const payload = connections.payload;
    const url = connections.url;
    if (res.setCookies !== undefined && plan.cookies) this.cookies.store(url, res.setCookies);
    if (res.error !== undefined) {
      recorder.failure(res.durationMs, res.bytes, res.error);
      if (plan.sampler?.wants(res.error)) this.keepSample(plan, url, payload, res, res.error, undefined);
      this.requestEvent(plan, url, res, false, iteration);
      if (this.ctx.observer !== undefined) this.observe(step, payload, url, res, undefined, res.error, tries);
      return FAILED;
    }
    let failure: string | undefined;
    let data: ResponseData | undefined;
    if (plan.statusOnly) {
      // The common case: no response view, no allocation.
      failure = statusFailure(res.status, plan.statusChecks);
    } else {
      data = new ResponseData(res);
      const repeat = step.repeat;
      if (res.status >= 400 && plan.statusChecks === undefined) failure = `HTTP ${res.status}`;
      else if (repeat !== undefined && firstFailure(repeat.until, data, this.scope) !== undefined) {
        // Not there yet: this try counts as a request; wait and poll again, or give up.
        if (tries >= repeat.max) failure = `repeat: gave up after ${tries} tries`;
        else {
          recorder.success(res.durationMs, res.bytes);
          this.requestEvent(plan, url, res, true, iteration);
          if (this.ctx.observer !== undefined) this.observe(step, payload, url, res, data, undefined, tries);
          return AGAIN;
        }
      } else
        failure =
          firstFailure(step.checks, data, this.scope) ?? applyCaptures(step.captures, data, this.scope);
    }
    if (failure === undefined) recorder.success(res.durationMs, res.bytes);
    else {
      recorder.failure(res.durationMs, res.bytes, failure);
      if (plan.sampler?.wants(failure)) this.keepSample(plan, url, payload, res, failure, data);
    }
    this.requestEvent(plan, url, res, failure === undefined, iteration);
    if (this.ctx.observer !== undefined) this.observe(step, payload, url, res, data, failure, tries);
    return failure === undefined ? PASSED : FAILED;
  }

  /** Keeps a failure sample of this exchange (a slot is free: the caller asked `wants`). */
  private keepSample(
    plan: RequestPlan,
    url: string,
    payload: Buffer | string,
    res: HttpResponse,
    failure: string,
    data: ResponseData | undefined,
  ): void {
    const step = plan.step;
    // Which check failed and what it saw: the status checks of a status-only request, the
    // `until` of a repeat that gave up, else the step's checks (none for `HTTP 500` or a capture).
    const check =
      data === undefined || res.error !== undefined || failure.startsWith('HTTP ')
        ? failure.startsWith('check status')
          ? { check: 'status', saw: String(res.status) }
          : undefined
        : failingCheck(
            failure.startsWith('repeat:') ? (step.repeat?.until ?? []) : step.checks,
            data,
            this.scope,
          );
    plan.sampler!.keep(exchangeSample(step.method, url, payload, res, failure, check));
  }

  private observe(
    step: RequestStep,
    request: Buffer | string | undefined,
    url: string | undefined,
    response: HttpResponse | undefined,
    data: ResponseData | undefined,
    failure: string | undefined,
    attempt: number,
  ): void {
    this.ctx.observer!({ step, request, url, response, data, scope: this.scope, failure, attempt });
  }

  private requestEvent(
    plan: RequestPlan,
    url: string | undefined,
    res: HttpResponse,
    ok: boolean,
    iteration: number,
  ): void {
    if (!this.ctx.events) return;
    const step = plan.step;
    const event = new RequestEvent(
      res.endMs,
      this.ctx.trace(this.id, iteration),
      step.name,
      step.method,
      url ?? step.url.source,
      res.status,
      ok,
      res.durationMs,
      res.body,
      res.headText,
    );
    event.render = this.renderInScope;
    this.ctx.emit(event);
  }
}
