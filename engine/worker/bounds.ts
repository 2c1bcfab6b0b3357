// What a worker accepts from its master. The master is authenticated (it holds the token), but a
// buggy or hostile one must still not turn a load machine into something else: a heartbeat every
// 0 ms, a master timeout of 1e308 ms (load that never stops when the master is gone), a million
// users on one worker. Every timing and count is brought into a range, and the person is told.
// Pure: the worker calls these on each message before using it.
import type {
  MasterAcceptedMessage,
  MasterLoadMessage,
  MasterStartMessage,
} from '../../common/protocol/engine';

export const WORKER_LIMITS = {
  // At most 50 heartbeats and 50 reports a second, whatever the master asks (tests use 20-40 ms).
  heartbeatMs: { min: 20, max: 10_000, fallback: 1000 },
  /** The no-orphan-load rule: a worker never runs longer than this without hearing its master. */
  masterTimeoutMs: { min: 1000, max: 30_000, fallback: 5000 },
  reportIntervalMs: { min: 20, max: 10_000, fallback: 1000 },
  /** Virtual users (and open-model user caps) one worker process runs at most. */
  users: { min: 0, max: 50_000, fallback: 0 },
  /** Users started per second, and iterations started per second, on one worker. */
  spawnRate: { min: 0, max: 1e9, fallback: 1 },
  arrivalRate: { min: 0, max: 1_000_000, fallback: 0 },
  stage: { min: 0, max: 100_000, fallback: 0 },
  workerCount: { min: 1, max: 100_000, fallback: 1 },
} as const;

type Limit = keyof typeof WORKER_LIMITS;

/** A value brought into its range (NaN and non-numbers become the fallback). */
export function bound(limit: Limit, value: unknown, clamped: string[], integer = false): number {
  const { min, max, fallback } = WORKER_LIMITS[limit];
  let v = typeof value === 'number' && !Number.isNaN(value) ? value : fallback;
  if (integer) v = Math.floor(v);
  const out = Math.min(max, Math.max(min, v));
  if (out !== value) clamped.push(`${limit} ${String(value)} -> ${out}`);
  return out;
}

export function boundAccepted(m: MasterAcceptedMessage, clamped: string[]): MasterAcceptedMessage {
  return {
    ...m,
    heartbeatMs: bound('heartbeatMs', m.heartbeatMs, clamped),
    masterTimeoutMs: bound('masterTimeoutMs', m.masterTimeoutMs, clamped),
  };
}

export function boundStart(m: MasterStartMessage, clamped: string[]): MasterStartMessage {
  return { ...m, reportIntervalMs: bound('reportIntervalMs', m.reportIntervalMs, clamped) };
}

export function boundLoad(m: MasterLoadMessage, clamped: string[]): MasterLoadMessage {
  const stage = bound('stage', m.stage, clamped, true);
  // The segment (this worker's place among the live workers) and the users per kind are kept in
  // range too: a count of 0 or an index past it would make the split divide by nothing.
  const count = bound('workerCount', m.segment.count, clamped, true);
  const index = Math.min(count - 1, Math.max(0, Math.floor(Number(m.segment.index) || 0)));
  if (index !== m.segment.index) clamped.push(`segment index ${String(m.segment.index)} -> ${index}`);
  const segment = { index, count };
  if (m.model === 'closed') {
    const users = bound('users', m.users, clamped, true);
    const kinds = m.kinds.map((n) => Math.min(users, Math.max(0, Math.floor(Number(n) || 0))));
    return { ...m, stage, segment, users, kinds, spawnRate: bound('spawnRate', m.spawnRate, clamped) };
  }
  return {
    ...m,
    stage,
    segment,
    arrivalRate: bound('arrivalRate', m.arrivalRate, clamped),
    maxUsers: bound('users', m.maxUsers, clamped, true),
  };
}
