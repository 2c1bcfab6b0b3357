// The split of a stage over the live workers, as one pure function of the plan and the live set
// (k6's execution segments are the model). The master calls it whenever either changes (a stage
// begins, users are set live, a worker joins, leaves or comes back) and sends each worker its
// whole share, so user-kind weights hold in the run as a whole whatever happened to the workers.
import type { MasterLoadMessage } from '../../common/protocol/engine';
import { kindCounts, RoundRobinSequence } from '../runner/weights';
import type { PlannedStage } from './plan';
import { splitEvenly, splitRate } from './split';

export interface AssignInput {
  stageIndex: number;
  stage: PlannedStage;
  /** Users set live for this stage (closed model), instead of the stage's own count. */
  usersOverride?: number;
  /** Weights of the scenario's user kinds, in order. */
  kindWeights: readonly number[];
  /** Open model: ms since the stage began, and the first arrival the new shares apply to. */
  progress?: { elapsedMs: number; from: number };
}

/** Each live worker's share, in the order of `liveWorkers` (which is the segment order). */
export function assign(input: AssignInput, liveWorkers: readonly string[]): Map<string, MasterLoadMessage> {
  const { stage, stageIndex } = input;
  const count = liveWorkers.length;
  const shares = new Map<string, MasterLoadMessage>();
  if (count === 0) return shares;
  if (stage.model === 'closed') {
    const users = input.usersOverride ?? stage.users;
    const perWorker = splitEvenly(users, count);
    const sequence = new RoundRobinSequence(input.kindWeights);
    liveWorkers.forEach((id, index) => {
      const u = perWorker[index];
      const segment = { index, count };
      shares.set(id, {
        kind: 'load',
        model: 'closed',
        stage: stageIndex,
        users: u,
        // The worker ramps its part at its part of the rate, so the run ramps at the stage's rate.
        spawnRate: users > 0 ? (stage.spawnRate * u) / users : stage.spawnRate / count,
        kinds: kindCounts(sequence, input.kindWeights.length, u, segment),
        segment,
      });
    });
  } else {
    const rates = splitRate(stage.arrivalRate, count);
    const caps = splitEvenly(stage.maxUsers, count);
    liveWorkers.forEach((id, index) =>
      shares.set(id, {
        kind: 'load',
        model: 'open',
        stage: stageIndex,
        arrivalRate: rates[index],
        maxUsers: caps[index],
        segment: { index, count },
        ...(input.progress
          ? {
              schedule: {
                rate: stage.arrivalRate,
                elapsedMs: Math.max(0, input.progress.elapsedMs),
                durationMs: stage.durationMs,
                from: input.progress.from,
              },
            }
          : {}),
      }),
    );
  }
  return shares;
}
