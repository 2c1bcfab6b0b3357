// A small hand-made RunSnapshot for threshold and recorder tests.
import type { EntryStats, HistoryPoint, RunSnapshot } from '../../../common/snapshot';
import { fillPercentiles } from '../percentiles';

export function entry(name: string, method: string, requests: number, failures: number, p95: number, extra: Partial<EntryStats> = {}): EntryStats {
  return {
    name,
    method,
    requests,
    failures,
    minMs: 1,
    maxMs: p95 * 2,
    meanMs: p95 / 2,
    bytes: requests * 100,
    rps: requests / 10,
    currentRps: requests / 10,
    currentFailuresPerSec: failures / 10,
    percentiles: { p50: p95 / 3, p66: p95 / 2.5, p75: p95 / 2, p80: p95 / 1.5, p90: p95 / 1.2, p95, p98: p95 * 1.2, p99: p95 * 1.5, 'p99.9': p95 * 1.8, 'p99.99': p95 * 1.9, p100: p95 * 2 },
    current: fillPercentiles(p95 / 3, p95, p95 * 1.5),
    ...extra,
  };
}

export function snapshot(over: Partial<RunSnapshot> = {}): RunSnapshot {
  const entries = [entry('/cart', 'POST', 400, 10, 250), entry('login', 'POST', 100, 0, 120), entry('login', 'GET', 500, 5, 90)];
  return {
    runId: 'run-1',
    scenario: 'Shop, "checkout"',
    state: 'stopped',
    startedAt: Date.UTC(2026, 10, 23, 12, 0, 0),
    elapsedMs: 10_000,
    stage: { index: 0, count: 1 },
    users: 0,
    targetUsers: 10,
    total: entry('Aggregated', '', 1000, 15, 240),
    entries,
    errors: [
      { name: '/cart', method: 'POST', error: 'HTTP 500, "internal"\nline two', count: 10 },
      { name: 'login', method: 'GET', error: 'ECONNRESET', count: 5 },
    ],
    workers: [{ id: 'w1', host: 'h', pid: 42, state: 'stopped', users: 0, requests: 1000, cpu: 0.5, loopDelayMs: 2 }],
    trackers: [],
    generator: { cpu: 0.5, loopDelayMs: 2, saturated: false },
    ...over,
  };
}

export function history(n: number): HistoryPoint[] {
  return Array.from({ length: n }, (_, i) => ({ t: (i + 1) * 1000, rps: 90 + i, failuresPerSec: i % 3, p50: 20, p95: 200 + i * 5, p99: 300, users: 10 }));
}
