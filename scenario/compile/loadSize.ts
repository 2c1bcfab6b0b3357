// A load no machine can hold (`users: 1e12`) is an error at the number, saying what one worker
// holds and how many workers the scenario has (scenario/limits.ts has the measured numbers).
import type { Node, YAMLMap } from 'yaml';
import {
  AUTO_WORKERS_ASSUMED,
  formatCount,
  KIB_PER_IDLE_USER,
  MAX_ARRIVAL_RATE_PER_WORKER,
  MAX_USERS_PER_WORKER,
} from '../limits';
import type { Ctx } from './context';

export function checkLoadSize(ctx: Ctx, loadNode: Node | null, workers: number | 'auto'): void {
  const load = ctx.map(loadNode);
  if (!load) return;
  const count = workers === 'auto' ? AUTO_WORKERS_ASSUMED : Math.max(1, Math.floor(workers));
  const which =
    workers === 'auto'
      ? `\`workers: auto\` (one per core; ${AUTO_WORKERS_ASSUMED} cores assumed)`
      : workers === 0
        ? '`workers: 0` (one in-process worker)'
        : `\`workers: ${count}\``;
  const maps = [load, ...ctx.seqItems(ctx.value(load, 'stages')).flatMap((n) => ctx.map(n) ?? [])];
  for (const map of maps) {
    for (const key of ['users', 'maxUsers']) checkUsers(ctx, map, key, count, which);
    const rate = ctx.num(map, 'arrivalRate') ?? numberLike(ctx, map, 'arrivalRate');
    if (rate !== undefined && rate > MAX_ARRIVAL_RATE_PER_WORKER * count)
      ctx.report.error(
        ctx.value(map, 'arrivalRate') as Node,
        'too-much-load',
        `\`arrivalRate: ${formatCount(rate)}\` is more than this run can send: one worker sends at most about ${formatCount(MAX_ARRIVAL_RATE_PER_WORKER)} iterations per second, and this scenario has ${which}, at most ${formatCount(MAX_ARRIVAL_RATE_PER_WORKER * count)}/s; add workers or lower the rate`,
      );
  }
}

function checkUsers(ctx: Ctx, map: YAMLMap, key: string, workers: number, which: string): void {
  const users = ctx.num(map, key) ?? numberLike(ctx, map, key);
  const limit = MAX_USERS_PER_WORKER * workers;
  if (users === undefined || users <= limit) return;
  ctx.report.error(
    ctx.value(map, key) as Node,
    'too-many-users',
    `\`${key}: ${formatCount(users)}\` is more than this run can hold: one worker holds about ${formatCount(MAX_USERS_PER_WORKER)} idle virtual users (~${KIB_PER_IDLE_USER} KiB each with its connection, measured), and this scenario has ${which}, at most ${formatCount(limit)}; ${advice(users, key)}`,
  );
}

/** `1e12` and `.inf` are numbers too (ctx.num keeps only finite ones). */
function numberLike(ctx: Ctx, map: YAMLMap, key: string): number | undefined {
  const v = ctx.scalar(ctx.value(map, key))?.value;
  return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
}

/** How to get there: enough workers, or, past any cluster, a smaller number. */
function advice(users: number, key: string): string {
  const needed = Math.ceil(users / MAX_USERS_PER_WORKER);
  return needed <= 10_000
    ? `add workers (\`workers: ${needed}\`) or lower \`${key}\``
    : `no cluster holds that many: lower \`${key}\``;
}
