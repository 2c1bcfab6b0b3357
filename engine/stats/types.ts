// Contracts of the stats module. Workers record into a StatsCollector and drain it into a
// StatsReport every interval; the master merges reports in a StatsAggregator (exact merges of
// histograms; percentiles are never averaged) and builds the stats part of a RunSnapshot.
import type { EntryReport, StatsReport, WireStatsReport } from '../../common/protocol/engine';
import type { ArrivalStats, EntryStats, ErrorStats } from '../../common/snapshot';

/** Records outcomes for one (name, method) entry. Hot path: no allocation per call. */
export interface EntryRecorder {
  /** A request that succeeded (and passed its checks). */
  success(durationMs: number, bytes: number): void;
  /** A request that failed: network error, timeout, bad status or failed check. `error` groups errors. */
  failure(durationMs: number, bytes: number, error: string): void;
}

export interface StatsCollector {
  /** The recorder for an entry; the same object every time for the same pair (cache it). */
  entry(name: string, method: string): EntryRecorder;
  /** Open model: an iteration started (with its latency from the intended start, in ms) or was dropped. */
  iterationStarted(): void;
  iterationDropped(): void;
  /** A request in flight was cancelled because the run stopped and its grace period ran out. */
  requestCancelled(): void;
  /** Open model: response time measured from the intended start time (coordinated omission). */
  recordIntended(durationMs: number): void;
  /** Everything since the last drain, then reset. Trackers are filled in by the caller. */
  drain(): Omit<StatsReport, 'trackers'>;
}

export interface AggregatedStats {
  total: EntryStats;
  /** The total's requests and failures per second in the last complete second (chart points). */
  lastSecond: { rps: number; failuresPerSec: number };
  entries: EntryStats[];
  errors: ErrorStats[];
  arrival?: Omit<ArrivalStats, 'rate'>;
  /** Requests cancelled at stop (in flight when the grace period ran out): neither failures nor dropped. */
  cancelledAtStop: number;
}

export interface StatsAggregator {
  /**
   * Merges one worker report. Idempotence by (worker, seq) is the master's job. `source` names the
   * worker, so the current rates count only seconds every worker has reported in full.
   */
  add(report: Omit<StatsReport, 'trackers'>, source?: string): void;
  /** The same for a report as it came off the wire (protocol 3 tuples), checked by the master. */
  addWire(report: Omit<WireStatsReport, 'trackers'>, source?: string): void;
  /** The merged view; `elapsedMs` is the run's elapsed time (for rps), `nowMs` epoch ms (current window). */
  view(elapsedMs: number, nowMs: number): AggregatedStats;
}

export type { EntryReport, StatsReport };
