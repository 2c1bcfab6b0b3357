// Contract of a run as seen by its callers (the CLI, the extension's engine host, tests).
// The master splits each stage across workers, merges their reports, and publishes a snapshot
// every second. Local workers are forked (or run in-process when workers = 0).
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Scenario } from '../../scenario/model';
import type { RunInputs } from '../inputs/runInputs';
import type { Logger } from '../log';
import type { RunOverrides } from '../../common/protocol/host';
import type { EventListeners } from '../events/listeners';

export type { RunOverrides } from '../../common/protocol/host';

export interface RunRequest {
  /** Path of the scenario file (for messages and relative output paths). */
  scenarioPath: string;
  /** Source text: sent to workers, which analyse it themselves. */
  source: string;
  /** The validated scenario (already checked: no errors). */
  scenario: Scenario;
  /** The person's changes (users, duration, workers, target, insecure, bind, token, ...). */
  overrides?: RunOverrides;
  /** What the run reads from outside the file: env values, secrets to mask, multipart files, data sets (engine/inputs). */
  inputs?: RunInputs;
  /** What to do when a worker goes missing. Default `rebalance`. */
  missingWorkerPolicy?: 'rebalance' | 'continue' | 'abort';
  onSnapshot?: (snapshot: RunSnapshot, point: HistoryPoint) => void;
  log?: Logger;
  /** The scenario's `events:` listeners, already open (the session opens them before any load). */
  events?: EventListeners;
}

export interface RunResult {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
  /** False when no worker ever started (nothing was measured: no table, no result files). */
  started: boolean;
  /** Set when the run could not complete (abort policy, no workers, ...). */
  error?: string;
  /** Workers whose final report never arrived: their last measurements are not in the results. */
  lost?: LostWorker[];
}

/** A worker that took part in the run but whose final report never reached the master. */
export interface LostWorker {
  workerId: string;
  host: string;
  pid: number;
  /** Why it went missing (silent, its process exited, ...). */
  why: string;
  /** One sentence for the person: which measurements are missing. */
  missing: string;
}

export interface RunHandle {
  /** Change the user count live (closed model), re-split across workers. */
  setUsers(users: number): void;
  /**
   * Stop early; resolves when every worker sent its final report (or was declared missing).
   * Requests in flight get the scenario's grace period (`load.gracefulStop`), unless `now`.
   */
  stop(options?: { now?: boolean }): Promise<void>;
  /** Resolves when the run has finished, by itself or after stop(). Never rejects. */
  readonly done: Promise<RunResult>;
}
