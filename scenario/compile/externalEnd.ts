// A tracker's `end: event[name="order done", json.orderId="{{ orderId }}"]`: an event from the
// system under test, received by a listener of `events:` on the master. The `name` condition
// says which listener; a condition whose value holds a template is a pairing key, rendered by
// the worker in the scope of the user whose request matched `start` (so a capture of that request
// is readable), and compared by the master with the event's value. The rest filter the event.
import type { YAMLMap } from 'yaml';
import type { FilterContext } from '../filters';
import type { EventFilter, ExternalEnd } from '../model';
import { DEFAULT_EXTERNAL_TIMEOUT_MS } from '../model';
import { closest, didYouMean } from '../suggest';
import { compileTemplate, templateProblems, templateReferences } from '../templates';
import type { Ctx } from './context';
import { checkTemplateExpr } from './templateCheck';
import type { Scope } from './templateScope';

/** True when a filter condition's value is a pairing key (holds a `{{ }}`). */
export function isKeyValue(value: string | number | boolean): value is string {
  return typeof value === 'string' && value.includes('{{');
}

export function externalEnd(
  ctx: Ctx,
  map: YAMLMap,
  filter: EventFilter,
  context: FilterContext,
): ExternalEnd | undefined {
  const scalar = ctx.str(map, 'end')!.node;
  const text = filter.source;
  const nameCondition = filter.conditions.find((c) => c.attr === 'name' && c.op === '=');
  if (!nameCondition || isKeyValue(nameCondition.value)) {
    ctx.report.error(
      scalar,
      'event-source',
      'an `event[...]` end names the listener it waits for: `event[name="order done", ...]` (a name under `events:`)',
    );
    return undefined;
  }
  const source = String(nameCondition.value);
  const listeners = context.listeners ?? [];
  if (!listeners.includes(source)) {
    const guess = closest(source, listeners);
    const at = text.indexOf(source);
    ctx.report.errorInside(
      scalar,
      at,
      at + source.length,
      'unknown-listener',
      `no listener under \`events:\` is named \`${source}\`: this tracker would never end${didYouMean(guess)}${guess || !listeners.length ? '' : `; listeners: ${listeners.map((l) => `\`${l}\``).join(', ')}`}`,
      guess,
      'warning',
    );
  }
  // Pairing keys read what the start's user holds: variables and any capture of the scenario.
  const scope: Scope = {
    names: new Map([...ctx.index.variables, ...ctx.index.captures].map((d) => [d.name, d])),
    notYet: new Map(),
  };
  for (const p of templateProblems(text))
    ctx.report.errorInside(scalar, p.start, p.end, 'bad-template', p.message, p.suggestion);
  for (const ref of templateReferences(text)) if (ref.expr) checkTemplateExpr(ctx, scalar, scope, ref.expr);
  const keys: ExternalEnd['keys'] = [];
  for (const c of filter.conditions) {
    if (!isKeyValue(c.value)) continue;
    if (c.op !== '=' || c.attr === 'name') {
      const at = text.indexOf(c.value);
      ctx.report.errorInside(
        scalar,
        at,
        at + c.value.length,
        'bad-filter',
        `a value read from the start (\`{{ }}\`) pairs with \`=\` on a \`json.<path>\` attribute, not \`${c.attr} ${c.op}\``,
      );
      return undefined;
    }
    keys.push({ attr: c.attr, value: compileTemplate(c.value) });
  }
  const timeoutNode = ctx.value(map, 'timeout');
  const timeoutMs = ctx.duration(map, 'timeout') ?? DEFAULT_EXTERNAL_TIMEOUT_MS;
  if (timeoutMs <= 0 && timeoutNode) {
    ctx.report.error(timeoutNode, 'out-of-range', '`timeout` must be above zero');
    return undefined;
  }
  return { source, keys, timeoutMs };
}
