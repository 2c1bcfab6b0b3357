// The master side of the stats: merges every worker's interval reports exactly (counts added,
// histograms merged bucket by bucket, never percentiles averaged) and builds the stats part of a
// RunSnapshot. Each report's encoded histogram (non-zero buckets only) is added to its entry, to
// the aggregated total, and to both current windows, and kept until it leaves the window.
import { SAMPLE_LIMITS, type EntryReport, type SampleReport } from '../../common/protocol/engine';
import type { ErrorStats, FailureSample } from '../../common/snapshot';
import { EntryAggregate, wholeSecondsBefore } from './entryAggregate';
import type { RateCoverage } from './entryAggregate';
import { Histogram } from './histogram';
import type { AggregatedStats, StatsAggregator } from './types';

export const AGGREGATED_NAME = 'Aggregated';
/** A source that has not reported for this long (stopped or missing) no longer holds rates back. */
const STALE_SOURCE_MS = 3000;

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

  return {
    add(report, source = '') {
      if (report.intervalEndMs !== undefined) {
        reportedUntil.set(source, Math.max(reportedUntil.get(source) ?? -Infinity, report.intervalEndMs));
        loadSinceMs = Math.min(loadSinceMs, report.intervalStartMs ?? report.intervalEndMs);
      }
      for (const e of report.entries) {
        const encoded = typeof e.histogram === 'string' ? Buffer.from(e.histogram, 'base64') : e.histogram;
        const second = lastSecond(e, lastViewSecond);
        entryFor(e.name, e.method).add(e, encoded, second);
        total.add(e, encoded, second);
      }
      for (const e of report.errors) addError(e);
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
      const list: EntryAggregate[] = [];
      for (const methods of entries.values()) list.push(...methods.values());
      list.sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0,
      );
      const errorList: ErrorStats[] = [];
      for (const methods of errors.values())
        for (const byError of methods.values())
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
      const out: AggregatedStats = {
        total: total.view(elapsedMs, nowMs, cover),
        lastSecond: total.lastSecond(cover),
        entries: list.map((a) => a.view(elapsedMs, nowMs, cover)),
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
}
