// `stampede try`: one virtual user through one iteration of each user kind (or the one asked
// for), in this process, with the runner and HTTP client every run uses (engine/runner,
// engine/http): the same request bytes, checks, captures, cookies and data rows. An observer
// (engine/runner/observer.ts) sees each exchange; the result is masked for secrets before anyone
// sees it.
import type { Scenario, Task, UserKind } from '../../scenario/model';
import { TRY_RESULT_FORMAT, type TryExchange, type TryResult } from '../../common/tryResult';
import type { LoadedDataSet } from '../data/masterData';
import type { DataRows } from '../data/workerData';
import { unpackRow } from '../data/packedRows';
import { parseOrigin, type Origin } from '../http/index';
import type { RunInputs } from '../inputs/runInputs';
import type { Logger } from '../log';
import { connectionOptions } from '../runner/connections';
import { createRunContext } from '../runner/context';
import { withEnv } from '../runner/runEnv';
import { VirtualUser } from '../runner/virtualUser';
import { createSecretMask } from '../secrets/mask';
import { createStatsCollector } from '../stats/collector';
import { hintFor } from '../stats/verdict';
import { createTrackerSet } from '../trackers/index';
import { toTryExchange } from './exchange';
import { stepPlaces } from './stepPlaces';

export interface TryOptions {
  file: string;
  source: string;
  scenario: Scenario;
  inputs: RunInputs;
  /** Base URL for relative requests (overrides the scenario's target). */
  target?: string;
  insecure?: boolean;
  /** Only this user kind. */
  user?: string;
  /** Only this task (of the kind that has it). */
  task?: string;
  log: Logger;
}

/** A `--user` or `--task` that names nothing: the names there are, for the message. */
export class TryChoiceError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The kinds to try, each with the task it runs (the named one, else one picked by weight as runs do). */
export function chooseIterations(
  scenario: Scenario,
  user?: string,
  task?: string,
): Array<{ kind: UserKind; task?: Task }> {
  let kinds = scenario.users;
  if (user !== undefined) {
    kinds = kinds.filter((k) => k.name === user);
    if (kinds.length === 0)
      throw new TryChoiceError(
        `no user kind named "${user}"`,
        `user kinds: ${scenario.users.map((k) => k.name).join(', ') || 'none'}`,
      );
  }
  if (task === undefined) return kinds.map((kind) => ({ kind }));
  const withTask = kinds.flatMap((kind) =>
    kind.tasks.filter((t) => t.name === task).map((t) => ({ kind, task: t })),
  );
  if (withTask.length === 0) {
    const names = kinds.flatMap((k) => k.tasks.map((t) => t.name));
    throw new TryChoiceError(
      `no task named "${task}"${user !== undefined ? ` in user kind "${user}"` : ''}`,
      `tasks: ${names.join(', ') || 'none'}`,
    );
  }
  return withTask.slice(0, 1);
}

/** Rows for one try: the first row of each sequential or unique set, a random one of a random set. */
function tryRows(sets: readonly LoadedDataSet[] | undefined): DataRows | undefined {
  if (sets === undefined || sets.length === 0) return undefined;
  const byName = new Map(sets.map((s) => [s.spec.name, s]));
  const next = new Map<string, number>();
  return {
    keys: (set) => byName.get(set)?.table.columns.map((c) => `${set}.${c}`) ?? [],
    take(set) {
      const s = byName.get(set);
      if (s === undefined || s.table.rows.length === 0) return undefined;
      const n = s.table.rows.length;
      const i = s.spec.pick === 'random' ? Math.floor(Math.random() * n) : (next.get(set) ?? 0) % n;
      next.set(set, i + 1);
      return unpackRow(s.table.rows[i]);
    },
  };
}

/** True for an error that means the request never reached a server (engine/http/errorText.ts). */
function connectFailure(error: string): boolean {
  return /^(connection refused|connection reset while connecting|connect timed out|host unreachable|network unreachable|host name not found|host name lookup failed|connect failed)|^timeout after .* connecting/.test(
    error,
  );
}

export async function tryScenario(o: TryOptions): Promise<TryResult> {
  const chosen = chooseIterations(o.scenario, o.user, o.task);
  const scenario = withEnv(o.scenario, o.inputs.env);
  const targetUrl = o.target ?? scenario.target;
  let target: Origin | undefined;
  if (targetUrl !== undefined) target = parseOrigin(targetUrl);
  const places = stepPlaces(o.scenario, o.source);
  const exchanges: TryExchange[] = [];
  const ctx = createRunContext({
    scenario,
    target,
    runId: 'try',
    stats: createStatsCollector(),
    trackers: createTrackerSet(scenario.trackers, { runId: 'try', workerId: 'try' }),
    log: o.log,
    connection: { ...connectionOptions(scenario, o.insecure), timed: true },
    files: new Map(Object.entries(o.inputs.files)),
    data: tryRows(o.inputs.data),
    observer: (e) => exchanges.push(toTryExchange(e, places.get(e.step))),
  });
  const iterations: TryResult['iterations'] = [];
  let id = 0;
  for (const { kind, task } of chosen) {
    const picked = task ?? ctx.taskPicker(kind).pick();
    iterations.push({ user: kind.name, ...(picked !== undefined ? { task: picked.name } : {}) });
    await new VirtualUser(++id, kind, ctx).tryOnce(picked);
  }
  const reached = exchanges.some((e) => e.response !== undefined);
  const firstError = exchanges.find((e) => e.transportError !== undefined)?.transportError;
  const unreachable =
    !reached && firstError !== undefined && connectFailure(firstError)
      ? `cannot reach the target: ${firstError}${hintFor(firstError) ? ` — ${hintFor(firstError)}` : ''}`
      : undefined;
  const result: TryResult = {
    format: TRY_RESULT_FORMAT,
    scenario: o.scenario.name,
    file: o.file,
    ...(targetUrl !== undefined ? { target: targetUrl } : {}),
    exchanges,
    iterations,
    ok: exchanges.every((e) => e.ok),
    ...(unreachable !== undefined ? { unreachable } : {}),
  };
  // Secrets leave as `***` in every field: headers, URLs, bodies, captured values, error texts.
  return createSecretMask(o.inputs.secretValues).value(result);
}
