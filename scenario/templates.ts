// `{{ expression }}` templates (the grammar is in templateExpression.ts). A template compiles once
// into literal parts and holes, so the engine only concatenates and calls; the references (with
// offsets into the string) drive the diagnostics, completion and go-to-definition.
import { scalarText } from './document';
import type { Template, TemplatePart } from './model';
import { parseTemplateExpr } from './templateExpression';
import { ENV_ROOT } from './templateRoots';
import type { ExprSyntaxError, TemplateExpr } from './templateExpression';

export const TEMPLATE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface TemplateReference {
  /** The text inside the braces, trimmed (may be empty or invalid: see `valid`). */
  name: string;
  /** Offsets of that text inside the string (for an empty one, the inside of the braces). */
  start: number;
  end: number;
  /** Offsets of the whole `{{ ... }}`. */
  outerStart: number;
  outerEnd: number;
  /** The expression parsed without error. */
  valid: boolean;
  /** The parsed expression, offsets relative to the whole string. */
  expr?: TemplateExpr;
  /** Why it does not parse, offsets relative to the whole string. */
  error?: ExprSyntaxError;
}

export interface TemplateProblem {
  message: string;
  start: number;
  end: number;
  suggestion?: string;
}

/** Every `{{ ... }}` in a string, in order. An unclosed `{{` is not a reference (see templateProblems). */
export function templateReferences(text: string): TemplateReference[] {
  const refs: TemplateReference[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    const lead = inner.length - inner.trimStart().length;
    const name = inner.trim();
    const start = open + 2 + (name ? lead : 0);
    const ref: TemplateReference = {
      name,
      start,
      end: name ? start + name.length : close,
      outerStart: open,
      outerEnd: close + 2,
      valid: false,
    };
    if (name) {
      const parsed = parseTemplateExpr(name);
      if ('expr' in parsed) {
        ref.expr = shift(parsed.expr, start);
        ref.valid = true;
      } else
        ref.error = { ...parsed.error, start: parsed.error.start + start, end: parsed.error.end + start };
    }
    refs.push(ref);
    from = close + 2;
  }
  return refs;
}

function shift<T extends TemplateExpr>(e: T, by: number): T {
  const out = { ...e, start: e.start + by, end: e.end + by };
  if (out.kind === 'call') out.args = out.args.map((a) => shift(a, by));
  return out;
}

/** Syntax problems: unclosed braces, empty holes, text the grammar does not read. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const refs = templateReferences(text);
  for (const r of refs) {
    if (!r.name)
      problems.push({
        message:
          'empty template `{{ }}`: put a variable, a capture, `env.NAME` or a call such as `uuid()` inside',
        start: r.outerStart,
        end: r.outerEnd,
      });
    else if (r.error) {
      // `$env.TOKEN`, `$uuid()`: other tools' spellings; ours has no `$`.
      const dollar = /^\$([A-Za-z_][\w.]*(\(.*\))?)$/.exec(r.name);
      if (dollar)
        problems.push({
          message: `\`${r.name}\` is not a template expression: names have no \`$\``,
          start: r.start,
          end: r.end,
          suggestion: dollar[1],
        });
      else
        problems.push({
          message: `\`${r.name}\`: ${r.error.message}`,
          start: r.error.start,
          end: r.error.end,
        });
    }
  }
  const last = refs.length ? refs[refs.length - 1].outerEnd : 0;
  const unclosed = text.indexOf('{{', last);
  if (unclosed >= 0)
    problems.push({ message: 'unclosed template: `{{` without `}}`', start: unclosed, end: text.length });
  return problems;
}

/**
 * The name a hole reads when it is a plain name (`sku`) or `env.NAME`: the engine holds env values
 * as single-value variables named `env.NAME` (engine/runner/runEnv.ts), so requests that read only
 * variables and env stay prebuilt. Anything else (a call, a data column, a captured object's field)
 * is an expression evaluated per request.
 */
export function refOf(e: TemplateExpr): string | undefined {
  if (e.kind !== 'path') return undefined;
  if (e.fields.length === 0) return e.root;
  if (e.root === ENV_ROOT && e.fields.length === 1) return `${ENV_ROOT}.${e.fields[0]}`;
  return undefined;
}

/** Compiles a string into a Template. A string without holes has exactly one literal part. */
export function compileTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let literal = '';
  let from = 0;
  for (const r of templateReferences(source)) {
    if (!r.expr) continue;
    literal += source.slice(from, r.outerStart);
    if (literal) parts.push(literal);
    literal = '';
    const e = r.expr;
    const ref = refOf(e);
    parts.push(ref !== undefined ? { ref } : { expr: e });
    from = r.outerEnd;
  }
  literal += source.slice(from);
  if (literal || parts.length === 0) parts.push(literal);
  return { source, parts };
}

/** Fills a template's name holes from a lookup (missing names, and other expressions, become empty). */
export function renderTemplate(t: Template, lookup: (name: string) => unknown): string {
  if (t.parts.length === 1 && typeof t.parts[0] === 'string') return t.parts[0];
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else if ('ref' in p) out += scalarText(lookup(p.ref));
  }
  return out;
}
