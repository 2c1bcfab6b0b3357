// Interim stand-ins for engine/stats and engine/trackers while those modules are being written:
// raw samples (capped) instead of HDR histograms. Replaced in deps.ts when the real ones land.
import type { StatsReport, TrackerReport } from '../../common/protocol/engine';
import { PERCENTILES } from '../../common/snapshot';
import type {
  EntryStats,
  ErrorStats,
  Percentiles,
  RunSnapshot,
  ThresholdResult,
  TrackerResult,
} from '../../common/snapshot';
import type { ThresholdSpec } from '../../scenario/model';
import type { AggregatedStats, EntryRecorder, StatsAggregator, StatsCollector } from '../stats/types';
import type { TrackerMerge } from './deps';

const MAX_SAMPLES = 20_000;

interface Acc {
  name: string;
  method: string;
  requests: number;
  failures: number;
  totalMs: number;
  minMs: number;
  maxMs: number;
  bytes: number;
  samples: number[];
  perSecond: Map<number, [number, number]>;
}

const newAcc = (name: string, method: string): Acc => ({
  name,
  method,
  requests: 0,
  failures: 0,
  totalMs: 0,
  minMs: Infinity,
  maxMs: 0,
  bytes: 0,
  samples: [],
  perSecond: new Map(),
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function createInterimCollector(): StatsCollector {
  let accs = new Map<string, Acc>();
  let errors = new Map<string, ErrorStats>();
  const recorders = new Map<string, EntryRecorder>();
  let started = 0;
  let dropped = 0;
  const record = (
    key: string,
    name: string,
    method: string,
    ms: number,
    bytes: number,
    error?: string,
  ): void => {
    let a = accs.get(key);
    if (!a) accs.set(key, (a = newAcc(name, method)));
    a.requests++;
    a.totalMs += ms;
    a.minMs = Math.min(a.minMs, ms);
    a.maxMs = Math.max(a.maxMs, ms);
    a.bytes += bytes;
    if (a.samples.length < MAX_SAMPLES) a.samples.push(ms);
    const sec = Math.floor(Date.now() / 1000);
    const ps = a.perSecond.get(sec) ?? [0, 0];
    ps[0]++;
    if (error !== undefined) {
      a.failures++;
      ps[1]++;
      const ek = `${key}\u0000${error}`;
      const e = errors.get(ek) ?? { name, method, error, count: 0 };
      e.count++;
      errors.set(ek, e);
    }
    a.perSecond.set(sec, ps);
  };
  return {
    entry(name, method) {
      const key = `${method} ${name}`;
      let r = recorders.get(key);
      if (!r) {
        r = {
          success: (ms, bytes) => record(key, name, method, ms, bytes),
          failure: (ms, bytes, err) => record(key, name, method, ms, bytes, err),
        };
        recorders.set(key, r);
      }
      return r;
    },
    iterationStarted: () => void started++,
    iterationDropped: () => void dropped++,
    recordIntended: () => undefined,
    drain() {
      const entries = [...accs.values()].map((a) => ({
        name: a.name,
        method: a.method,
        requests: a.requests,
        failures: a.failures,
        totalMs: a.totalMs,
        minMs: a.requests ? a.minMs : 0,
        maxMs: a.maxMs,
        bytes: a.bytes,
        histogram: JSON.stringify(a.samples),
        perSecond: [...a.perSecond].map(([s, [r, f]]): [number, number, number] => [s, r, f]),
      }));
      const out = {
        entries,
        errors: [...errors.values()],
        arrival: started || dropped ? { started, dropped, intendedHistogram: '[]' } : undefined,
      };
      accs = new Map();
      errors = new Map();
      started = dropped = 0;
      return out;
    },
  };
}

export function createInterimAggregator(): StatsAggregator {
  const accs = new Map<string, Acc>();
  const total = newAcc('Aggregated', '');
  const errors = new Map<string, ErrorStats>();
  let arrival: { started: number; dropped: number } | undefined;
  const merge = (a: Acc, e: StatsReport['entries'][number]): void => {
    if (!e.requests) return;
    a.requests += e.requests;
    a.failures += e.failures;
    a.totalMs += e.totalMs;
    a.minMs = Math.min(a.minMs, e.minMs);
    a.maxMs = Math.max(a.maxMs, e.maxMs);
    a.bytes += e.bytes;
    const samples = typeof e.histogram === 'string' ? (JSON.parse(e.histogram) as number[]) : [];
    for (const s of samples) if (a.samples.length < MAX_SAMPLES * 10) a.samples.push(s);
    for (const [sec, r, f] of e.perSecond) {
      const ps = a.perSecond.get(sec) ?? [0, 0];
      ps[0] += r;
      ps[1] += f;
      a.perSecond.set(sec, ps);
    }
  };
  const view = (a: Acc, elapsedMs: number, nowMs: number): EntryStats => {
    const sorted = [...a.samples].sort((x, y) => x - y);
    const percentiles = Object.fromEntries(
      PERCENTILES.map((p) => [`p${p}`, percentile(sorted, p)]),
    ) as Percentiles;
    const nowSec = Math.floor(nowMs / 1000);
    let cr = 0;
    let cf = 0;
    for (const [sec, [r, f]] of a.perSecond)
      if (sec > nowSec - 10 && sec <= nowSec) {
        cr += r;
        cf += f;
      }
    return {
      name: a.name,
      method: a.method,
      requests: a.requests,
      failures: a.failures,
      minMs: a.requests ? a.minMs : 0,
      maxMs: a.maxMs,
      meanMs: a.requests ? a.totalMs / a.requests : 0,
      bytes: a.bytes,
      rps: elapsedMs > 0 ? a.requests / (elapsedMs / 1000) : 0,
      currentRps: cr / 10,
      currentFailuresPerSec: cf / 10,
      percentiles,
      current: { p50: percentiles.p50, p95: percentiles.p95, p99: percentiles.p99 },
    };
  };
  return {
    add(report) {
      for (const e of report.entries) {
        const key = `${e.method} ${e.name}`;
        let a = accs.get(key);
        if (!a) accs.set(key, (a = newAcc(e.name, e.method)));
        merge(a, e);
        merge(total, e);
      }
      for (const e of report.errors) {
        const k = `${e.method} ${e.name}\u0000${e.error}`;
        const cur = errors.get(k) ?? { ...e, count: 0 };
        cur.count += e.count;
        errors.set(k, cur);
      }
      if (report.arrival) {
        arrival ??= { started: 0, dropped: 0 };
        arrival.started += report.arrival.started;
        arrival.dropped += report.arrival.dropped;
      }
    },
    view(elapsedMs, nowMs): AggregatedStats {
      return {
        total: view(total, elapsedMs, nowMs),
        entries: [...accs.values()].map((a) => view(a, elapsedMs, nowMs)),
        errors: [...errors.values()],
        arrival: arrival && { ...arrival, intended: { p50: 0, p95: 0, p99: 0, max: 0 } },
      };
    },
  };
}

export function createInterimTrackerMerge(): TrackerMerge {
  const byKey = new Map<string, TrackerResult & { totalMs: number }>();
  return {
    add(reports: TrackerReport[]) {
      for (const r of reports) {
        const k = `${r.metric}\u0000${r.stage}`;
        const t = byKey.get(k) ?? {
          metric: r.metric,
          stage: r.stage,
          users: r.users,
          count: 0,
          min: Infinity,
          mean: 0,
          p50: 0,
          p90: 0,
          p95: 0,
          p99: 0,
          max: 0,
          incomplete: 0,
          dropped: 0,
          totalMs: 0,
        };
        t.count += r.count;
        t.totalMs += r.totalMs;
        if (r.count) t.min = Math.min(t.min, r.minMs);
        t.max = Math.max(t.max, r.maxMs);
        t.incomplete += r.incomplete;
        t.dropped += r.dropped;
        t.mean = t.count ? t.totalMs / t.count : 0;
        byKey.set(k, t);
      }
    },
    results: () =>
      [...byKey.values()].map(({ totalMs: _t, ...r }) => ({ ...r, min: Number.isFinite(r.min) ? r.min : 0 })),
  };
}

export function evaluateInterimThresholds(specs: ThresholdSpec[], snapshot: RunSnapshot): ThresholdResult[] {
  return specs.map((spec) => {
    const e = spec.entry === undefined ? snapshot.total : snapshot.entries.find((x) => x.name === spec.entry);
    let actual = 0;
    if (e) {
      const m = spec.metric;
      if (m === 'failures')
        actual = spec.unit === '%' ? (e.requests ? (100 * e.failures) / e.requests : 0) : e.failures;
      else if (m === 'rps') actual = e.rps;
      else if (m === 'requests') actual = e.requests;
      else if (m === 'max') actual = e.maxMs;
      else if (m === 'min') actual = e.minMs;
      else if (m === 'mean') actual = e.meanMs;
      else actual = e.percentiles[m];
    }
    const ok =
      spec.op === '<'
        ? actual < spec.value
        : spec.op === '<='
          ? actual <= spec.value
          : spec.op === '>'
            ? actual > spec.value
            : actual >= spec.value;
    return { source: spec.source, ok, actual };
  });
}
