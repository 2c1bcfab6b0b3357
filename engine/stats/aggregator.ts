// The master side of the stats: merges every worker's interval reports exactly (counts added,
// histograms merged bucket by bucket, never percentiles averaged) and builds the stats part of a
// RunSnapshot. Each report's encoded histogram (non-zero buckets only) is added to its entry, to
// the aggregated total, and to both current windows, and kept until it leaves the window.
import type { EntryReport } from '../../common/protocol/engine';
import type { ErrorStats } from '../../common/snapshot';
import { EntryAggregate } from './entryAggregate';
import { Histogram } from './histogram';
import type { AggregatedStats, StatsAggregator } from './types';

export const AGGREGATED_NAME = 'Aggregated';

/** The wall-clock second an interval ended in (its latest per-second row), for the window. */
function lastSecond(e: EntryReport, fallback: number): number {
  let last = -Infinity;
  for (const row of e.perSecond) if (row[0] > last) last = row[0];
  return Number.isFinite(last) ? last : fallback;
}

export function createStatsAggregator(): StatsAggregator {
  const entries = new Map<string, Map<string, EntryAggregate>>();
  const total = new EntryAggregate(AGGREGATED_NAME, '');
  const errors = new Map<string, Map<string, Map<string, ErrorStats>>>();
  const intended = new Histogram();
  let arrival: { started: number; dropped: number } | undefined;
  let cancelledAtStop = 0;
  /** The second of the latest view: slices without per-second rows are keyed by it. */
  let lastViewSecond = 0;

  const entryFor = (name: string, method: string): EntryAggregate => {
    let methods = entries.get(name);
    if (!methods) entries.set(name, (methods = new Map()));
    let agg = methods.get(method);
    if (!agg) methods.set(method, (agg = new EntryAggregate(name, method)));
    return agg;
  };

  const addError = (e: ErrorStats): void => {
    let methods = errors.get(e.name);
    if (!methods) errors.set(e.name, (methods = new Map()));
    let byError = methods.get(e.method);
    if (!byError) methods.set(e.method, (byError = new Map()));
    const cur = byError.get(e.error);
    if (cur) cur.count += e.count;
    else byError.set(e.error, { name: e.name, method: e.method, error: e.error, count: e.count });
  };

  return {
    add(report) {
      for (const e of report.entries) {
        const encoded = typeof e.histogram === 'string' ? Buffer.from(e.histogram, 'base64') : e.histogram;
        const second = lastSecond(e, lastViewSecond);
        entryFor(e.name, e.method).add(e, encoded, second);
        total.add(e, encoded, second);
      }
      for (const e of report.errors) addError(e);
      cancelledAtStop += report.cancelledAtStop ?? 0;
      if (report.arrival) {
        arrival ??= { started: 0, dropped: 0 };
        arrival.started += report.arrival.started;
        arrival.dropped += report.arrival.dropped;
        intended.addEncoded(report.arrival.intendedHistogram);
      }
    },

    view(elapsedMs, nowMs): AggregatedStats {
      lastViewSecond = Math.floor(nowMs / 1000);
      const list: EntryAggregate[] = [];
      for (const methods of entries.values()) list.push(...methods.values());
      list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
      const errorList: ErrorStats[] = [];
      for (const methods of errors.values()) for (const byError of methods.values()) for (const e of byError.values()) errorList.push({ ...e });
      errorList.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.method.localeCompare(b.method) || a.error.localeCompare(b.error));
      const out: AggregatedStats = {
        total: total.view(elapsedMs, nowMs),
        entries: list.map((a) => a.view(elapsedMs, nowMs)),
        errors: errorList,
        cancelledAtStop,
      };
      if (arrival) {
        const [p50, p95, p99] = intended.percentiles([50, 95, 99]);
        out.arrival = { started: arrival.started, dropped: arrival.dropped, intended: { p50, p95, p99, max: intended.max } };
      }
      return out;
    },
  };
}
