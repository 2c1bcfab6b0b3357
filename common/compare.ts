// Compares two runs' figures (pure: no I/O). Per request (matched by method and name) and for the
// total: requests/s, failure share and p50/p95/p99, each as base, new and the change. Requests in
// only one run are listed as added or removed, never compared with zeros. The one comparison of the
// project: `stampede compare` prints it, the panel's baseline (common/baseline.ts) adds verdicts.
import type { EntryStats } from './snapshot';

/** The figures compared for one request or for the total. */
export interface RunFigures {
  requests: number;
  failures: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface RunEntryFigures extends RunFigures {
  name: string;
  method: string;
}

/** One run as `compare` sees it, whatever file it came from. */
export interface ComparableRun {
  /** The total (aggregated) figures. */
  total: RunFigures;
  entries: RunEntryFigures[];
}

export const METRICS = ['rps', 'failures', 'p50', 'p95', 'p99'] as const;
export type Metric = (typeof METRICS)[number];

/** One metric in both runs. `failures` is the failure share in percent (0..100). */
export interface MetricDelta {
  base: number;
  new: number;
  /** new - base (percentage points for failures, ms for percentiles, req/s for rps). */
  change: number;
  /** change / base in percent; Infinity when base is 0 and new is not, 0 when both are 0. */
  relative: number;
}

export type FigureDeltas = Record<Metric, MetricDelta>;

export interface EntryComparison {
  name: string;
  method: string;
  deltas: FigureDeltas;
}

export interface Comparison {
  total: FigureDeltas;
  /** Requests in both runs, in the new run's order. */
  entries: EntryComparison[];
  /** Requests only in the new run / only in the base run. */
  added: RunEntryFigures[];
  removed: RunEntryFigures[];
}

/** The compared figures of one request (or the total) of a run snapshot. */
export function figuresOf(e: EntryStats): RunFigures {
  const { requests, failures, rps } = e;
  const { p50, p95, p99 } = e.percentiles;
  return { requests, failures, rps, p50, p95, p99 };
}

/** The failure share of a set of figures, in percent. */
export function failurePercent(f: RunFigures): number {
  return f.requests > 0 ? (f.failures / f.requests) * 100 : 0;
}

function metricValue(f: RunFigures, m: Metric): number {
  return m === 'failures' ? failurePercent(f) : f[m];
}

function delta(base: number, next: number): MetricDelta {
  const change = next - base;
  const relative = base === 0 ? (next === 0 ? 0 : Infinity * Math.sign(next)) : (change / base) * 100;
  return { base, new: next, change, relative };
}

export function compareFigures(base: RunFigures, next: RunFigures): FigureDeltas {
  const out = {} as FigureDeltas;
  for (const m of METRICS) out[m] = delta(metricValue(base, m), metricValue(next, m));
  return out;
}

const keyOf = (e: { method: string; name: string }): string => `${e.method} ${e.name}`;

export function compareRuns(base: ComparableRun, next: ComparableRun): Comparison {
  const baseByKey = new Map(base.entries.map((e) => [keyOf(e), e]));
  const nextKeys = new Set(next.entries.map(keyOf));
  const entries: EntryComparison[] = [];
  const added: RunEntryFigures[] = [];
  for (const e of next.entries) {
    const b = baseByKey.get(keyOf(e));
    if (b === undefined) added.push(e);
    else entries.push({ name: e.name, method: e.method, deltas: compareFigures(b, e) });
  }
  const removed = base.entries.filter((e) => !nextKeys.has(keyOf(e)));
  return { total: compareFigures(base.total, next.total), entries, added, removed };
}
