// What every virtual user of one load generator shares: the compiled request plans, the stats
// and trackers, and the current stage.
import type { RequestStep, Scenario, Task, UserKind } from '../../scenario/model';
import type { ConnectionOptions, Origin } from '../http/index';
import type { Logger } from '../log';
import type { StatsCollector } from '../stats/types';
import type { EngineEvent, TraceIds, TrackerSet } from '../trackers/types';
import { compileRequest, type RequestPlan } from './requestPlan';
import { RandomPicker } from './weights';
import type { RunFiles } from './bodies';
import type { DataRows } from '../data/workerData';
import { dataUsesOf, type DataUses } from './userData';
import type { FailureSampleKeeper } from './failureSamples';
import type { ExchangeObserver } from './observer';

export interface RunContext {
  scenario: Scenario;
  runId: string;
  stats: StatsCollector;
  trackers: TrackerSet;
  /** trackers.enabled, read once: when false no event objects are built at all. */
  events: boolean;
  log: Logger;
  connection: ConnectionOptions;
  /** The stage the generator is in (trace id of every event). */
  stage: number;
  plan(step: RequestStep): RequestPlan;
  taskPicker(kind: UserKind): RandomPicker<Task>;
  trace(user: number, iteration: number): TraceIds;
  emit(event: EngineEvent): void;
  /** Rows of the scenario's `data:` sets (from the master); undefined when it has none. */
  data: DataRows | undefined;
  /** The data sets a user kind reads (computed once per kind). */
  dataUses(kind: UserKind): DataUses;
  /** A user stopped because a unique data set ran out (counted in the next report). */
  outOfData(): void;
  /** Users that stopped for want of data since the last drain; resets. */
  drainOutOfData(): number;
  /** `stampede try` only: sees every exchange (undefined in runs). */
  observer: ExchangeObserver | undefined;
}

export function createRunContext(opts: {
  scenario: Scenario;
  target: Origin | undefined;
  runId: string;
  stats: StatsCollector;
  trackers: TrackerSet;
  log: Logger;
  connection?: ConnectionOptions;
  files?: RunFiles;
  data?: DataRows;
  /** Keeps the first failing exchanges (failureSamples.ts); undefined keeps none. */
  samples?: FailureSampleKeeper;
  observer?: ExchangeObserver;
}): RunContext {
  const uses = new Map<UserKind, DataUses>();
  let outOfData = 0;
  const plans = new Map<RequestStep, RequestPlan>();
  const compile = (step: RequestStep): RequestPlan => {
    const plan = compileRequest(
      step,
      opts.scenario,
      opts.target,
      opts.stats,
      opts.trackers,
      opts.files,
      opts.samples,
    );
    return opts.observer === undefined ? plan : observable(plan);
  };
  const pickers = new Map<UserKind, RandomPicker<Task>>();
  for (const kind of opts.scenario.users) {
    pickers.set(kind, new RandomPicker(kind.tasks, (t) => t.weight));
    for (const steps of [
      kind.start,
      ...kind.tasks.map((t) => t.steps),
      ...kind.loops.map((l) => l.steps),
      kind.stop,
    ]) {
      for (const step of steps) {
        if (step.kind === 'request' && !plans.has(step)) plans.set(step, compile(step));
      }
    }
  }
  const ctx: RunContext = {
    scenario: opts.scenario,
    runId: opts.runId,
    stats: opts.stats,
    trackers: opts.trackers,
    events: opts.trackers.enabled,
    log: opts.log,
    connection: opts.connection ?? {},
    stage: 0,
    plan(step) {
      let p = plans.get(step);
      if (p === undefined) plans.set(step, (p = compile(step)));
      return p;
    },
    taskPicker(kind) {
      let p = pickers.get(kind);
      if (p === undefined) pickers.set(kind, (p = new RandomPicker(kind.tasks, (t) => t.weight)));
      return p;
    },
    trace(user, iteration) {
      return { run: opts.runId, stage: ctx.stage, user, iteration };
    },
    emit(event) {
      opts.trackers.emit(event);
    },
    data: opts.data,
    dataUses(kind) {
      let u = uses.get(kind);
      if (u === undefined) uses.set(kind, (u = dataUsesOf(kind, opts.scenario.data)));
      return u;
    },
    outOfData() {
      outOfData++;
    },
    drainOutOfData() {
      const n = outOfData;
      outOfData = 0;
      return n;
    },
    observer: opts.observer,
  };
  return ctx;
}

/** An observed exchange shows the whole response: keep its head and body, and read it as checks do. */
function observable(plan: RequestPlan): RequestPlan {
  plan.sendOptions = { ...plan.sendOptions, keepBody: true, keepHeaders: true };
  plan.statusOnly = false;
  return plan;
}
