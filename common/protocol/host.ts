// Messages between the VS Code extension host and the engine process it forks (Node IPC channel,
// `process.send`). The engine process runs the master; the master forks its local workers.
import type { HistoryPoint, RunSnapshot } from '../snapshot';
import { hasKind, isBoolean, isNumber, isObject, isString } from '../is';

/**
 * What a person may change about a run without editing the scenario. The CLI's flags and the
 * editor's run options fill this one type, and `runSession` (engine/session) reads it, so the two
 * front ends cannot drift apart.
 */
export interface RunOverrides {
  /** Replace the load with one closed stage of this many users. */
  users?: number;
  /** Replace the run's duration (the last stage is cut or stretched). */
  durationMs?: number;
  /** Local worker processes; 0 = in-process; default: the scenario's `workers`, else auto (cores). */
  workers?: number;
  /** Replace the scenario's `target`. */
  target?: string;
  /** Start the embedded demo target and point the scenario at it (also when the scenario has no target). */
  demoTarget?: boolean;
  /** `stampede.envFile`: a .env file whose values win over the environment (like `--env-file`). */
  envFile?: string;
  /** HTTPS accepts any certificate, whatever the scenario's `defaults.insecure` says. */
  insecure?: boolean;
  /** Results folder: relative output paths resolve against it; no `output` writes JSON, CSV, HTML there. */
  resultsDir?: string;
  /** False: write no result files (quick runs). Default true. */
  record?: boolean;
  /** ZeroMQ bind address for the master, default tcp://127.0.0.1:0 (a free port). */
  bind?: string;
  /** Required from workers when binding beyond loopback. */
  token?: string;
  /** `stampede master`: fork no local workers; wait for this many remote ones, then start. */
  expectWorkers?: number;
  heartbeatMs?: number;
}

/** Extension -> engine. */
export type HostToEngine =
  | { kind: 'start'; file: string; source: string; options: RunOverrides }
  | { kind: 'setUsers'; users: number }
  | { kind: 'stop' };

/** Engine -> extension. */
export type EngineToHost =
  /** Once per second while running, and once more when stopped. */
  | { kind: 'snapshot'; snapshot: RunSnapshot; point: HistoryPoint }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** The run ended; `exitCode` follows the CLI's table (0 ok, 1 thresholds, 2 input, 3 runtime). */
  | { kind: 'finished'; exitCode: number; message: string; resultFiles: string[] };

const overrideTypes: Record<keyof RunOverrides, (v: unknown) => boolean> = {
  users: isNumber,
  envFile: isString,
  durationMs: isNumber,
  workers: isNumber,
  target: isString,
  demoTarget: isBoolean,
  insecure: isBoolean,
  resultsDir: isString,
  record: isBoolean,
  bind: isString,
  token: isString,
  expectWorkers: isNumber,
  heartbeatMs: isNumber,
};

/** Every field present has its type; unknown fields are refused (a newer extension, an older engine). */
export function isRunOverrides(v: unknown): v is RunOverrides {
  if (!isObject(v)) return false;
  return Object.entries(v).every(([key, value]) => {
    const check = overrideTypes[key as keyof RunOverrides] as ((v: unknown) => boolean) | undefined;
    return check !== undefined && (value === undefined || check(value));
  });
}

/** Checks the fields the engine process reads; anything else is undefined (logged, dropped). */
export function asHostToEngine(v: unknown): HostToEngine | undefined {
  if (!hasKind(v, ['start', 'setUsers', 'stop'] as const)) return undefined;
  if (v.kind === 'start' && !(isString(v.file) && isString(v.source) && isRunOverrides(v.options)))
    return undefined;
  if (v.kind === 'setUsers' && !isNumber(v.users)) return undefined;
  return v as unknown as HostToEngine;
}

/** Checks the fields the extension reads. */
export function asEngineToHost(v: unknown): EngineToHost | undefined {
  if (!hasKind(v, ['snapshot', 'log', 'finished'] as const)) return undefined;
  if (v.kind === 'snapshot' && !(isObject(v.snapshot) && isObject(v.point))) return undefined;
  if (v.kind === 'log' && !(isString(v.message) && ['info', 'warn', 'error'].includes(v.level as string)))
    return undefined;
  if (v.kind === 'finished' && !(isNumber(v.exitCode) && isString(v.message) && Array.isArray(v.resultFiles)))
    return undefined;
  return v as unknown as EngineToHost;
}
