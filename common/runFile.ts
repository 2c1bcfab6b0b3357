// The JSON result file a run leaves in its results folder (engine/recorders/jsonRecorder.ts:
// `{ format: 'stampede-run/1', snapshot, history }`), checked before anything reads it: these files
// may come from a cloned repository, so a file that is not one, or a hand-edited one with missing
// numbers, is refused rather than shown as NaN. Pure.
import { isNumber, isObject, isString } from './is';
import type { HistoryPoint, RunSnapshot } from './snapshot';

export const RUN_FILE_FORMAT = 'stampede-run/1';

export interface RunFile {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
}

function isEntry(v: unknown): boolean {
  if (!isObject(v)) return false;
  const p = v.percentiles;
  return (
    isString(v.name) &&
    isString(v.method) &&
    isNumber(v.requests) &&
    isNumber(v.failures) &&
    isNumber(v.rps) &&
    isObject(p) &&
    isNumber(p.p50) &&
    isNumber(p.p95) &&
    isNumber(p.p99)
  );
}

function isPoint(v: unknown): boolean {
  return isObject(v) && isNumber(v.t) && isNumber(v.rps) && isNumber(v.p95) && isNumber(v.users);
}

/** The run in a parsed result file, or a sentence saying why it is not one. */
export function asRunFile(v: unknown): RunFile | string {
  if (!isObject(v) || v.format !== RUN_FILE_FORMAT)
    return `not a Stampede result (no "format": "${RUN_FILE_FORMAT}")`;
  const s = v.snapshot;
  if (!isObject(s) || !isString(s.runId) || !isString(s.scenario) || !isNumber(s.startedAt))
    return 'its snapshot has no run id, scenario name or start time';
  if (!isEntry(s.total) || !Array.isArray(s.entries) || !s.entries.every(isEntry))
    return 'its request statistics are incomplete';
  if (!Array.isArray(v.history) || !v.history.every(isPoint)) return 'its chart history is incomplete';
  return { snapshot: s as unknown as RunSnapshot, history: v.history as HistoryPoint[] };
}
