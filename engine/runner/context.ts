// What every virtual user of one load generator shares: the compiled request plans, the stats
// and trackers, and the current stage.
import type { RequestStep, Scenario, Task, UserKind } from '../../scenario/model';
import type { ConnectionOptions, Origin } from '../http/index';
import type { Logger } from '../log';
import type { StatsCollector } from '../stats/types';
import type { EngineEvent, TraceIds, TrackerSet } from '../trackers/types';
import { compileRequest, type RequestPlan } from './requestPlan';
import { RandomPicker } from './weights';

export interface RunContext {
  scenario: Scenario;
  runId: string;
  stats: StatsCollector;
  trackers: TrackerSet;
  /** trackers.enabled, read once: when false no event objects are built at all. */
  events: boolean;
  log: Logger;
  connection: ConnectionOptions;
  /** The run's environment: what `{{ env.NAME }}` reads. */
  env: ReadonlyMap<string, string>;
  /** The stage the generator is in (trace id of every event). */
  stage: number;
  plan(step: RequestStep): RequestPlan;
  taskPicker(kind: UserKind): RandomPicker<Task>;
  trace(user: number, iteration: number): TraceIds;
  emit(event: EngineEvent): void;
}

export function createRunContext(opts: {
  scenario: Scenario;
  target: Origin | undefined;
  runId: string;
  stats: StatsCollector;
  trackers: TrackerSet;
  log: Logger;
  connection?: ConnectionOptions;
  /**
   * The run's environment values (`{{ env.NAME }}`), empty when not given. The seam with the
   * environment feature: it fills this map (and passes the names to analyzeScenario's
   * templateRoots so `check` stops warning).
   */
  env?: ReadonlyMap<string, string>;
}): RunContext {
  const env = opts.env ?? new Map<string, string>();
  const plans = new Map<RequestStep, RequestPlan>();
  const pickers = new Map<UserKind, RandomPicker<Task>>();
  for (const kind of opts.scenario.users) {
    pickers.set(kind, new RandomPicker(kind.tasks, (t) => t.weight));
    for (const steps of [...kind.tasks.map((t) => t.steps), ...kind.loops.map((l) => l.steps)]) {
      for (const step of steps) {
        if (step.kind === 'request' && !plans.has(step)) {
          plans.set(step, compileRequest(step, opts.scenario, opts.target, opts.stats, opts.trackers, env));
        }
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
    env,
    stage: 0,
    plan(step) {
      let p = plans.get(step);
      if (p === undefined)
        plans.set(
          step,
          (p = compileRequest(step, opts.scenario, opts.target, opts.stats, opts.trackers, env)),
        );
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
  };
  return ctx;
}
