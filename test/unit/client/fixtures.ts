// Small builders for snapshots and history points used by the client's unit tests.
import type { EntryStats, HistoryPoint, Percentiles, RunSnapshot } from '../../../common/snapshot';
import { fillPercentiles } from '../percentiles';

const zeroPercentiles: Percentiles = {
  p50: 0,
  p66: 0,
  p75: 0,
  p80: 0,
  p90: 0,
  p95: 0,
  p98: 0,
  p99: 0,
  'p99.9': 0,
  'p99.99': 0,
  p100: 0,
};

export function entry(overrides: Partial<EntryStats> = {}): EntryStats {
  return {
    name: 'Aggregated',
    method: '',
    requests: 0,
    failures: 0,
    minMs: 0,
    maxMs: 0,
    meanMs: 0,
    bytes: 0,
    rps: 0,
    currentRps: 0,
    currentFailuresPerSec: 0,
    percentiles: { ...zeroPercentiles },
    current: fillPercentiles(0, 0, 0),
    ...overrides,
  };
}

export function snapshot(overrides: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    runId: 'run-1',
    scenario: 'Shop checkout',
    state: 'running',
    startedAt: Date.UTC(2026, 10, 23, 12, 30, 0),
    elapsedMs: 0,
    stage: { index: 0, count: 1 },
    users: 0,
    targetUsers: 0,
    total: entry(),
    entries: [],
    errors: [],
    workers: [],
    trackers: [],
    generator: { cpu: 0, loopDelayMs: 0, saturated: false },
    ...overrides,
  };
}

export function point(t: number, overrides: Partial<HistoryPoint> = {}): HistoryPoint {
  return { t, rps: 0, failuresPerSec: 0, p50: 0, p95: 0, p99: 0, users: 0, ...overrides };
}
