// The top of a scenario: name, target, load, workers, defaults, variables, then users and the
// result parts. Returns the model (used only when no error was reported) and fills ctx.index.
import { byStart } from '../diagnostic';
import { compileSourceAddresses } from './sourceAddresses';
import type { Node } from 'yaml';
import { DEFAULT_TIMEOUT_MS } from '../model';
import type { Scenario, VariableValue } from '../model';
import type { Ctx, Definition } from './context';
import { compileLoad } from './load';
import { checkLoadSize } from './loadSize';
import { compileOutput, compileThresholds, compileTrackers } from './results';
import { compileEventListeners } from './events';
import { templateAt, variableScope } from './templateScope';
import { compileUsers } from './users';
import { compileAuth } from './bodies';
import { compileEnv } from './env';
import { compileData } from './data';
import { TEMPLATE_NAME } from '../templates';
import { mapPairs } from '../document';

export function compileVariables(
  ctx: Ctx,
  node: Node | null,
): { values: Record<string, VariableValue>; defs: Definition[] } {
  const values: Record<string, VariableValue> = {};
  const defs: Definition[] = [];
  const map = ctx.map(node);
  if (!map) return { values, defs };
  for (const { key, pair } of mapPairs(map)) {
    if (!TEMPLATE_NAME.test(key)) {
      ctx.report.error(
        pair.key,
        'bad-name',
        `\`${key}\` is not a variable name: use letters, digits and _ (not starting with a digit)`,
      );
      continue;
    }
    defs.push({
      name: key,
      kind: 'variable',
      range: ctx.range(pair.key),
      list: ctx.isSeq(ctx.value(map, key)),
    });
    const scalar = ctx.scalar(pair.value);
    if (scalar && scalar.value !== null && typeof scalar.value !== 'object') {
      values[key] = scalar.value as string | number | boolean;
      continue;
    }
    const items = ctx.seqItems(pair.value).map((n) => ctx.scalar(n)?.value);
    const seq = ctx.value(map, key);
    if (seq && ctx.isSeq(seq) && items.length === 0) {
      ctx.report.error(seq, 'empty-list', `\`${key}\` needs at least one value to pick from`);
      continue;
    }
    if (
      items.length &&
      items.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    ) {
      values[key] = items;
    }
  }
  return { values, defs };
}

function compileTarget(ctx: Ctx, node: Node | null): string | undefined {
  const s = ctx.scalar(node);
  if (!s || typeof s.value !== 'string') return undefined;
  const t = s.value.trim();
  if (!/^https?:\/\/[^/\s?#]+(\/[^\s]*)?$/i.test(t)) {
    ctx.report.error(
      s,
      'bad-target',
      `\`${t}\` is not a base URL: write e.g. \`http://127.0.0.1:8080\``,
      /^[\w.-]+(:\d+)?$/.test(t) ? `http://${t}` : undefined,
    );
    return undefined;
  }
  return t.replace(/\/+$/, '');
}

export function compileScenario(ctx: Ctx): Scenario | undefined {
  const root = ctx.map(ctx.parsed.doc.contents);
  if (!root) return undefined;
  const target = compileTarget(ctx, ctx.value(root, 'target'));
  const loadPair = ctx.pair(root, 'load');
  const load = loadPair ? compileLoad(ctx, ctx.value(root, 'load'), loadPair.key) : undefined;

  // Before any template: `{{ set.column }}` is checked against these.
  const data = compileData(ctx, ctx.value(root, 'data'));
  const { values: variables, defs } = compileVariables(ctx, ctx.value(root, 'variables'));
  ctx.index.variables.push(...defs);
  const scope = variableScope(defs);

  const defaultsMap = ctx.map(ctx.value(root, 'defaults'));
  const headers: Scenario['defaults']['headers'] = {};
  const headersMap = ctx.map(ctx.value(defaultsMap, 'headers'));
  for (const { key, pair } of headersMap ? mapPairs(headersMap) : []) {
    const v = ctx.scalar(pair.value);
    if (v && v.value !== null && typeof v.value !== 'object') headers[key] = templateAt(ctx, v, scope);
  }
  const timeoutMs = ctx.duration(defaultsMap, 'timeout') ?? DEFAULT_TIMEOUT_MS;
  const timeoutNode = ctx.value(defaultsMap, 'timeout');
  if (timeoutMs <= 0 && timeoutNode)
    ctx.report.error(timeoutNode, 'out-of-range', '`timeout` must be above zero');

  const auth = compileAuth(ctx, ctx.value(defaultsMap, 'auth'), scope);
  const cookies = ctx.scalar(ctx.value(defaultsMap, 'cookies'))?.value !== false;
  const insecure = ctx.scalar(ctx.value(defaultsMap, 'insecure'))?.value === true;
  // Written only when switched off, so a scenario without them compiles to what it always did.
  const keepAlive =
    ctx.scalar(ctx.value(defaultsMap, 'keepAlive'))?.value === false ? { keepAlive: false } : {};
  const resumeTlsSessions =
    ctx.scalar(ctx.value(defaultsMap, 'resumeTlsSessions'))?.value === false
      ? { resumeTlsSessions: false }
      : {};

  const users = compileUsers(ctx, ctx.value(root, 'users'), scope);
  if (loadPair && !ctx.pair(root, 'users')) {
    ctx.report.error(
      loadPair.key,
      'no-users',
      '`load` starts virtual users, but there are no `users:` (user kinds with tasks) for them to run',
    );
  }
  const requestNames = [...ctx.requestNames];
  const events = new Map<string, Set<string>>();
  for (const step of users.flatMap((u) => [...u.tasks, ...u.loops]).flatMap((t) => t.steps)) {
    if (step.kind !== 'emit') continue;
    const attrs = events.get(step.event) ?? new Set<string>();
    Object.keys(step.attributes).forEach((a) => attrs.add(a));
    events.set(step.event, attrs);
  }
  for (const e of ctx.index.events) if (!events.has(e.name)) events.set(e.name, new Set());
  const listeners = compileEventListeners(ctx, ctx.value(root, 'events'));
  const trackers = compileTrackers(ctx, ctx.value(root, 'trackers'), {
    listeners: listeners.map((l) => l.name),
    requestNames,
    events,
    userKinds: users.map((u) => u.name),
    taskNames: [...new Set(users.flatMap((u) => u.tasks.map((t) => t.name)))],
  });
  const thresholds = compileThresholds(
    ctx,
    ctx.value(root, 'thresholds'),
    requestNames,
    trackers.map((t) => t.metric),
  );
  const output = compileOutput(ctx, ctx.value(root, 'output'));

  const { env, secrets } = compileEnv(ctx, ctx.value(root, 'env'), ctx.value(root, 'secrets'));
  const workersNode = ctx.scalar(ctx.value(root, 'workers'));
  const workers = typeof workersNode?.value === 'number' ? workersNode.value : 'auto';
  checkLoadSize(ctx, ctx.value(root, 'load'), workers);
  const sourceAddresses = compileSourceAddresses(ctx, ctx.value(root, 'sourceAddresses'), target);
  if (!load) return undefined;
  const scenario: Scenario = {
    name: ctx.str(root, 'name')?.value ?? 'scenario',
    load,
    workers,
    defaults: {
      headers,
      timeoutMs,
      cookies,
      insecure,
      ...keepAlive,
      ...resumeTlsSessions,
      ...(auth ? { auth } : {}),
    },
    variables,
    env,
    secrets,
    // In document order, whatever order the parts were compiled in (itemwise.ts compiles tasks first).
    envUses: ctx.index.env.map((u) => ({ name: u.name, range: u.range })).sort(byStart),
    data,
    users,
    ...(listeners.length ? { events: listeners } : {}),
    trackers,
    thresholds,
    output,
  };
  if (target !== undefined) scenario.target = target;
  if (sourceAddresses?.length) scenario.sourceAddresses = sourceAddresses;
  return scenario;
}
