// What the master needs from the stats and tracker modules, behind one seam so tests can inject
// fakes and the master never depends on how histograms are encoded.
import type { TrackerReport } from '../../common/protocol/engine';
import type { RunSnapshot, ThresholdResult, TrackerResult } from '../../common/snapshot';
import type { ThresholdSpec } from '../../scenario/model';
import type { StatsAggregator } from '../stats/types';
import { createStatsAggregator } from '../stats/aggregator';
import type { EntryTable } from '../stats/entryTable';
import { evaluateThresholds } from '../stats/thresholds';
import { createTrackerAggregator } from '../trackers/aggregate';

/** Merges tracker reports from every worker into per-(metric, stage) results. */
export interface TrackerMerge {
  /** One worker's tracker reports (each (worker, seq) once). */
  add(reports: TrackerReport[], workerId: string): void;
  results(): TrackerResult[];
}

export interface MasterDeps {
  /** `entries`: the scenario's request table, which reports' entry indices point into. */
  createAggregator(entries: EntryTable): StatsAggregator;
  createTrackerMerge(): TrackerMerge;
  evaluateThresholds(specs: ThresholdSpec[], snapshot: RunSnapshot): ThresholdResult[];
}

export const defaultMasterDeps: MasterDeps = {
  createAggregator: createStatsAggregator,
  createTrackerMerge: createTrackerAggregator,
  evaluateThresholds,
};
