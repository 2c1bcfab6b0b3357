// The worker side of the stats: virtual users record outcomes per (name, method) entry, and the
// worker drains everything into a StatsReport once per report interval. Recording is on the hot
// path, so a recorder touches only numbers and preallocated histograms; the only allocations are
// a new error string's first map slot and one tuple per entry per wall-clock second.
import type { EntryReport, StatsReport } from '../../common/protocol/engine';
import type { ErrorStats } from '../../common/snapshot';
import { Histogram } from './histogram';
import type { EntryRecorder, StatsCollector } from './types';

export interface StatsCollectorOptions {
  /** Epoch milliseconds, for the per-second counts. Default Date.now (tests pass a fake clock). */
  now?: () => number;
}

interface EntryState {
  name: string;
  method: string;
  recorder: EntryRecorder;
  histogram: Histogram;
  requests: number;
  failures: number;
  bytes: number;
  /** The wall-clock second being counted, and its counts. */
  second: number;
  secondRequests: number;
  secondFailures: number;
  /** Finished seconds since the last drain: [epoch second, requests, failures]. */
  seconds: Array<[number, number, number]>;
  /** Failures by error text since the last drain. */
  errors: Map<string, number>;
}

export function createStatsCollector(options: StatsCollectorOptions = {}): StatsCollector {
  const now = options.now ?? Date.now;
  // Keyed by name, then method: no string concatenation on the hot path.
  const byName = new Map<string, Map<string, EntryState>>();
  const all: EntryState[] = [];
  const intended = new Histogram();
  let started = 0;
  let dropped = 0;
  /** Where the current interval began: creation (just before the first users start), then each drain. */
  let intervalStartMs = now();
  let cancelled = 0;

  const count = (s: EntryState, ms: number, bytes: number, failed: boolean): void => {
    s.histogram.record(ms);
    s.requests++;
    s.bytes += bytes;
    const sec = Math.floor(now() / 1000);
    if (sec !== s.second) {
      if (s.secondRequests > 0) s.seconds.push([s.second, s.secondRequests, s.secondFailures]);
      s.second = sec;
      s.secondRequests = 0;
      s.secondFailures = 0;
    }
    s.secondRequests++;
    if (failed) {
      s.failures++;
      s.secondFailures++;
    }
  };

  const create = (name: string, method: string): EntryState => {
    const s: EntryState = {
      name,
      method,
      recorder: undefined as unknown as EntryRecorder,
      histogram: new Histogram(),
      requests: 0,
      failures: 0,
      bytes: 0,
      second: -1,
      secondRequests: 0,
      secondFailures: 0,
      seconds: [],
      errors: new Map(),
    };
    s.recorder = {
      success: (ms, bytes) => count(s, ms, bytes, false),
      failure: (ms, bytes, error) => {
        count(s, ms, bytes, true);
        s.errors.set(error, (s.errors.get(error) ?? 0) + 1);
      },
    };
    return s;
  };

  const drainEntry = (s: EntryState, errors: ErrorStats[]): EntryReport => {
    if (s.secondRequests > 0) s.seconds.push([s.second, s.secondRequests, s.secondFailures]);
    for (const [error, n] of s.errors) errors.push({ name: s.name, method: s.method, error, count: n });
    const report: EntryReport = {
      name: s.name,
      method: s.method,
      requests: s.requests,
      failures: s.failures,
      totalMs: s.histogram.sum,
      minMs: s.histogram.min,
      maxMs: s.histogram.max,
      bytes: s.bytes,
      histogram: s.histogram.encode(),
      perSecond: s.seconds,
    };
    s.histogram.reset();
    s.requests = s.failures = s.bytes = 0;
    s.second = -1;
    s.secondRequests = s.secondFailures = 0;
    s.seconds = [];
    s.errors.clear();
    return report;
  };

  return {
    entry(name, method) {
      let methods = byName.get(name);
      if (!methods) byName.set(name, (methods = new Map()));
      let s = methods.get(method);
      if (!s) {
        methods.set(method, (s = create(name, method)));
        all.push(s);
      }
      return s.recorder;
    },
    iterationStarted: () => void started++,
    iterationDropped: () => void dropped++,
    requestCancelled: () => void cancelled++,
    recordIntended: (ms) => intended.record(ms),
    drain(): Omit<StatsReport, 'trackers'> {
      const errors: ErrorStats[] = [];
      const entries = all.filter((s) => s.requests > 0).map((s) => drainEntry(s, errors));
      const intervalEndMs = now();
      const report: Omit<StatsReport, 'trackers'> = { entries, errors, intervalStartMs, intervalEndMs };
      intervalStartMs = intervalEndMs;
      if (started > 0 || dropped > 0 || intended.count > 0) {
        report.arrival = { started, dropped, intendedHistogram: intended.encode() };
      }
      if (cancelled > 0) report.cancelledAtStop = cancelled;
      started = dropped = cancelled = 0;
      intended.reset();
      return report;
    },
  };
}
