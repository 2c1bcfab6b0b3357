// Contract between a worker and its load generator. The worker receives its share of each stage
// from the master and hands it here; the generator runs virtual users and records stats.
import type { MasterLoadMessage, StatsReport } from '../../common/protocol/engine';

// Distributive: `Omit` over a union would keep only the keys common to both models.
export type LoadShare = MasterLoadMessage extends infer M ? (M extends MasterLoadMessage ? Omit<M, 'kind'> : never) : never;

export interface LoadGenerator {
  /** Apply this worker's share of a stage: start or stop users (at spawnRate), or change the arrival rate. */
  setLoad(share: LoadShare): void;
  /** Users currently running. */
  readonly users: number;
  /** Stats since the last drain (the worker sends them as a report), then reset. */
  drain(final: boolean): StatsReport;
  /** Stop every user: no new requests; in-flight ones finish or time out. Resolves when all are done. */
  stop(): Promise<void>;
}
