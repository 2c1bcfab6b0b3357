// The master side of duration trackers: merges the TrackerReports of every worker into one
// TrackerResult per (metric, stage). Histograms are merged exactly (percentiles are never
// averaged); counts, incomplete, dropped, timed out and unmatched are summed. A trace never spans
// workers (a user lives in one worker), so no pairing happens here, except for trackers that end
// with an event from outside: the master pairs those (engine/events/externalPairing.ts) and adds
// its reports here like a worker's. Stage ids are global (the master numbers them).
//
// Users at a stage: each worker reports its own share with every report; the result is the sum,
// over workers, of each worker's latest figure for that stage. Pass the worker id to `add` for
// that; reports added without one count as one anonymous worker.
import type { TrackerReport } from '../../common/protocol/engine';
import type { TrackerResult } from '../../common/snapshot';
import { Histogram } from '../stats/histogram';

export interface TrackerAggregator {
  /** Merges one worker report's trackers. Each (worker, seq) must be added once (the master's job). */
  add(reports: TrackerReport[], workerId?: string): void;
  /** Everything merged so far, sorted by metric, then stage. */
  results(): TrackerResult[];
}

interface Merged {
  metric: string;
  stage: number;
  usersByWorker: Map<string, number>;
  histogram: Histogram;
  count: number;
  totalMs: number;
  minMs: number;
  maxMs: number;
  incomplete: number;
  dropped: number;
  /** Set once a report carried timedOut/unmatched (trackers ending with an event from outside). */
  external: boolean;
  timedOut: number;
  unmatched: number;
}

export function createTrackerAggregator(): TrackerAggregator {
  const merged = new Map<string, Merged>();

  return {
    add(reports, workerId = '') {
      for (const r of reports) {
        const key = `${r.stage}\u0000${r.metric}`;
        let m = merged.get(key);
        if (!m) {
          m = {
            metric: r.metric,
            stage: r.stage,
            usersByWorker: new Map(),
            histogram: new Histogram(),
            count: 0,
            totalMs: 0,
            minMs: Infinity,
            maxMs: -Infinity,
            incomplete: 0,
            dropped: 0,
            external: false,
            timedOut: 0,
            unmatched: 0,
          };
          merged.set(key, m);
        }
        m.usersByWorker.set(workerId, r.users);
        m.incomplete += r.incomplete;
        m.dropped += r.dropped;
        if (r.timedOut !== undefined || r.unmatched !== undefined) {
          m.external = true;
          m.timedOut += r.timedOut ?? 0;
          m.unmatched += r.unmatched ?? 0;
        }
        if (r.count > 0) {
          m.histogram.addEncoded(r.histogram);
          m.count += r.count;
          m.totalMs += r.totalMs;
          m.minMs = Math.min(m.minMs, r.minMs);
          m.maxMs = Math.max(m.maxMs, r.maxMs);
        }
      }
    },

    results() {
      const out: TrackerResult[] = [];
      for (const m of merged.values()) {
        let users = 0;
        for (const u of m.usersByWorker.values()) users += u;
        const [p50, p90, p95, p99] = m.count > 0 ? m.histogram.percentiles([50, 90, 95, 99]) : [0, 0, 0, 0];
        out.push({
          metric: m.metric,
          stage: m.stage,
          users,
          count: m.count,
          min: m.count > 0 ? m.minMs : 0,
          mean: m.count > 0 ? m.totalMs / m.count : 0,
          p50: p50 ?? 0,
          p90: p90 ?? 0,
          p95: p95 ?? 0,
          p99: p99 ?? 0,
          max: m.count > 0 ? m.maxMs : 0,
          incomplete: m.incomplete,
          dropped: m.dropped,
          ...(m.external ? { timedOut: m.timedOut, unmatched: m.unmatched } : {}),
        });
      }
      return out.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.stage - b.stage));
    },
  };
}
