// Contract of a run as seen by its callers (the CLI, the extension's engine host, tests).
// The master splits each stage across workers, merges their reports, and publishes a snapshot
// every second. Local workers are forked (or run in-process when workers = 0).
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Scenario } from '../../scenario/model';
import type { RunInputs } from '../inputs/runInputs';
import type { Logger } from '../log';

export interface RunOverrides {
  /** Replace the load with one closed stage of this many users. */
  users?: number;
  /** Replace the run's duration (the last stage is cut or stretched). */
  durationMs?: number;
  /** Local worker processes; 0 = in-process; default: the scenario's `workers`, else auto (cores). */
  workers?: number;
}

export interface RunRequest {
  /** Path of the scenario file (for messages and relative output paths). */
  scenarioPath: string;
  /** Source text: sent to workers, which analyse it themselves. */
  source: string;
  /** The validated scenario (already checked: no errors). */
  scenario: Scenario;
  overrides?: RunOverrides;
  /** Overrides the scenario's `target` (e.g. the embedded demo target's URL). */
  target?: string;
  /** HTTPS accepts any certificate, whatever the scenario's `defaults.insecure` says. */
  insecure?: boolean;
  /** What the run reads from outside the file: env values, secrets to mask, multipart files (engine/inputs). */
  inputs?: RunInputs;
  /** ZeroMQ bind address for the master, default tcp://127.0.0.1:0 (a free port). */
  bind?: string;
  /** Required from workers when binding beyond loopback. */
  token?: string;
  /** `stampede master`: fork no local workers; wait for this many remote ones, then start. */
  expectWorkers?: number;
  heartbeatMs?: number;
  /** What to do when a worker goes missing. Default `rebalance`. */
  missingWorkerPolicy?: 'rebalance' | 'continue' | 'abort';
  onSnapshot?: (snapshot: RunSnapshot, point: HistoryPoint) => void;
  log?: Logger;
}

export interface RunResult {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
  /** Set when the run could not complete (abort policy, no workers, ...). */
  error?: string;
}

export interface RunHandle {
  /** Change the user count live (closed model), re-split across workers. */
  setUsers(users: number): void;
  /** Stop early; resolves when every worker sent its final report (or was declared missing). */
  stop(): Promise<void>;
  /** Resolves when the run has finished, by itself or after stop(). Never rejects. */
  readonly done: Promise<RunResult>;
}
