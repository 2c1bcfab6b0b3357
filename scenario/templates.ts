// `{{ name }}` templates. A template compiles once into literal parts and references, so the
// engine only concatenates; the references (with offsets into the string) drive the "undefined
// name" diagnostic, completion and go-to-definition in the language server.
import { scalarText } from './document';
import type { Template } from './model';
import { DATA_REFERENCE } from './dataFiles';

export const TEMPLATE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `{{ env.NAME }}`: a value of the run's environment (the one dotted root until the expression grammar). */
export const ENV_REFERENCE = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The NAME of an `env.NAME` reference, else undefined. */
export function envNameOf(ref: string): string | undefined {
  return ENV_REFERENCE.exec(ref)?.[1];
}

export interface TemplateReference {
  /** The name as written, trimmed (may be empty or invalid: see `valid`). */
  name: string;
  /** Offsets of the name inside the string (for an empty name, the inside of the braces). */
  start: number;
  end: number;
  /** Offsets of the whole `{{ ... }}`. */
  outerStart: number;
  outerEnd: number;
  valid: boolean;
}

export interface TemplateProblem {
  message: string;
  start: number;
  end: number;
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
    refs.push({
      name,
      start,
      end: name ? start + name.length : close,
      outerStart: open,
      outerEnd: close + 2,
      valid: TEMPLATE_NAME.test(name) || DATA_REFERENCE.test(name),
    });
    from = close + 2;
  }
  return refs;
}

/** Syntax problems: unclosed braces, empty or malformed names. */
export function templateProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const refs = templateReferences(text);
  for (const r of refs) {
    if (!r.name)
      problems.push({
        message: 'empty template `{{ }}`: put a variable or capture name inside',
        start: r.outerStart,
        end: r.outerEnd,
      });
    else if (!r.valid)
      problems.push({
        message: `\`${r.name}\` is not a name: templates hold one variable or capture name (letters, digits, _) or \`env.NAME\``,
        start: r.start,
        end: r.end,
      });
  }
  const last = refs.length ? refs[refs.length - 1].outerEnd : 0;
  const unclosed = text.indexOf('{{', last);
  if (unclosed >= 0)
    problems.push({ message: 'unclosed template: `{{` without `}}`', start: unclosed, end: text.length });
  return problems;
}

/** Compiles a string into a Template. A string without holes has exactly one literal part. */
export function compileTemplate(source: string): Template {
  const parts: Template['parts'] = [];
  let literal = '';
  let from = 0;
  for (const r of templateReferences(source)) {
    if (!r.valid) continue;
    literal += source.slice(from, r.outerStart);
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ ref: r.name });
    from = r.outerEnd;
  }
  literal += source.slice(from);
  if (literal || parts.length === 0) parts.push(literal);
  return { source, parts };
}

/** Fills a template from a lookup (missing names become empty strings). */
export function renderTemplate(t: Template, lookup: (name: string) => unknown): string {
  if (t.parts.length === 1 && typeof t.parts[0] === 'string') return t.parts[0];
  let out = '';
  for (const p of t.parts) {
    if (typeof p === 'string') out += p;
    else out += scalarText(lookup(p.ref));
  }
  return out;
}
