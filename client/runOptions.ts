// What a run is started with: the person's settings merged with the per-run choices of
// "Run Scenario With Options...". Pure (no vscode), so parsing and merging are unit-tested.
import type { RunOverrides } from '../common/protocol/host';
import { durationToMs } from '../scenario/durations';

/** The `stampede.*` settings, already read from the configuration. */
export interface StampedeSettings {
  workers: number | null;
  bindAddress: string;
  heartbeatMs: number;
  resultsFolder: string;
  useDemoTarget: boolean;
  /** A .env file for `{{ env.NAME }}` values (empty: none); relative to the workspace folder. */
  envFile: string;
}

/** Per-run choices; an absent field keeps the scenario's (or the setting's) value. */
export interface RunChoices {
  users?: number;
  durationMs?: number;
  workers?: number;
  demoTarget?: boolean;
}

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; error: string };

const MAX_USERS = 1_000_000;
const MAX_WORKERS = 256;

/** Users: a whole number from 1; empty keeps the scenario's load. */
export function parseUsers(text: string): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  if (!/^\d+$/.test(t)) return { ok: false, error: `"${t}" is not a whole number of users, e.g. 50.` };
  const n = Number(t);
  if (n < 1 || n > MAX_USERS)
    return { ok: false, error: `Users must be between 1 and ${MAX_USERS.toLocaleString('en-US')}.` };
  return { ok: true, value: n };
}

/** Duration as the scenario language writes it (`250ms`, `30s`, `2m`, `1h`, `1m30s`); empty keeps the scenario's. */
export function parseDuration(text: string): Parsed<number> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const ms = durationToMs(t);
  if (ms === undefined) {
    return {
      ok: false,
      error: `"${t}" is not a duration. Write a number with a unit: 250ms, 30s, 2m, 1h (or 1m30s).`,
    };
  }
  if (ms < 1000) return { ok: false, error: 'A run lasts at least 1s.' };
  return { ok: true, value: Math.round(ms) };
}

/** Workers: `auto`/empty (default), or 0 (in the engine process) up to 256 local processes. */
export function parseWorkers(text: string): Parsed<number> {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'auto') return { ok: true, value: undefined };
  if (!/^\d+$/.test(t))
    return { ok: false, error: `"${t}" is not a worker count: write 0 to ${MAX_WORKERS}, or auto.` };
  const n = Number(t);
  if (n > MAX_WORKERS) return { ok: false, error: `At most ${MAX_WORKERS} local workers.` };
  return { ok: true, value: n };
}

/** For an input box's `validateInput`: the error, or undefined when the text is fine. */
export function validationMessage<T>(parsed: Parsed<T>): string | undefined {
  return parsed.ok ? undefined : parsed.error;
}

/**
 * The options sent to the engine: per-run choices win over settings, settings over the scenario.
 * `resultsFolder` is resolved against the scenario's folder by the caller (it knows the paths);
 * an empty one is left out so the scenario's `output` decides.
 */
export function buildRunOptions(
  settings: StampedeSettings,
  choices: RunChoices = {},
  resultsDir?: string,
  envFile?: string,
): RunOverrides {
  const options: RunOverrides = {
    bind: settings.bindAddress.trim() || undefined,
    heartbeatMs: settings.heartbeatMs,
  };
  const workers = choices.workers ?? settings.workers ?? undefined;
  if (workers !== undefined) options.workers = workers;
  if (choices.users !== undefined) options.users = choices.users;
  if (choices.durationMs !== undefined) options.durationMs = choices.durationMs;
  if (resultsDir) options.resultsDir = resultsDir;
  if (envFile) options.envFile = envFile;
  if (choices.demoTarget ?? settings.useDemoTarget) options.demoTarget = true;
  if (options.bind === undefined) delete options.bind;
  return options;
}

/** A one-line description of the options for the output channel, e.g. `users=50, workers=2`. */
export function describeOptions(o: RunOverrides): string {
  const parts: string[] = [];
  if (o.users !== undefined) parts.push(`users=${o.users}`);
  if (o.durationMs !== undefined) parts.push(`duration=${o.durationMs / 1000}s`);
  parts.push(`workers=${o.workers ?? 'auto'}`);
  if (o.demoTarget) parts.push('demo target');
  if (o.bind) parts.push(`bind=${o.bind}`);
  return parts.join(', ');
}
