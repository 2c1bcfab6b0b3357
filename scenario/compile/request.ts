// One HTTP request (inline in a task or loop, or a step), and `emit` steps.
import type { Node, Scalar, YAMLMap } from 'yaml';
import { HTTP_METHODS } from '../model';
import type { EmitStep, HttpMethod, RequestStep, Step, Template, ThinkStep } from '../model';
import type { Ctx } from './context';
import { builtinEvent } from '../events';
import { closest } from '../suggest';
import { compileCaptures, compileChecks } from './responseRules';
import { compileAuth, compileRequestBody } from './bodies';
import { templateAt } from './templateScope';
import type { Scope } from './templateScope';
import { compileThinkValue } from './think';

export const METHOD_KEYS = HTTP_METHODS.map((m) => m.toLowerCase());
export const REQUEST_ONLY_KEYS = [
  'headers',
  'query',
  'json',
  'body',
  'form',
  'multipart',
  'auth',
  'capture',
  'check',
  'timeout',
  'repeat',
];

/** The method keys present in a map, in document order. */
export function methodPairs(
  ctx: Ctx,
  map: YAMLMap,
): Array<{ method: HttpMethod; key: Scalar; value: Scalar | null }> {
  const out: Array<{ method: HttpMethod; key: Scalar; value: Scalar | null }> = [];
  for (const item of map.items) {
    const key = ctx.scalar(item.key);
    if (key && typeof key.value === 'string' && METHOD_KEYS.includes(key.value)) {
      out.push({ method: key.value.toUpperCase() as HttpMethod, key, value: ctx.scalar(item.value) ?? null });
    }
  }
  return out;
}

function templateMap(ctx: Ctx, node: unknown, scope: Scope): Record<string, Template> {
  const out: Record<string, Template> = {};
  const map = ctx.map(node);
  if (!map) return out;
  for (const item of map.items) {
    const key = ctx.scalar(item.key);
    const value = ctx.scalar(item.value);
    if (!key || !value || value.value === null || typeof value.value === 'object') continue;
    out[String(key.value)] = templateAt(ctx, value, scope);
  }
  return out;
}

/** True when a key looks like a misspelt method or `emit` (reported as an unknown key with a suggestion). */
export function hasMisspeltMethod(ctx: Ctx, map: YAMLMap): boolean {
  return map.items.some((item) => {
    const key = ctx.scalar(item.key);
    return (
      key !== undefined &&
      typeof key.value === 'string' &&
      closest(key.value, [...METHOD_KEYS, 'emit']) !== undefined
    );
  });
}

/** The capture names a request map defines (before compiling it, for scope checks). */
export function captureNames(ctx: Ctx, map: YAMLMap): Array<{ name: string; key: Scalar }> {
  const captures = ctx.map(ctx.value(map, 'capture'));
  if (!captures) return [];
  const out: Array<{ name: string; key: Scalar }> = [];
  for (const item of captures.items) {
    const key = ctx.scalar(item.key);
    if (key) out.push({ name: String(key.value), key });
  }
  return out;
}

/**
 * Compiles the request written in `map`. `where` names the owner in messages. Reports a missing or
 * doubled method; returns undefined when there is no usable request.
 */
export function compileRequest(ctx: Ctx, map: YAMLMap, scope: Scope, where: string): RequestStep | undefined {
  const methods = methodPairs(ctx, map);
  if (methods.length === 0) return undefined;
  for (const extra of methods.slice(1)) {
    ctx.report.error(
      extra.key,
      'several-methods',
      `one request per ${where}: \`${methods[0].key.value}\` is already given; put \`${extra.key.value}\` in its own step`,
    );
  }
  const { method, key: methodKey, value } = methods[0];
  if (!value || typeof value.value !== 'string') return undefined;
  const url = templateAt(ctx, value, scope);
  const path = value.value.trim();
  if (!/^(\/|https?:\/\/|\{\{)/i.test(path)) {
    ctx.report.error(
      value,
      'bad-url',
      `\`${path}\` is not a path or URL: start with \`/\` (relative to \`target\`) or \`http://\`/\`https://\``,
      `/${path}`,
    );
  }
  const nameNode = ctx.str(map, 'name');
  const name = nameNode?.value ?? value.value;
  ctx.requestNames.add(name);
  if (ctx.editorIndex)
    ctx.index.requests.push({
      name,
      method,
      range: ctx.range(nameNode?.node ?? value),
      methodRange: ctx.range(methodKey),
    });

  const step: RequestStep = {
    kind: 'request',
    name,
    method,
    url,
    headers: templateMap(ctx, ctx.value(map, 'headers'), scope),
    query: templateMap(ctx, ctx.value(map, 'query'), scope),
    captures: compileCaptures(ctx, ctx.map(ctx.value(map, 'capture'))),
    checks: compileChecks(ctx, ctx.map(ctx.value(map, 'check')), scope),
  };
  const body = compileRequestBody(ctx, map, scope);
  if (body) step.body = body;
  const auth = compileAuth(ctx, ctx.value(map, 'auth'), scope);
  if (auth) step.auth = auth;
  const timeoutMs = ctx.duration(map, 'timeout');
  if (timeoutMs !== undefined) {
    if (timeoutMs <= 0)
      ctx.report.error(ctx.value(map, 'timeout') as Node, 'out-of-range', '`timeout` must be above zero');
    step.timeoutMs = timeoutMs;
  }
  const repeat = ctx.map(ctx.value(map, 'repeat'));
  if (repeat) {
    const until = compileChecks(ctx, ctx.map(ctx.value(repeat, 'until')), scope);
    const untilNode = ctx.value(repeat, 'until');
    if (untilNode && ctx.map(untilNode) && until.length === 0 && ctx.map(untilNode)?.items.length === 0) {
      ctx.report.error(
        untilNode,
        'empty-until',
        '`until` needs at least one check, e.g. `{ json.state: done }`',
      );
    }
    step.repeat = {
      until,
      everyMs: ctx.duration(repeat, 'every') ?? 1000,
      max: ctx.num(repeat, 'max') ?? 10,
    };
  }
  return step;
}

/** A step of a task or loop: a request, `emit` or a `think` pause. */
export function compileStep(ctx: Ctx, node: Node, scope: Scope): Step | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  const emit = ctx.pair(map, 'emit');
  const methods = methodPairs(ctx, map);
  const think = ctx.pair(map, 'think');
  if (think && !emit && !methods.length) {
    for (const k of [...REQUEST_ONLY_KEYS, 'name', 'attributes']) {
      const p = ctx.pair(map, k);
      if (p)
        ctx.report.error(
          p.key,
          'not-for-think',
          `a \`think\` step is only a pause; \`${k}\` belongs to a request`,
        );
    }
    const out: ThinkStep = { kind: 'think', think: compileThinkValue(ctx, think.value as Node | null) };
    if (out.think.kind === 'pacing') {
      ctx.report.error(
        think.value as Node,
        'pacing-in-step',
        "`pacing` sets an iteration period, so it belongs to the user kind's `think`; a step pauses for `2s` or `between(1s, 3s)`",
      );
    }
    return out;
  }
  if (think)
    ctx.report.error(
      think.key,
      'think-and-request',
      'a step is a request, `emit` or `think`; put the pause in its own step (`- think: 2s`)',
    );
  if (emit) {
    if (methods.length) {
      ctx.report.error(
        methods[0].key,
        'emit-and-request',
        'a step is either a request or `emit`; put the request in its own step',
      );
    }
    for (const k of REQUEST_ONLY_KEYS) {
      const p = ctx.pair(map, k);
      if (p && !methods.length)
        ctx.report.error(
          p.key,
          'not-for-emit',
          `\`${k}\` belongs to a request; an \`emit\` step takes \`attributes\``,
        );
    }
    const eventNode = ctx.scalar(emit.value);
    if (!eventNode || typeof eventNode.value !== 'string') return undefined;
    const event = eventNode.value;
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(event)) {
      ctx.report.error(
        eventNode,
        'bad-event-name',
        `\`${event}\` is not an event name: use letters, digits, _, - and .`,
      );
    } else if (builtinEvent(event)) {
      ctx.report.error(
        eventNode,
        'reserved-event',
        `\`${event}\` is a built-in event; choose another name for a custom event`,
      );
    }
    ctx.index.events.push({ name: event, range: ctx.range(eventNode) });
    const out: EmitStep = {
      kind: 'emit',
      event,
      attributes: templateMap(ctx, ctx.value(map, 'attributes'), scope),
    };
    return out;
  }
  const attributes = ctx.pair(map, 'attributes');
  if (attributes)
    ctx.report.error(attributes.key, 'attributes-without-emit', '`attributes` belongs to an `emit` step');
  if (!methods.length) {
    if (hasMisspeltMethod(ctx, map)) return undefined; // the unknown-key diagnostic says it better
    ctx.report.add(
      ctx.firstLine(map),
      'error',
      'missing-request',
      'a step needs a request (`get: /path`, `post: ...`, ...), `emit: eventName` or `think: 2s`',
    );
    return undefined;
  }
  return compileRequest(ctx, map, scope, 'step');
}
