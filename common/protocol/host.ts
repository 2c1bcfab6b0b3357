// Messages between the VS Code extension host and the engine process it forks (Node IPC channel,
// `process.send`). The engine process runs the master; the master forks its local workers.
import type { HistoryPoint, RunSnapshot } from '../snapshot';
import { hasKind } from '../is';

export interface RunOptions {
  users?: number;
  durationMs?: number;
  workers?: number;
  bind?: string;
  heartbeatMs?: number;
  resultsDir?: string;
  /** Start the embedded demo target and point the scenario at it. */
  demoTarget?: boolean;
  /** `stampede.envFile`: a .env file whose values win over the environment (like `--env-file`). */
  envFile?: string;
}

/** Extension -> engine. */
export type HostToEngine =
  | { kind: 'start'; file: string; source: string; options: RunOptions }
  | { kind: 'setUsers'; users: number }
  | { kind: 'stop' };

/** Engine -> extension. */
export type EngineToHost =
  /** Once per second while running, and once more when stopped. */
  | { kind: 'snapshot'; snapshot: RunSnapshot; point: HistoryPoint }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** The run ended; `exitCode` follows the CLI's table (0 ok, 1 thresholds, 2 input, 3 runtime). */
  | { kind: 'finished'; exitCode: number; message: string; resultFiles: string[] };

export function asHostToEngine(v: unknown): HostToEngine | undefined {
  return hasKind(v, ['start', 'setUsers', 'stop'] as const) ? (v as unknown as HostToEngine) : undefined;
}
export function asEngineToHost(v: unknown): EngineToHost | undefined {
  return hasKind(v, ['snapshot', 'log', 'finished'] as const) ? (v as unknown as EngineToHost) : undefined;
}
