// The one-line JSON summary printed by `stampede run --json` (and `quick`): its shape is a public
// contract (issue 3), so it is built field by field here, never by spreading internal objects.
import type {
  ArrivalStats,
  EntryStats,
  EventSourceStats,
  FailureSample,
  GeneratorHealth,
  RunSnapshot,
  ThresholdResult,
  TrackerResult,
  WorkerState,
} from '../../common/snapshot';

/** The figures given for every entry and for the total. */
export interface JsonSummaryFigures {
  requests: number;
  failures: number;
  rps: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface JsonSummaryEntry extends JsonSummaryFigures {
  name: string;
  method: string;
}

export interface JsonSummary extends JsonSummaryFigures {
  entries: JsonSummaryEntry[];
  /** `samples`: the first failing exchanges of the row (absent when none was kept). */
  errors: Array<{ name: string; method: string; error: string; count: number; samples?: FailureSample[] }>;
  workers?: Array<{ id: string; host: string; pid: number; state: WorkerState; users: number; requests: number; cpu: number }>;
  trackers?: TrackerResult[];
  /** The `events:` listeners: events received and refused. */
  eventSources?: EventSourceStats[];
  thresholds?: ThresholdResult[];
  arrival?: ArrivalStats;
  /** Requests in flight when the run stopped, cancelled after the grace period (not failures). */
  cancelledAtStop?: number;
  generator?: GeneratorHealth;
}

function figures(e: EntryStats): JsonSummaryFigures {
  return {
    requests: e.requests,
    failures: e.failures,
    rps: e.rps,
    p50: e.percentiles.p50,
    p90: e.percentiles.p90,
    p95: e.percentiles.p95,
    p99: e.percentiles.p99,
    max: e.maxMs,
  };
}

export function toJsonSummary(s: RunSnapshot): JsonSummary {
  const out: JsonSummary = {
    ...figures(s.total),
    entries: s.entries.map((e) => ({ name: e.name, method: e.method, ...figures(e) })),
    errors: s.errors.map((e) => ({
      name: e.name,
      method: e.method,
      error: e.error,
      count: e.count,
      ...(e.samples?.length ? { samples: e.samples } : {}),
    })),
  };
  if (s.workers.length > 0) {
    out.workers = s.workers.map((w) => ({
      id: w.id,
      host: w.host,
      pid: w.pid,
      state: w.state,
      users: w.users,
      requests: w.requests,
      cpu: w.cpu,
    }));
  }
  if (s.trackers.length > 0) out.trackers = s.trackers;
  if (s.eventSources) out.eventSources = s.eventSources;
  if (s.thresholds) out.thresholds = s.thresholds;
  if (s.arrival) out.arrival = s.arrival;
  if (s.cancelledAtStop) out.cancelledAtStop = s.cancelledAtStop;
  if (s.generator) out.generator = s.generator;
  return out;
}
