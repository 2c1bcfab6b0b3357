// Contract between a worker and its load generator. The worker receives its share of each stage
// from the master and hands it here; the generator runs virtual users and records stats.
import type { StageSchedule, StatsReport, WorkerSegment } from '../../common/protocol/engine';
import type { Scenario } from '../../scenario/model';
import type { Logger } from '../log';
import type { StatsCollector } from '../stats/types';
import type { TrackerSet } from '../trackers/types';
import type { RunFiles } from './bodies';
import type { DataRows } from '../data/workerData';

/**
 * A worker's share of a stage: a load message without its `kind`. `kinds` and `segment` may be
 * left out by callers that run alone (tests, one worker): the share is then users 0..n-1 of the run.
 */
export type LoadShare =
  | {
      model: 'closed';
      stage: number;
      users: number;
      spawnRate: number;
      kinds?: number[];
      segment?: WorkerSegment;
    }
  | {
      model: 'open';
      stage: number;
      arrivalRate: number;
      maxUsers: number;
      segment?: WorkerSegment;
      /** The stage's whole schedule (the master's); absent: this share alone, from now, no end. */
      schedule?: StageSchedule;
    };

export interface LoadGenerator {
  /** Apply this worker's share of a stage: start or stop users (at spawnRate), or change the arrival rate. */
  setLoad(share: LoadShare): void;
  /** Users currently running. */
  readonly users: number;
  /** Stats since the last drain (the worker sends them as a report), then reset. */
  drain(final: boolean): StatsReport;
  /**
   * Stop every user: no new request starts; requests in flight may finish within `graceMs`
   * (default: no limit but their timeout), then are cancelled and counted as cancelled at stop.
   * Calling it again with a shorter grace shortens the wait. Resolves when every user has ended.
   * `planEnded`: the plan ran to its end, so the open model first starts (or drops) the rest of
   * this share's arrivals, still within the grace period.
   */
  stop(graceMs?: number, options?: { planEnded?: boolean }): Promise<void>;
  /**
   * The generator's own load since the previous call: CPU of this process as a fraction of one
   * core, and the event loop's delay (p99, ms). For heartbeats and reports.
   */
  health?(): { cpu: number; loopDelayMs: number };
}

/** What createLoadGenerator needs (engine/runner/index.ts). */
export interface LoadGeneratorOptions {
  scenario: Scenario;
  /** Overrides scenario.target (e.g. the embedded demo target's URL). */
  target?: string;
  runId: string;
  stats: StatsCollector;
  trackers: TrackerSet;
  log: Logger;
  /** HTTPS: accept self-signed certificates. Default false. */
  insecure?: boolean;
  /** Values of `{{ env.NAME }}` resolved by the master (default: the scenario's `env:`). */
  env?: Readonly<Record<string, string>>;
  /** Multipart files read by the master: path as written -> bytes. */
  files?: RunFiles;
  /** Rows of the scenario's `data:` sets, sent by the master (engine/data/workerData.ts). */
  data?: DataRows;
  /** The values of the scenario's `secrets:`: failure samples show them as `***`. */
  secrets?: readonly string[];
}
