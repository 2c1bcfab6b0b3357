// What a worker needs from the language, stats, trackers and runner modules, behind one seam so
// tests can inject fakes (and so the worker's protocol logic does not care how load is made).
import type { Analysis } from '../../scenario/index';
import { analyzeScenario } from '../../scenario/index';
import type { Scenario, TrackerSpec } from '../../scenario/model';
import type { Logger } from '../log';
import type { LoadGenerator } from '../runner/types';
import type { StatsCollector } from '../stats/types';
import type { TrackerSet } from '../trackers/types';
import { createStatsCollector } from '../stats/collector';
import { createTrackerSet } from '../trackers/index';
import { createLoadGenerator } from '../runner/index';
import type { DataRows } from '../data/workerData';

export interface GeneratorContext {
  scenario: Scenario;
  /** Target override from the master (e.g. the demo target). */
  target?: string;
  /** HTTPS accepts any certificate (override from the master). */
  insecure?: boolean;
  /** `{{ env.NAME }}` values and multipart files, from the master's start message. */
  env?: Record<string, string>;
  files?: Record<string, Uint8Array>;
  /** Rows of the `data:` sets as the master sends them. */
  data?: DataRows;
  /** The values of the scenario's `secrets:` (masked in failure samples). */
  secrets?: readonly string[];
  collector: StatsCollector;
  trackers: TrackerSet;
  runId: string;
  workerId: string;
  log: Logger;
}

export interface WorkerDeps {
  analyze(source: string): Analysis;
  createCollector(): StatsCollector;
  createTrackerSet(specs: TrackerSpec[], ids: { runId: string; workerId: string }): TrackerSet;
  createLoadGenerator(ctx: GeneratorContext): LoadGenerator;
}

export const defaultWorkerDeps: WorkerDeps = {
  analyze: analyzeScenario,
  createCollector: () => createStatsCollector(),
  createTrackerSet: (specs, ids) => createTrackerSet(specs, ids),
  createLoadGenerator: (ctx) =>
    createLoadGenerator({
      scenario: ctx.scenario,
      target: ctx.target,
      insecure: ctx.insecure,
      env: ctx.env,
      files: ctx.files && new Map(Object.entries(ctx.files)),
      data: ctx.data,
      secrets: ctx.secrets,
      runId: ctx.runId,
      stats: ctx.collector,
      trackers: ctx.trackers,
      log: ctx.log,
    }),
};
