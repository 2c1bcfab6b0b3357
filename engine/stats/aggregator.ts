// The master side of the stats: merges every worker's interval reports exactly (counts added,
// histograms merged bucket by bucket, never percentiles averaged) and builds the stats part of a
// RunSnapshot. Each report's encoded histogram (non-zero buckets only) is added to its entry and
// the entry's current window, and kept until it leaves the window; the aggregated total's
// histograms are the sum of the entries', built once per view.
import { SAMPLE_LIMITS, type SampleReport } from '../../common/protocol/engine';
import type { ErrorStats, FailureSample } from '../../common/snapshot';
import { EntryAggregate, wholeSecondsBefore } from './entryAggregate';
import type { RateCoverage } from './entryAggregate';
import { EntryTable } from './entryTable';
import { Histogram } from './histogram';
import type { AggregatedStats, StatsAggregator } from './types';
import { toWireStats } from './wireStats';

export const AGGREGATED_NAME = 'Aggregated';
/** A source that has not reported for this long (stopped or missing) no longer holds rates back. */
const STALE_SOURCE_MS = 3000;

/** The wall-clock second an interval ended in (its latest per-second row), for the window. */
function lastSecond(perSecond: readonly number[], fallback: number): number {
  let last = -Infinity;
  for (let k = 0; k < perSecond.length; k += 3) if (perSecond[k] > last) last = perSecond[k];
  return Number.isFinite(last) ? last : fallback;
}

/**
 * `table` is the scenario's request table (EntryTable.forScenario): the master's checks have
 * made sure every index a report names is in it. `add` (drained, named reports) adds a name
 * new to the table at its end.
 */
export function createStatsAggregator(table: EntryTable = new EntryTable()): StatsAggregator {
  /** By the entry's index in the table. */
  const entries: Array<EntryAggregate | undefined> = [];
  const total = new EntryAggregate(AGGREGATED_NAME, '');
  /** By the entry's index, then the error text. */
  const errors: Array<Map<string, ErrorStats> | undefined> = [];
  const intended = new Histogram();
  let arrival: { started: number; dropped: number } | undefined;
  let cancelledAtStop = 0;
  /** Failure samples by error row (`method name error`), first come first kept, bounded as on a worker. */
  const samples = new Map<string, FailureSample[]>();
  let samplesKept = 0;
  /** The second of the latest view: slices without per-second rows are keyed by it. */
  let lastViewSecond = 0;
  /** Per report source (worker): the end of its latest interval, epoch ms of its clock. */
  const reportedUntil = new Map<string, number>();
  let loadSinceMs = Infinity;

  /**
   * Seconds before the returned time are complete: every source that reported lately has reported
   * past them. A source silent for STALE_SOURCE_MS (stopped, or missing) no longer holds rates back.
   */
  const coverage = (nowMs: number, elapsedMs: number): RateCoverage => {
    if (reportedUntil.size === 0) return wholeSecondsBefore(nowMs, elapsedMs);
    let fresh = Infinity;
    let latest = -Infinity;
    for (const until of reportedUntil.values()) {
      latest = Math.max(latest, until);
      if (until >= nowMs - STALE_SOURCE_MS) fresh = Math.min(fresh, until);
    }
    // Every source silent: nothing is arriving, so the seconds before now held no requests.
    const untilMs = Number.isFinite(fresh) ? fresh : Math.max(latest, Math.floor(nowMs / 1000) * 1000);
    return { untilMs, loadSinceMs: Math.min(loadSinceMs, nowMs) };
  };

  const named = (index: number) => {
    const name = table.at(index);
    // The master's report checks refuse an index past the table before anything is merged.
    if (!name) throw new Error(`entry ${index} is not in the scenario's request table of ${table.size}`);
    return name;
  };
  const entryAt = (index: number): EntryAggregate => {
    let agg = entries[index];
    if (!agg) {
      const { name, method } = named(index);
      entries[index] = agg = new EntryAggregate(name, method);
    }
    return agg;
  };

  const addError = (index: number, error: string, count: number): void => {
    let byError = errors[index];
    if (!byError) errors[index] = byError = new Map();
    const cur = byError.get(error);
    if (cur) cur.count += count;
    else {
      const { name, method } = named(index);
      byError.set(error, { name, method, error, count });
    }
  };

  const sampleKey = (name: string, method: string, error: string): string => `${method}\0${name}\0${error}`;
  const addSample = ({ name, method, ...sample }: SampleReport): void => {
    if (samplesKept >= SAMPLE_LIMITS.perRun) return;
    const key = sampleKey(name, method, sample.error);
    let list = samples.get(key);
    if (!list) samples.set(key, (list = []));
    if (list.length >= SAMPLE_LIMITS.perKey) return;
    list.push(sample);
    samplesKept++;
  };

  const aggregator: StatsAggregator = {
    add(report, source = '') {
      aggregator.addWire(toWireStats(report, table), source);
    },

    addWire(report, source = '') {
      if (report.intervalEndMs !== undefined) {
        reportedUntil.set(source, Math.max(reportedUntil.get(source) ?? -Infinity, report.intervalEndMs));
        loadSinceMs = Math.min(loadSinceMs, report.intervalStartMs ?? report.intervalEndMs);
      }
      for (const e of report.entries) {
        const second = lastSecond(e[8], lastViewSecond);
        entryAt(e[0]).add(e, second);
        total.addCounts(e);
      }
      for (const [index, error, count] of report.errors) addError(index, error, count);
      for (const sample of report.samples ?? []) addSample(sample);
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
      const list = entries.filter((a): a is EntryAggregate => a !== undefined);
      list.sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0,
      );
      const errorList: ErrorStats[] = [];
      for (const byError of errors)
        if (byError)
          for (const e of byError.values()) {
            const kept = samples.get(sampleKey(e.name, e.method, e.error));
            errorList.push(kept ? { ...e, samples: [...kept] } : { ...e });
          }
      errorList.sort(
        (a, b) =>
          b.count - a.count ||
          a.name.localeCompare(b.name) ||
          a.method.localeCompare(b.method) ||
          a.error.localeCompare(b.error),
      );
      const cover = coverage(nowMs, elapsedMs);
      // The entries first: the total's histograms are summed from theirs as of this view.
      const entryViews = list.map((a) => a.view(elapsedMs, nowMs, cover));
      const out: AggregatedStats = {
        total: total.view(elapsedMs, nowMs, cover, list),
        lastSecond: total.lastSecond(cover),
        entries: entryViews,
        errors: errorList,
        cancelledAtStop,
      };
      if (arrival) {
        const [p50, p95, p99] = intended.percentiles([50, 95, 99]);
        out.arrival = {
          started: arrival.started,
          dropped: arrival.dropped,
          intended: { p50, p95, p99, max: intended.max },
        };
      }
      return out;
    },
  };
  return aggregator;
}
