// Contract between a worker and its load generator. The worker receives its share of each stage
// from the master and hands it here; the generator runs virtual users and records stats.
import type { MasterLoadMessage, StatsReport } from '../../common/protocol/engine';
import type { Scenario } from '../../scenario/model';
import type { Logger } from '../log';
import type { StatsCollector } from '../stats/types';
import type { TrackerSet } from '../trackers/types';

/** A load message without its `kind` (distributed over the union, so `model` still discriminates). */
export type LoadShare = MasterLoadMessage extends infer M
  ? M extends MasterLoadMessage
    ? Omit<M, 'kind'>
    : never
  : never;

export interface LoadGenerator {
  /** Apply this worker's share of a stage: start or stop users (at spawnRate), or change the arrival rate. */
  setLoad(share: LoadShare): void;
  /** Users currently running. */
  readonly users: number;
  /** Stats since the last drain (the worker sends them as a report), then reset. */
  drain(final: boolean): StatsReport;
  /** Stop every user: no new requests; in-flight ones finish or time out. Resolves when all are done. */
  stop(): Promise<void>;
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
  workerIndex: number;
  workerCount: number;
  stats: StatsCollector;
  trackers: TrackerSet;
  log: Logger;
  /** HTTPS: accept self-signed certificates. Default false. */
  insecure?: boolean;
  /** The run's environment (`{{ env.NAME }}`); empty when not given. */
  env?: ReadonlyMap<string, string>;
}
