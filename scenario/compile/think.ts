// Think times: a user kind's `think:` (after each iteration) and a `think:` step (a pause inside a
// sequence) read the same values.
import type { Node } from 'yaml';
import { parseThink } from '../durations';
import type { Think } from '../model';
import type { Ctx } from './context';

/** Compiles a think-time value node; a bad value is reported and reads as no pause. */
export function compileThinkValue(ctx: Ctx, value: Node | null | undefined): Think {
  const node = ctx.scalar(value);
  if (!node || node.value == null) return { kind: 'none' };
  if (typeof node.value === 'number') {
    if (node.value === 0) return { kind: 'none' };
    ctx.report.error(node, 'bad-think', 'a think time needs a unit (ms, s, m or h)', `${node.value}s`);
    return { kind: 'none' };
  }
  if (typeof node.value !== 'string') return { kind: 'none' };
  const parsed = parseThink(node.value);
  if ('error' in parsed) {
    ctx.report.error(node, 'bad-think', parsed.error, parsed.suggestion);
    return { kind: 'none' };
  }
  return parsed.think;
}
