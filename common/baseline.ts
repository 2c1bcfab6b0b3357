// A run compared with an earlier one (the baseline the person picked in the panel): per request and
// for the total, requests/s, failure share and p50/p95/p99, each with its change and whether that
// change is better, worse or within noise. The changes are `common/compare.ts`'s (the one comparison,
// also printed by `stampede compare`); this adds the verdicts. Computed by the extension host from
// two snapshots and sent to the panel, which only renders it. Pure.
import { compareFigures, figuresOf, type MetricDelta as Delta } from './compare';
import type { EntryStats, RunSnapshot } from './snapshot';

export type Verdict = 'better' | 'worse' | 'same';

export interface MetricDelta {
  base: number;
  current: number;
  /** current - base, in the metric's unit (ms, requests/s, or a fraction 0..1 for failures). */
  change: number;
  /** change / base; undefined when the base is 0. */
  relative?: number;
  verdict: Verdict;
}

export interface EntryComparison {
  name: string;
  method: string;
  rps: MetricDelta;
  /** The failure share, a fraction 0..1 (its change reads in percentage points). */
  failures: MetricDelta;
  p50: MetricDelta;
  p95: MetricDelta;
  p99: MetricDelta;
}

export interface RunComparison {
  /** Requests present in both runs, in the current run's order. */
  entries: EntryComparison[];
  total: EntryComparison;
  /** Requests of one run only (`METHOD name`): renamed, added or removed since the baseline. */
  onlyInBase: string[];
  onlyInCurrent: string[];
}

/**
 * Changes smaller than this are noise, not a verdict: 5 % for requests/s and latency (two runs of
 * the same code on a busy machine differ that much), 0.1 percentage point for the failure share.
 */
export const SAME_RELATIVE = 0.05;
export const SAME_FAILURE_POINTS = 0.001;

/** A metric's change from `common/compare.ts` with the panel's units and a verdict. */
function judged(d: Delta, higherIsBetter: boolean, same: (d: MetricDelta) => boolean, scale = 1): MetricDelta {
  const m: MetricDelta = {
    base: d.base / scale,
    current: d.new / scale,
    change: d.change / scale,
    verdict: 'same',
  };
  if (d.base !== 0) m.relative = d.relative / 100;
  if (!same(m)) m.verdict = m.change > 0 === higherIsBetter ? 'better' : 'worse';
  return m;
}

const relativeNoise = (d: MetricDelta): boolean =>
  d.change === 0 || (d.relative !== undefined && Math.abs(d.relative) < SAME_RELATIVE);

export function compareEntry(current: EntryStats, base: EntryStats): EntryComparison {
  const d = compareFigures(figuresOf(base), figuresOf(current));
  return {
    name: current.name,
    method: current.method,
    rps: judged(d.rps, true, relativeNoise),
    // compare.ts reads the failure share in percent; the panel formats a fraction.
    failures: judged(d.failures, false, (m) => Math.abs(m.change) < SAME_FAILURE_POINTS, 100),
    p50: judged(d.p50, false, relativeNoise),
    p95: judged(d.p95, false, relativeNoise),
    p99: judged(d.p99, false, relativeNoise),
  };
}

const keyOf = (e: { method: string; name: string }): string => `${e.method} ${e.name}`;

/** The current run against the baseline, request by request (matched by method and name) and in total. */
export function compareRuns(current: RunSnapshot, base: RunSnapshot): RunComparison {
  const baseEntries = new Map(base.entries.map((e) => [keyOf(e), e]));
  const currentKeys = new Set(current.entries.map(keyOf));
  const entries: EntryComparison[] = [];
  const onlyInCurrent: string[] = [];
  for (const e of current.entries) {
    const b = baseEntries.get(keyOf(e));
    if (b) entries.push(compareEntry(e, b));
    else onlyInCurrent.push(keyOf(e));
  }
  return {
    entries,
    total: compareEntry(current.total, base.total),
    onlyInBase: base.entries.map(keyOf).filter((k) => !currentKeys.has(k)),
    onlyInCurrent,
  };
}
