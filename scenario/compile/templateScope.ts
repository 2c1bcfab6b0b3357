// Templates in values: compile them, and check every `{{ expression }}` (templateCheck.ts) against
// the names in scope (variables, and captures of earlier steps in the same task or loop), the
// dotted roots and the function table, at the exact range of the part at fault.
import { isAlias, isNode, isSeq, visit } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { deref, scalarText } from '../document';
import type { JsonTemplate, Template } from '../model';
import { compileTemplate, templateProblems, templateReferences } from '../templates';
import type { Ctx, Definition } from './context';
import { checkTemplateExpr } from './templateCheck';

export interface Scope {
  /** Names readable here. */
  names: Map<string, Definition>;
  /** Names captured by this step or a later one in the same sequence: why they are not readable yet. */
  notYet: Map<string, string>;
}

export function variableScope(variables: Definition[]): Scope {
  return { names: new Map(variables.map((d) => [d.name, d])), notYet: new Map() };
}

/** Compiles the string value of `scalar` as a template, reporting syntax and undefined names. */
export function templateAt(ctx: Ctx, scalar: Scalar, scope: Scope): Template {
  const text = scalarText(scalar.value);
  ctx.templated.add(scalar);
  if (ctx.editorIndex)
    ctx.index.templateScopes.push({ range: ctx.range(scalar), names: [...scope.names.keys()] });
  if (!text.includes('{{')) return compileTemplate(text);
  for (const p of templateProblems(text))
    ctx.report.errorInside(scalar, p.start, p.end, 'bad-template', p.message, p.suggestion);
  for (const ref of templateReferences(text)) if (ref.expr) checkTemplateExpr(ctx, scalar, scope, ref.expr);
  return compileTemplate(text);
}

/**
 * A JSON body's values, each alias counted as the value it names. Aliases can repeat a value
 * without writing it again, so a few lines could otherwise ask for billions of values (yaml's own
 * alias limit runs on the plain value, which a file with a YAML error never builds).
 */
export const JSON_BODY_MAX_VALUES = 100_000;

interface JsonWalk {
  /** The body's value: where a body too large is reported. */
  top: unknown;
  values: number;
  /** The collections the walk is inside of: an alias to one of them is a body containing itself. */
  inside: Set<Node>;
  refused: boolean;
}

/** A JSON body: strings become templates, the rest is kept as written. */
export function jsonTemplateAt(ctx: Ctx, node: unknown, scope: Scope): JsonTemplate {
  return jsonValue(ctx, node, scope, 0, { top: node, values: 0, inside: new Set(), refused: false });
}

function jsonValue(ctx: Ctx, raw: unknown, scope: Scope, depth: number, walk: JsonWalk): JsonTemplate {
  if (depth > 64 || walk.refused) return null;
  if (++walk.values > JSON_BODY_MAX_VALUES) {
    walk.refused = true;
    if (isNode(walk.top))
      ctx.report.error(
        walk.top,
        'json-too-large',
        `this JSON body holds more than ${JSON_BODY_MAX_VALUES.toLocaleString('en-US')} values (an alias counts as the value it names): no request needs that; look for aliases (\`*name\`) that repeat large values`,
      );
    return null;
  }
  const node = deref(ctx.parsed, raw);
  if (isAlias(raw) && node && walk.inside.has(node)) {
    walk.refused = true;
    ctx.report.error(
      raw,
      'json-cycle',
      `\`*${raw.source}\` names a value this body is part of: a JSON body cannot contain itself`,
    );
    return null;
  }
  const map = ctx.map(node);
  if (map) {
    walk.inside.add(map);
    const out: { [key: string]: JsonTemplate } = {};
    for (const item of map.items) {
      const key = ctx.scalar(item.key);
      if (!key) continue;
      out[String(key.value)] = jsonValue(ctx, item.value, scope, depth + 1, walk);
    }
    walk.inside.delete(map);
    return out;
  }
  const s = ctx.scalar(node);
  if (!s) {
    if (!isSeq(node)) return null;
    walk.inside.add(node);
    const items = node.items.map((i) => jsonValue(ctx, i, scope, depth + 1, walk));
    walk.inside.delete(node);
    return items;
  }
  if (typeof s.value === 'string') return templateAt(ctx, s, scope);
  if (typeof s.value === 'number' || typeof s.value === 'boolean' || s.value === null) return s.value;
  return compileTemplate(scalarText(s.value));
}

/**
 * A `{{ }}` in a value that is not a template (a variable's value, a JSON key, a `body` check, a
 * name) would be used exactly as written, braces and all: an error at the braces, never silence.
 * Runs after the compile steps, which mark every scalar they compiled as a template.
 */
export function reportStrayTemplates(ctx: Ctx, under: Node | Document = ctx.parsed.doc): void {
  visit(under, {
    Scalar(_, scalar) {
      if (typeof scalar.value !== 'string' || ctx.templated.has(scalar)) return;
      const text = scalar.value;
      if (!text.includes('{{')) return;
      for (const ref of templateReferences(text))
        ctx.report.errorInside(
          scalar,
          ref.outerStart,
          ref.outerEnd,
          'template-not-filled',
          `\`${text.slice(ref.outerStart, ref.outerEnd)}\` is not filled in here: this value is used as written. Templates work in a request's URL, headers, query values, body (json, form, multipart fields), auth and check values, and in \`defaults\` headers and auth`,
        );
    },
  });
}
