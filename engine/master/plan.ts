// The run's load plan: the scenario's stages after the person's overrides. `users` replaces the
// load with one closed stage; `durationMs` cuts the stages at that point or stretches the last one.
import type { LoadSpec } from '../../scenario/model';
import type { RunOverrides } from '../../common/protocol/host';

export interface PlannedStage {
  /** Offset from the run's start. */
  startMs: number;
  durationMs: number;
  model: 'closed' | 'open';
  users: number;
  spawnRate: number;
  arrivalRate: number;
  maxUsers: number;
}

export interface LoadPlan {
  model: 'closed' | 'open';
  stages: PlannedStage[];
  totalMs: number;
}

export function planLoad(load: LoadSpec, overrides: RunOverrides = {}): LoadPlan {
  let raw: PlannedStage[];
  let model: 'closed' | 'open' = load.model;
  if (overrides.users !== undefined) {
    const lastClosed = load.model === 'closed' ? load.stages[load.stages.length - 1] : undefined;
    const users = Math.max(0, Math.round(overrides.users));
    const durationMs = load.stages.reduce((a, s) => a + s.durationMs, 0);
    const spawnRate = lastClosed?.spawnRate ?? Math.max(1, users);
    model = 'closed';
    raw = [{ startMs: 0, durationMs, model, users, spawnRate, arrivalRate: 0, maxUsers: 0 }];
  } else if (load.model === 'closed') {
    raw = load.stages.map((s) => ({
      startMs: 0,
      durationMs: s.durationMs,
      model: 'closed',
      users: s.users,
      spawnRate: s.spawnRate,
      arrivalRate: 0,
      maxUsers: 0,
    }));
  } else {
    raw = load.stages.map((s) => ({
      startMs: 0,
      durationMs: s.durationMs,
      model: 'open',
      users: 0,
      spawnRate: 0,
      arrivalRate: s.arrivalRate,
      maxUsers: load.maxUsers,
    }));
  }
  if (overrides.durationMs !== undefined) raw = fitDuration(raw, Math.max(0, overrides.durationMs));
  let t = 0;
  for (const s of raw) {
    s.startMs = t;
    t += s.durationMs;
  }
  return { model, stages: raw, totalMs: t };
}

/** Keeps the stages that start before `totalMs`, cutting the last; stretches the last one if they end earlier. */
function fitDuration(stages: PlannedStage[], totalMs: number): PlannedStage[] {
  const out: PlannedStage[] = [];
  let t = 0;
  for (const s of stages) {
    if (t >= totalMs && out.length > 0) break;
    out.push({ ...s, durationMs: Math.min(s.durationMs, totalMs - t) });
    t += s.durationMs;
  }
  const covered = out.reduce((a, s) => a + s.durationMs, 0);
  const last = out[out.length - 1];
  if (last && covered < totalMs) last.durationMs += totalMs - covered;
  return out;
}
