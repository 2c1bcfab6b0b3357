// Pass/fail criteria evaluated on the master's merged snapshot (k6's thresholds). A run with a
// failed threshold exits with code 1. Only merged numbers are used: nothing here is averaged.
import type { EntryStats, RunSnapshot, ThresholdResult } from '../../common/snapshot';
import type { ThresholdMetric, ThresholdSpec } from '../../scenario/model';
import { TIME_METRICS as TIME_METRIC_NAMES } from '../../scenario/thresholds';

const TIME_METRICS = new Set<ThresholdMetric>(TIME_METRIC_NAMES);

function timeValue(e: EntryStats, metric: ThresholdMetric): number {
  if (metric === 'max') return e.maxMs;
  if (metric === 'min') return e.minMs;
  if (metric === 'mean') return e.meanMs;
  return e.percentiles[metric as keyof EntryStats['percentiles']];
}

/** Count-like metrics of one or more entries (several entries may share a name with different methods). */
function countValue(es: EntryStats[], spec: ThresholdSpec): number {
  const requests = es.reduce((n, e) => n + e.requests, 0);
  if (spec.metric === 'requests') return requests;
  if (spec.metric === 'rps') return es.reduce((n, e) => n + e.rps, 0);
  const failures = es.reduce((n, e) => n + e.failures, 0);
  if (spec.unit === '%') return requests > 0 ? (100 * failures) / requests : 0;
  return failures;
}

/**
 * `p95[job latency] < 2s`: the tracker's figure must hold in every stage that measured something
 * (the worst stage is reported). A tracker that paired nothing fails, with the reason.
 */
function trackerThreshold(spec: ThresholdSpec, snapshot: RunSnapshot): ThresholdResult {
  const rows = snapshot.trackers.filter((t) => t.metric === spec.entry && t.count > 0);
  if (rows.length === 0)
    return {
      source: `${spec.source} (tracker "${spec.entry}" measured nothing)`,
      ok: false,
      actual: Number.NaN,
    };
  const metric = spec.metric as 'p50' | 'p90' | 'p95' | 'p99' | 'min' | 'mean' | 'max';
  const values = rows.map((t) => t[metric]);
  return everyHolds(spec, values);
}

/** A time threshold over several values (entries, or stages): each must hold; the worst is reported. */
function everyHolds(spec: ThresholdSpec, values: number[]): ThresholdResult {
  const upperBound = spec.op === '<' || spec.op === '<=';
  const actual = upperBound ? Math.max(...values) : Math.min(...values);
  return { source: spec.source, ok: values.every((v) => compare(v, spec.op, spec.value)), actual };
}

function compare(actual: number, op: ThresholdSpec['op'], value: number): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
  }
}

/**
 * Evaluates every threshold. `failures < 1%` is the failure ratio of all requests in percent;
 * `failures < 10` a count. `p95[login] < 200ms` looks at the entries named `login` only: a time
 * metric must hold for each of them (the worst one is reported), counts are summed. A threshold
 * naming an entry that never ran fails, with NaN as its value and the reason in its source.
 */
export function evaluateThresholds(specs: ThresholdSpec[], snapshot: RunSnapshot): ThresholdResult[] {
  return specs.map((spec): ThresholdResult => {
    if (spec.tracker) return trackerThreshold(spec, snapshot);
    const scope =
      spec.entry === undefined ? [snapshot.total] : snapshot.entries.filter((e) => e.name === spec.entry);
    if (scope.length === 0) {
      return {
        source: `${spec.source} (no request named "${spec.entry}" ran)`,
        ok: false,
        actual: Number.NaN,
      };
    }
    if (!TIME_METRICS.has(spec.metric)) {
      const actual = countValue(scope, spec);
      return { source: spec.source, ok: compare(actual, spec.op, spec.value), actual };
    }
    return everyHolds(
      spec,
      scope.map((e) => timeValue(e, spec.metric)),
    );
  });
}
