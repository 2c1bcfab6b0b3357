// Builds the master's merged view of the run (RunSnapshot) and its chart point (HistoryPoint).
// Everything comes from merged, mergeable data; generator health flags a saturated worker, so a
// slow load generator never passes for a slow server.
import type { GeneratorHealth, HistoryPoint, RunSnapshot, RunState } from '../../common/snapshot';
import type { StatsAggregator } from '../stats/types';
import { nothingSucceeded } from '../stats/verdict';
import type { TrackerMerge } from './deps';
import type { LoadPlan } from './plan';
import type { WorkerRecord } from './workerRecord';
import { isWatched, workerInfo } from './workerRecord';

export const SATURATED_CPU = 0.9;
export const SATURATED_LOOP_DELAY_MS = 50;

export interface SnapshotInput {
  runId: string;
  scenario: string;
  state: RunState;
  startedAt: number;
  now: number;
  plan: LoadPlan;
  stageIndex: number;
  targetUsers: number;
  arrivalRate?: number;
  workers: WorkerRecord[];
  aggregator: StatsAggregator;
  trackers: TrackerMerge;
}

/**
 * `allFailing`: every request so far failed. A generator spinning through refused connections is
 * busy, but the failures are the story (runVerdict tells it), so it is not reported as saturated.
 */
export function generatorHealth(workers: WorkerRecord[], allFailing = false): GeneratorHealth {
  const live = workers.filter(isWatched);
  let cpu = 0;
  let loopDelayMs = 0;
  let reason: string | undefined;
  for (const w of live) {
    cpu = Math.max(cpu, w.cpu);
    loopDelayMs = Math.max(loopDelayMs, w.loopDelayMs);
    if (!reason && w.cpu > SATURATED_CPU)
      reason = `worker ${w.id} uses ${Math.round(w.cpu * 100)} % CPU: the load generator may be the bottleneck; add workers`;
    if (!reason && w.loopDelayMs > SATURATED_LOOP_DELAY_MS)
      reason = `worker ${w.id} has an event-loop delay of ${Math.round(w.loopDelayMs)} ms: response times include generator delay; add workers`;
  }
  return reason && !allFailing
    ? { cpu, loopDelayMs, saturated: true, reason }
    : { cpu, loopDelayMs, saturated: false };
}

export function buildSnapshot(input: SnapshotInput): { snapshot: RunSnapshot; point: HistoryPoint } {
  const elapsedMs = input.startedAt > 0 ? Math.max(0, input.now - input.startedAt) : 0;
  const stats = input.aggregator.view(elapsedMs, input.now);
  const users = input.workers.reduce((a, w) => a + (isWatched(w) ? w.users : 0), 0);
  const snapshot: RunSnapshot = {
    runId: input.runId,
    scenario: input.scenario,
    state: input.state,
    startedAt: input.startedAt,
    elapsedMs,
    plannedMs: input.plan.totalMs,
    stage: { index: input.stageIndex, count: input.plan.stages.length },
    users,
    targetUsers: input.targetUsers,
    total: stats.total,
    entries: stats.entries,
    errors: stats.errors,
    workers: input.workers.map(workerInfo),
    trackers: input.trackers.results(),
    generator: generatorHealth(input.workers, nothingSucceeded(stats)),
  };
  if (stats.cancelledAtStop > 0) snapshot.cancelledAtStop = stats.cancelledAtStop;
  if (input.plan.model === 'open' || stats.arrival) {
    const a = stats.arrival ?? { started: 0, dropped: 0, intended: { p50: 0, p95: 0, p99: 0, max: 0 } };
    snapshot.arrival = { rate: input.arrivalRate ?? 0, ...a };
    if (input.plan.model === 'open') snapshot.arrival.maxUsers = input.plan.stages[0]?.maxUsers;
  }
  const point: HistoryPoint = {
    t: elapsedMs,
    rps: stats.lastSecond.rps,
    failuresPerSec: stats.lastSecond.failuresPerSec,
    p50: stats.total.current.p50,
    p95: stats.total.current.p95,
    p99: stats.total.current.p99,
    users,
  };
  if (snapshot.arrival) {
    point.arrivalRate = snapshot.arrival.rate;
    point.dropped = snapshot.arrival.dropped;
  }
  return { snapshot, point };
}
