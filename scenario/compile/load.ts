// `load:` — the closed model (users, spawnRate, duration, or stages of users) or the open model
// (arrivalRate, duration, maxUsers, or stages of arrivalRate).
import type { Node, YAMLMap } from 'yaml';
import type { ClosedStage, LoadSpec, OpenStage } from '../model';
import type { Ctx } from './context';

const CLOSED_KEYS = ['users', 'spawnRate'];
const OPEN_KEYS = ['arrivalRate', 'maxUsers'];

/**
 * More concurrent users than this is a choice to make, not a default: each holds a connection (a
 * file descriptor and a local port), and a target that stalls at 50,000 arrivals/s would otherwise
 * open 500,000 of them. Drops past it are counted and the summary says to raise `maxUsers`.
 */
export const DEFAULT_MAX_USERS_CAP = 10_000;

/** Default for `maxUsers`: 10 x the highest arrival rate (10 s of arrivals), at least 100, at most the cap. */
export function defaultMaxUsers(stages: OpenStage[]): number {
  const tenSeconds = Math.ceil(10 * Math.max(0, ...stages.map((s) => s.arrivalRate)));
  return Math.max(100, Math.min(DEFAULT_MAX_USERS_CAP, tenSeconds));
}

function keyOf(ctx: Ctx, map: YAMLMap, key: string): Node {
  return ctx.pair(map, key)?.key ?? map;
}

function compileStages(ctx: Ctx, map: YAMLMap, stagesNode: Node | null): LoadSpec | undefined {
  const items = ctx.seqItems(stagesNode);
  const maps = items.map((i) => ctx.map(i)).filter((m): m is YAMLMap => m !== undefined);
  for (const k of ['users', 'duration', 'arrivalRate']) {
    const p = ctx.pair(map, k);
    if (p)
      ctx.report.error(
        p.key,
        'stages-and-totals',
        `\`${k}\` goes inside each stage when \`stages\` is given`,
      );
  }
  const open = maps.some((m) => ctx.pair(m, 'arrivalRate'));
  const defaultSpawn = ctx.num(map, 'spawnRate');
  if (open) {
    const p = ctx.pair(map, 'spawnRate');
    if (p)
      ctx.report.error(
        p.key,
        'mixed-models',
        '`spawnRate` belongs to the closed model (users); open-model stages use `arrivalRate`',
      );
  } else if (ctx.pair(map, 'maxUsers')) {
    ctx.report.error(
      keyOf(ctx, map, 'maxUsers'),
      'mixed-models',
      '`maxUsers` belongs to the open model: give the stages an `arrivalRate`',
    );
  }
  const closed: ClosedStage[] = [];
  const openStages: OpenStage[] = [];
  let previousUsers = 0;
  for (const m of maps) {
    const durationMs = ctx.duration(m, 'duration');
    if (open) {
      for (const k of CLOSED_KEYS) {
        const p = ctx.pair(m, k);
        if (p)
          ctx.report.error(
            p.key,
            'mixed-models',
            `\`${k}\` belongs to the closed model; these stages use \`arrivalRate\` (open model)`,
          );
      }
      if (!ctx.pair(m, 'arrivalRate'))
        ctx.report.add(
          ctx.firstLine(m),
          'error',
          'missing-key',
          'this stage needs `arrivalRate` like the other stages',
        );
      const arrivalRate = ctx.num(m, 'arrivalRate');
      if (durationMs !== undefined && arrivalRate !== undefined) openStages.push({ durationMs, arrivalRate });
    } else {
      const users = ctx.num(m, 'users');
      if (!ctx.pair(m, 'users'))
        ctx.report.add(
          ctx.firstLine(m),
          'error',
          'missing-key',
          'a stage needs `users` (closed model) or `arrivalRate` (open model)',
        );
      if (durationMs === undefined || users === undefined) continue;
      const spawnRate =
        ctx.num(m, 'spawnRate') ?? defaultSpawn ?? Math.max(1, Math.abs(users - previousUsers));
      closed.push({ durationMs, users, spawnRate });
      previousUsers = users;
    }
  }
  if (open)
    return {
      model: 'open',
      stages: openStages,
      maxUsers: ctx.num(map, 'maxUsers') ?? defaultMaxUsers(openStages),
    };
  return { model: 'closed', stages: closed };
}

/** `loadKey` is the `load` key: where to point when something is missing. */
export function compileLoad(ctx: Ctx, node: Node | null, loadKey: Node): LoadSpec | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  const spec = compileModel(ctx, map, loadKey);
  const gracefulStopMs = ctx.duration(map, 'gracefulStop');
  return spec && gracefulStopMs !== undefined ? { ...spec, gracefulStopMs } : spec;
}

function compileModel(ctx: Ctx, map: YAMLMap, loadKey: Node): LoadSpec | undefined {
  const stages = ctx.pair(map, 'stages');
  if (stages) return compileStages(ctx, map, ctx.value(map, 'stages'));
  const hasClosed = CLOSED_KEYS.some((k) => ctx.pair(map, k));
  const hasOpen = OPEN_KEYS.some((k) => ctx.pair(map, k));
  if (hasClosed && hasOpen) {
    const k = OPEN_KEYS.find((key) => ctx.pair(map, key)) as string;
    ctx.report.error(
      keyOf(ctx, map, k),
      'mixed-models',
      `\`${k}\` (open model) cannot be combined with \`users\`/\`spawnRate\` (closed model); choose one`,
    );
    return undefined;
  }
  if (!hasClosed && !hasOpen) {
    ctx.report.error(
      loadKey,
      'missing-key',
      '`load` needs `users` and `duration` (closed model), `arrivalRate` and `duration` (open model), or `stages`',
    );
    return undefined;
  }
  if (!ctx.pair(map, 'duration')) {
    ctx.report.error(loadKey, 'missing-key', '`load` needs `duration` (e.g. `duration: 1m`) or `stages`');
  }
  const durationMs = ctx.duration(map, 'duration');
  if (hasOpen) {
    if (!ctx.pair(map, 'arrivalRate'))
      ctx.report.error(
        keyOf(ctx, map, 'maxUsers'),
        'missing-key',
        'the open model needs `arrivalRate` (iterations per second)',
      );
    const arrivalRate = ctx.num(map, 'arrivalRate');
    if (durationMs === undefined || arrivalRate === undefined) return undefined;
    const stagesOut = [{ durationMs, arrivalRate }];
    return {
      model: 'open',
      stages: stagesOut,
      maxUsers: ctx.num(map, 'maxUsers') ?? defaultMaxUsers(stagesOut),
    };
  }
  if (!ctx.pair(map, 'users')) {
    ctx.report.error(
      loadKey,
      'missing-key',
      '`load` needs `users` (closed model), `arrivalRate` (open model) or `stages`',
    );
    return undefined;
  }
  const users = ctx.num(map, 'users');
  if (durationMs === undefined || users === undefined) return undefined;
  return {
    model: 'closed',
    stages: [{ durationMs, users, spawnRate: ctx.num(map, 'spawnRate') ?? Math.max(1, users) }],
  };
}
