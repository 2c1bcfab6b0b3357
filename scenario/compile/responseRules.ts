// `capture:` and `check:` (also `repeat.until:`): where values are read from a response and what
// is asserted about it.
import type { YAMLMap } from 'yaml';
import type { Capture, Check, ResponseSource } from '../model';
import { closest, didYouMean } from '../suggest';
import { TEMPLATE_NAME } from '../templates';
import type { Ctx } from './context';
import { templateAt, type Scope } from './templateScope';

/** `items.0.id` -> ['items', 0, 'id'] */
export function jsonPath(text: string): Array<string | number> {
  if (!text) return [];
  return text.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** A regular expression's problem in a person's words, or undefined when it compiles. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : 'invalid';
    return `bad regular expression: ${detail}`;
  }
}

const CAPTURE_FORMS = ['json.', 'header.', 'regex(', 'status', 'body'];

export function parseCaptureSource(text: string): ResponseSource | { error: string; suggestion?: string } {
  const t = text.trim();
  if (t === 'status') return { from: 'status' };
  if (t === 'body') return { from: 'body' };
  if (t === 'json') return { from: 'json', path: [] };
  if (t.startsWith('json.')) {
    const path = t.slice(5);
    if (!path || path.split('.').some((s) => !s))
      return { error: `\`${t}\`: write a dotted path such as \`json.items.0.id\`` };
    return { from: 'json', path: jsonPath(path) };
  }
  if (t.startsWith('header.')) {
    const name = t.slice(7);
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      return { error: `\`${t}\`: write a header name such as \`header.location\`` };
    return { from: 'header', name: name.toLowerCase() };
  }
  const rx = /^regex\((.*)\)$/s.exec(t);
  if (rx) {
    const problem = regexProblem(rx[1]);
    if (problem) return { error: problem };
    return { from: 'regex', pattern: rx[1], flags: '' };
  }
  const head = /^[A-Za-z]+/.exec(t)?.[0] ?? t;
  const guess = closest(head, ['json', 'header', 'regex', 'status', 'body']);
  const suggestion =
    guess && (guess === 'status' || guess === 'body') ? guess : guess ? t.replace(head, guess) : undefined;
  return {
    error: `\`${t}\` is not a capture source; use ${CAPTURE_FORMS.map((f) => `\`${f}${f.endsWith('.') ? '…' : f.endsWith('(') ? '…)' : ''}\``).join(', ')}${didYouMean(suggestion)}`,
    suggestion,
  };
}

export function compileCaptures(ctx: Ctx, map: YAMLMap | undefined): Capture[] {
  const out: Capture[] = [];
  if (!map) return out;
  for (const item of map.items) {
    const key = ctx.scalar(item.key);
    if (!key) continue;
    const name = String(key.value);
    if (!TEMPLATE_NAME.test(name)) {
      ctx.report.error(
        key,
        'bad-name',
        `\`${name}\` is not a capture name: use letters, digits and _ (not starting with a digit)`,
      );
      continue;
    }
    const value = ctx.scalar(item.value);
    if (!value || typeof value.value !== 'string') continue;
    const source = parseCaptureSource(value.value);
    if ('error' in source) ctx.report.error(value, 'bad-capture', source.error, source.suggestion);
    else out.push({ as: name, source });
  }
  return out;
}

function regexOrEquals(
  ctx: Ctx,
  raw: unknown,
  node: Parameters<Ctx['range']>[0],
): { equals?: string; match?: string } | undefined {
  const text = String(raw);
  if (typeof raw === 'string' && text.startsWith('~')) {
    const problem = regexProblem(text.slice(1));
    if (problem) {
      ctx.report.error(node, 'bad-regex', problem);
      return undefined;
    }
    return { match: text.slice(1) };
  }
  return { equals: text };
}

/** `check:` or `repeat.until:`. */
export function compileChecks(ctx: Ctx, map: YAMLMap | undefined, scope: Scope): Check[] {
  const out: Check[] = [];
  if (!map) return out;
  for (const item of map.items) {
    const key = ctx.scalar(item.key);
    if (!key) continue;
    const k = String(key.value);
    const valueNode = ctx.scalar(item.value);
    if (k === 'status') {
      const codes = valueNode ? [valueNode.value] : ctx.seqItems(item.value).map((n) => ctx.scalar(n)?.value);
      if (codes.length && codes.every((c) => typeof c === 'number'))
        out.push({ kind: 'status', oneOf: codes });
    } else if (k === 'body') {
      if (valueNode && typeof valueNode.value === 'string')
        out.push({ kind: 'body', contains: valueNode.value });
    } else if (k.startsWith('json.') || k.startsWith('header.')) {
      const rest = k.slice(k.indexOf('.') + 1);
      if (!rest || (k.startsWith('json.') && rest.split('.').some((s) => !s))) {
        ctx.report.error(
          key,
          'bad-check',
          `\`${k}\`: write a path after the dot, such as \`json.state\` or \`header.content-type\``,
        );
        continue;
      }
      if (!valueNode) continue;
      const cmp = regexOrEquals(ctx, valueNode.value, valueNode);
      if (!cmp) continue;
      // An expected value with `{{ }}` holes is checked against the names in scope, like a URL.
      const equalsTemplate =
        cmp.match === undefined && typeof valueNode.value === 'string' && valueNode.value.includes('{{')
          ? templateAt(ctx, valueNode, scope)
          : undefined;
      if (k.startsWith('json.')) {
        const check: Check = { kind: 'json', path: jsonPath(rest) };
        if (cmp.match !== undefined) check.match = cmp.match;
        else if (equalsTemplate) check.equalsTemplate = equalsTemplate;
        else check.equals = valueNode.value;
        out.push(check);
      } else if (equalsTemplate) out.push({ kind: 'header', name: rest.toLowerCase(), equalsTemplate });
      else out.push({ kind: 'header', name: rest.toLowerCase(), ...cmp });
    }
    // Other keys: the schema reports them (unknown key, with "did you mean").
  }
  return out;
}
