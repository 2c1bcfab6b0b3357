// The JSON result file a run leaves in its results folder (engine/recorders/jsonRecorder.ts:
// `{ format: 'stampede-run/1', snapshot, history }`), checked before anything reads it: these files
// may come from a cloned repository, so a file that is not one, or a hand-edited one with missing
// numbers, is refused with where and what is wrong rather than shown as NaN. The one checker of the
// format: the panel's kept runs and `stampede compare`/`runs` both read through it. Pure.
import { isNumber, isObject, isString } from './is';
import type { HistoryPoint, RunSnapshot } from './snapshot';
import { printable } from './untrustedText';

export const RUN_FILE_FORMAT = 'stampede-run/1';

export interface RunFile {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
}

/** What a reader needs beyond the request figures (the panel: all of it; `compare`: none). */
export interface RunFileNeeds {
  /** The run id, scenario name and start time (to list and label the run). */
  identity: boolean;
  /** The chart history (to draw the run's lines). */
  history: boolean;
}

const PANEL_NEEDS: RunFileNeeds = { identity: true, history: true };

const isCount = (v: unknown): boolean => isNumber(v) && Number.isFinite(v) && v >= 0;

/** Why one entry (a request or the total) cannot be read, or undefined when it can. */
function entryProblem(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} is not an object`;
  if (!isString(v.name) || !isString(v.method)) return `${where} has no name and method`;
  for (const field of ['requests', 'failures', 'rps'] as const)
    if (!isCount(v[field])) return `${where}.${field} is not a number >= 0`;
  const p = v.percentiles;
  if (!isObject(p)) return `${where}.percentiles is missing`;
  for (const field of ['p50', 'p95', 'p99'] as const)
    if (!isCount(p[field])) return `${where}.percentiles.${field} is not a number >= 0`;
  return undefined;
}

function isPoint(v: unknown): boolean {
  return isObject(v) && isNumber(v.t) && isNumber(v.rps) && isNumber(v.p95) && isNumber(v.users);
}

/** The run in a parsed result file, or a sentence saying where and why it is not one. */
export function asRunFile(v: unknown, needs: RunFileNeeds = PANEL_NEEDS): RunFile | string {
  if (!isObject(v)) return 'not a run: its JSON is not an object';
  if (v.format !== RUN_FILE_FORMAT)
    return isString(v.format)
      ? `has format "${printable(v.format.slice(0, 40))}", not ${RUN_FILE_FORMAT}`
      : `not a Stampede result (no "format": "${RUN_FILE_FORMAT}")`;
  const s = v.snapshot;
  if (!isObject(s)) return '"snapshot" with its "entries" is missing';
  if (needs.identity && (!isString(s.runId) || !isString(s.scenario) || !isNumber(s.startedAt)))
    return 'its snapshot has no run id, scenario name or start time';
  if (!Array.isArray(s.entries)) return '"snapshot" with its "entries" is missing';
  const problem =
    entryProblem(s.total, 'snapshot.total') ??
    s.entries.map((e, i) => entryProblem(e, `snapshot.entries[${i}]`)).find((p) => p !== undefined);
  if (problem !== undefined) return problem;
  const snapshot = s as unknown as RunSnapshot;
  const points = Array.isArray(v.history) ? v.history : undefined;
  const bad = points === undefined ? -1 : points.findIndex((p) => !isPoint(p));
  if (points !== undefined && bad === -1) return { snapshot, history: points as HistoryPoint[] };
  if (needs.history) return `its chart history is incomplete${bad >= 0 ? ` (history[${bad}])` : ''}`;
  return { snapshot, history: [] };
}
