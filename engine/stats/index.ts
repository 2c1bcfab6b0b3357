// The stats module's entry points: workers record into a collector, the master merges reports
// in an aggregator and evaluates thresholds on the merged snapshot.
export { Histogram, MAX_TRACKABLE_MS } from './histogram';
export { createStatsCollector } from './collector';
export type { StatsCollectorOptions } from './collector';
export { createStatsAggregator, AGGREGATED_NAME } from './aggregator';
export { evaluateThresholds } from './thresholds';
export type { AggregatedStats, EntryRecorder, StatsAggregator, StatsCollector } from './types';
