// `users:` — user kinds with their think time, tasks (picked by weight) and concurrent loops.
import type { Node, YAMLMap } from 'yaml';
import type { Loop, Step, Task, UserKind } from '../model';
import type { Ctx, Definition } from './context';
import {
  captureNames,
  compileRequest,
  compileStep,
  hasMisspeltMethod,
  methodPairs,
  REQUEST_ONLY_KEYS,
} from './request';
import type { Scope } from './templateScope';
import { compileThinkValue } from './think';

/**
 * Compiles a sequence of steps. A capture is readable from the next step on; a name captured by
 * this or a later step gets a message that says so, rather than "not defined".
 */
function compileSequence(ctx: Ctx, stepNodes: Node[], outer: Scope): Step[] {
  const names = new Map(outer.names);
  const captured = stepNodes.map((n) => {
    const map = ctx.map(n);
    return map ? captureNames(ctx, map) : [];
  });
  const steps: Step[] = [];
  stepNodes.forEach((node, i) => {
    const notYet = new Map(outer.notYet);
    captured.slice(i).forEach((list, j) =>
      list.forEach(({ name }) => {
        if (names.has(name) || notYet.has(name)) return;
        notYet.set(
          name,
          j === 0
            ? 'is captured by this same step: a capture is readable from the next step on'
            : 'is captured by a later step: a capture is readable only in the steps after it',
        );
      }),
    );
    const step = compileStep(ctx, node, { names: new Map(names), notYet });
    if (step) steps.push(step);
    for (const { name, key } of captured[i]) {
      const def: Definition = { name, kind: 'capture', range: ctx.range(key) };
      ctx.index.captures.push(def);
      if (outer.names.get(name)?.kind === 'variable') {
        ctx.report.warning(
          key,
          'shadows-variable',
          `the capture \`${name}\` hides the variable of the same name in later steps`,
        );
      }
      names.set(name, def);
    }
  });
  return steps;
}

/** The steps of a task or loop: `steps:` or one request written inline (not both). */
function compileBody(ctx: Ctx, map: YAMLMap, scope: Scope, what: 'task' | 'loop'): Step[] | undefined {
  const stepsPair = ctx.pair(map, 'steps');
  const methods = methodPairs(ctx, map);
  if (stepsPair && methods.length) {
    ctx.report.error(
      methods[0].key,
      'steps-and-request',
      `a ${what} has either one request inline or \`steps\`, not both; move \`${methods[0].key.value}\` into \`steps\``,
    );
    return undefined;
  }
  if (stepsPair) {
    for (const k of REQUEST_ONLY_KEYS) {
      const p = ctx.pair(map, k);
      if (p)
        ctx.report.error(
          p.key,
          'request-key-on-steps',
          `\`${k}\` belongs to a request: with \`steps\`, put it on the step it is for`,
        );
    }
    return compileSequence(ctx, ctx.seqItems(stepsPair.value), scope);
  }
  if (!methods.length) {
    if (hasMisspeltMethod(ctx, map)) return undefined;
    ctx.report.add(
      ctx.firstLine(map),
      'error',
      'missing-request',
      `a ${what} needs a request (\`get: /path\`, \`post: ...\`, ...) or \`steps\``,
    );
    return undefined;
  }
  const names = captureNames(ctx, map);
  const notYet = new Map(scope.notYet);
  for (const { name } of names)
    if (!scope.names.has(name))
      notYet.set(name, 'is captured by this same request: a capture is readable from the next step on');
  const request = compileRequest(ctx, map, { names: scope.names, notYet }, what);
  for (const { name, key } of names)
    ctx.index.captures.push({ name, kind: 'capture', range: ctx.range(key) });
  return request ? [request] : undefined;
}

export function compileTask(ctx: Ctx, node: Node, index: number, scope: Scope): Task | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  const steps = compileBody(ctx, map, scope, 'task');
  if (!steps) return undefined;
  const named = ctx.str(map, 'name')?.value;
  const first = steps[0];
  const name = named ?? (steps.length === 1 && first.kind === 'request' ? first.name : `task ${index + 1}`);
  return { name, weight: ctx.num(map, 'weight') ?? 1, steps: kept(ctx, steps) };
}

/** The steps a task or loop keeps (see Ctx.keepSteps). */
function kept(ctx: Ctx, steps: Step[]): Step[] {
  return ctx.keepSteps ? steps : steps.filter((s) => s.kind === 'emit');
}

export function compileLoop(ctx: Ctx, node: Node, scope: Scope): Loop | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  const everyMs = ctx.duration(map, 'every');
  const every = ctx.value(map, 'every');
  if (everyMs !== undefined && everyMs <= 0 && every)
    ctx.report.error(every, 'out-of-range', '`every` must be above zero');
  const steps = compileBody(ctx, map, scope, 'loop');
  return steps && everyMs !== undefined ? { everyMs, steps: kept(ctx, steps) } : undefined;
}

/**
 * `start:` steps (once when a user starts, e.g. log in). Their captures stay readable for the
 * user's whole life: in every task, loop and `stop:` step.
 */
function compileStartSteps(ctx: Ctx, map: YAMLMap, scope: Scope): { start: Step[]; scope: Scope } {
  const nodes = ctx.seqItems(ctx.value(map, 'start'));
  if (nodes.length === 0) return { start: [], scope };
  const start = compileSequence(ctx, nodes, scope);
  return { start, scope: lifeScope(ctx, nodes, scope) };
}

/** The scope of a user kind's tasks, loops and `stop:` steps: `scope` and what `start:` captures. */
export function lifeScope(ctx: Ctx, startNodes: Node[], scope: Scope): Scope {
  if (startNodes.length === 0) return scope;
  const names = new Map(scope.names);
  for (const node of startNodes) {
    const stepMap = ctx.map(node);
    for (const { name, key } of stepMap ? captureNames(ctx, stepMap) : [])
      names.set(name, { name, kind: 'capture', range: ctx.range(key) });
  }
  return { names, notYet: scope.notYet };
}

export function compileUsers(ctx: Ctx, node: Node | null, scope: Scope): UserKind[] {
  const kinds: UserKind[] = [];
  const seen = new Set<string>();
  ctx.seqItems(node).forEach((item, i) => {
    const map = ctx.map(item);
    if (!map) return;
    const nameNode = ctx.str(map, 'name');
    const name = nameNode?.value ?? `user ${i + 1}`;
    if (nameNode && seen.has(name))
      ctx.report.warning(nameNode.node, 'duplicate-name', `another user kind is also named \`${name}\``);
    seen.add(name);
    const think = compileThinkValue(ctx, ctx.value(map, 'think'));
    const { start, scope: life } = compileStartSteps(ctx, map, scope);
    // Compiled already as they were parsed (purpose `check`, itemwise.ts), or from the document.
    const tasks =
      ctx.streamed?.tasks(i) ??
      ctx.seqItems(ctx.value(map, 'tasks')).map((t, j) => compileTask(ctx, t, j, life));
    const loops =
      ctx.streamed?.loops(i) ?? ctx.seqItems(ctx.value(map, 'loops')).map((l) => compileLoop(ctx, l, life));
    const stop = compileSequence(ctx, ctx.seqItems(ctx.value(map, 'stop')), life);
    if (!ctx.pair(map, 'tasks') && !ctx.pair(map, 'loops')) {
      const at = nameNode?.node ?? map;
      ctx.report.add(
        nameNode ? ctx.range(at) : ctx.firstLine(map),
        'error',
        'no-tasks',
        `the user kind \`${name}\` needs \`tasks\` or \`loops\``,
      );
    }
    kinds.push({
      name,
      weight: ctx.num(map, 'weight') ?? 1,
      think,
      tasks: tasks.filter((t): t is Task => t !== undefined),
      loops: loops.filter((l): l is Loop => l !== undefined),
      start: ctx.keepSteps ? start : [],
      stop: ctx.keepSteps ? stop : [],
    });
  });
  return kinds;
}
