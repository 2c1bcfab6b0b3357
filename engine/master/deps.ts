// What the master needs from the stats and tracker modules, behind one seam so tests can inject
// fakes and the master never depends on how histograms are encoded.
import type { TrackerReport } from '../../common/protocol/engine';
import type { RunSnapshot, ThresholdResult, TrackerResult } from '../../common/snapshot';
import type { ThresholdSpec } from '../../scenario/model';
import type { StatsAggregator } from '../stats/types';
import {
  createInterimAggregator,
  createInterimTrackerMerge,
  evaluateInterimThresholds,
} from './interimStats';

/** Merges tracker reports from every worker into per-(metric, stage) results. */
export interface TrackerMerge {
  add(reports: TrackerReport[]): void;
  results(): TrackerResult[];
}

export interface MasterDeps {
  createAggregator(): StatsAggregator;
  createTrackerMerge(): TrackerMerge;
  evaluateThresholds(specs: ThresholdSpec[], snapshot: RunSnapshot): ThresholdResult[];
}

export const defaultMasterDeps: MasterDeps = {
  createAggregator: createInterimAggregator,
  createTrackerMerge: createInterimTrackerMerge,
  evaluateThresholds: evaluateInterimThresholds,
};
