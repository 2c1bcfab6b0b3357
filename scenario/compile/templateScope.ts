// Templates in values: compile them, and check every `{{ name }}` against the names in scope
// (variables, and captures of earlier steps in the same task or loop) at the name's exact range.
import { visit } from 'yaml';
import type { Scalar } from 'yaml';
import { innerRange, scalarText } from '../document';
import type { JsonTemplate, Template } from '../model';
import { closest, didYouMean } from '../suggest';
import { compileTemplate, envNameOf, templateProblems, templateReferences } from '../templates';
import type { Range } from '../diagnostic';
import { dataReferenceOf } from '../dataFiles';
import type { Ctx, Definition } from './context';

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
  ctx.index.templateScopes.push({ range: ctx.range(scalar), names: [...scope.names.keys()] });
  if (!text.includes('{{')) return compileTemplate(text);
  for (const p of templateProblems(text))
    ctx.report.errorInside(scalar, p.start, p.end, 'bad-template', p.message);
  for (const ref of templateReferences(text)) {
    if (!ref.valid) continue;
    const range = innerRange(ctx.parsed, scalar, ref.start, ref.end);
    const envName = envNameOf(ref.name);
    if (envName !== undefined) {
      // Any name may come from the environment; whether it has a value is known only at run time.
      ctx.index.env.push({ name: envName, range });
      continue;
    }
    const data = dataReferenceOf(ref.name);
    if (data !== undefined) {
      checkDataReference(ctx, data.set, data.column, range);
      continue;
    }
    const definition = scope.names.get(ref.name);
    ctx.index.references.push({ name: ref.name, range, definition });
    if (definition) continue;
    const why = scope.notYet.get(ref.name);
    if (why) {
      ctx.report.add(range, 'error', 'undefined-name', `\`${ref.name}\` ${why}`);
      continue;
    }
    const suggestion = closest(ref.name, scope.names.keys());
    const later = suggestion === undefined ? closest(ref.name, scope.notYet.keys()) : undefined;
    if (later !== undefined) {
      ctx.report.add(
        range,
        'error',
        'undefined-name',
        `\`${ref.name}\` is not defined; \`${later}\` ${scope.notYet.get(later)}`,
      );
      continue;
    }
    const known = scope.names.size ? '' : ' (none are defined here)';
    ctx.report.add(
      range,
      'error',
      'undefined-name',
      `\`${ref.name}\` is not defined: no variable, and no capture of an earlier step, has this name${known}${didYouMean(suggestion)}`,
      suggestion,
    );
  }
  return compileTemplate(text);
}

/** A JSON body: strings become templates, the rest is kept as written. */
export function jsonTemplateAt(ctx: Ctx, node: unknown, scope: Scope, depth = 0): JsonTemplate {
  if (depth > 64) return null;
  const map = ctx.map(node);
  if (map) {
    const out: { [key: string]: JsonTemplate } = {};
    for (const item of map.items) {
      const key = ctx.scalar(item.key);
      if (!key) continue;
      out[String(key.value)] = jsonTemplateAt(ctx, item.value, scope, depth + 1);
    }
    return out;
  }
  const s = ctx.scalar(node);
  if (!s) {
    const items = ctx.seqItems(node);
    if (items.length || ctx.isSeq(node)) return items.map((i) => jsonTemplateAt(ctx, i, scope, depth + 1));
    return null;
  }
  if (typeof s.value === 'string') return templateAt(ctx, s, scope);
  if (typeof s.value === 'number' || typeof s.value === 'boolean' || s.value === null) return s.value;
  return compileTemplate(scalarText(s.value));
}

/**
 * `{{ set.column }}`: the set must be under `data:`; the column is checked when the data file
 * reader gave the file's columns (the CLI and the editor; a worker has no file and trusts the master).
 */
function checkDataReference(ctx: Ctx, setName: string, column: string, range: Range): void {
  const set = ctx.dataSets.get(setName);
  if (set === undefined) {
    const suggestion = closest(setName, [...ctx.dataSets.keys(), 'env']);
    const known = ctx.dataSets.size ? '' : ' (there is no `data:` section)';
    ctx.report.add(
      range,
      'error',
      'undefined-name',
      `\`${setName}\` is not a data set${known}: \`{{ set.column }}\` reads a column of a set under \`data:\`, \`{{ env.NAME }}\` the environment${didYouMean(suggestion)}`,
      suggestion === undefined ? undefined : `${suggestion}.${column}`,
    );
    return;
  }
  if (set.info === undefined || !set.info.ok || set.info.columns.includes(column)) return;
  const suggestion = closest(column, set.info.columns);
  ctx.report.add(
    range,
    'error',
    'unknown-column',
    `\`${setName}\` (${set.file ?? 'its file'}) has no column \`${column}\`; its columns are ${set.info.columns.map((c) => `\`${c}\``).join(', ')}${didYouMean(suggestion)}`,
    suggestion === undefined ? undefined : `${setName}.${suggestion}`,
  );
}

/**
 * A `{{ }}` in a value that is not a template (a variable's value, a JSON key, a `body` check, a
 * name) would be used exactly as written, braces and all: an error at the braces, never silence.
 * Runs after the compile steps, which mark every scalar they compiled as a template.
 */
export function reportStrayTemplates(ctx: Ctx): void {
  visit(ctx.parsed.doc, {
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
