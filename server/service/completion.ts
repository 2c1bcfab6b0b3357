// Completion: keys the schema allows at the cursor (minus those already present), enum values and
// examples, think and duration forms, inside `{{ }}` variable and capture names, the template
// functions (as snippets) and `env.`, and tracker
// filters. Pure: a parsed document and an offset in, items out.
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { isMap } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { HTTP_METHODS } from '../../scenario/model';
import { dottedRoots } from '../../scenario/templateRoots';
import { signatureOf, TEMPLATE_FUNCTIONS, type TemplateFunction } from '../../scenario/templateFunctions';
import type { PathSegment } from './astPath';
import { keyName, locate, nodeAtPath } from './astPath';
import type { CursorContext } from './cursorContext';
import { cursorContext } from './cursorContext';
import type { Outline } from './outline';
import { buildOutline, pairsOf, visibleCaptures } from './outline';
import type { ParsedDocument } from './parsedDocument';
import { lineAround, offsetsToRange } from './parsedDocument';
import type { JsonSchema } from './schemaNavigation';
import { allowedValues, describe, keysAt, schemasAt, typesOf } from './schemaNavigation';
import { openTemplateAt } from './templateAtCursor';
import { dataCompletions } from './dataSets';
import { completeTrackerFilter } from './trackerFilterCompletion';
import { completeThresholdName } from './thresholdCompletion';
import { keyDocumentation, valueText } from './schemaDocs';
import type { ScenarioIndex } from './nameIndex';
import { namesInScope } from './nameIndex';

const METHOD_KEYS = new Set(HTTP_METHODS.map((m) => m.toLowerCase()));

export function complete(
  doc: ParsedDocument,
  offset: number,
  schema: JsonSchema,
  index?: () => ScenarioIndex,
): CompletionList {
  const items = completeItems(doc, offset, schema, index);
  return { isIncomplete: false, items };
}

function completeItems(
  doc: ParsedDocument,
  offset: number,
  schema: JsonSchema,
  index?: () => ScenarioIndex,
): CompletionItem[] {
  const context = cursorContext(doc, offset);
  const template = openTemplateAt(doc, offset);
  if (template) {
    const path = context?.kind === 'value' ? context.path : locate(doc, offset).path;
    let items = templateNames(doc, buildOutline(doc), path);
    const scope = index ? namesInScope(index(), doc.text.positionAt(offset)) : undefined;
    if (scope) {
      // The analyzer's scope is the rule `stampede check` applies: offer exactly those names.
      items = items.filter((i) => scope.includes(i.label));
      for (const name of scope) {
        if (!items.some((i) => i.label === name))
          items.push({ label: name, kind: CompletionItemKind.Variable });
      }
    }
    if (index) items.push(...dataCompletions(index(), template.prefix));
    // The table of functions and the dotted roots are known without the analysis; after a dot
    // (`{{ accounts.`) only the root's fields (data columns, env names) make sense.
    if (!template.prefix.includes('.')) {
      if (!template.argument) items.push(...templateFunctionItems());
      items.push(...templateRootItems());
    }
    return items.map((item) => withEdit(doc, item, template.start, template.end));
  }
  const { before, after } = lineAround(doc, offset);
  const threshold = completeThresholdName(
    doc.text.getText(),
    doc.text.positionAt(offset).line,
    before,
    after,
    offset,
    () => buildOutline(doc),
  );
  if (threshold) return threshold.items.map((item) => withEdit(doc, item, threshold.start, threshold.end));
  if (!context) return [];
  if (context.kind === 'key') return keyItems(doc, context, schema);
  return valueItems(doc, context, offset, schema);
}

function withEdit(doc: ParsedDocument, item: CompletionItem, start: number, end: number): CompletionItem {
  const newText = item.insertText ?? item.label;
  return { ...item, textEdit: { range: offsetsToRange(doc, start, end), newText }, insertText: undefined };
}

/** `uuid()`, `randomInt(min, max)`, ...: one item per function of the table, as a snippet. */
function templateFunctionItems(): CompletionItem[] {
  return Object.entries(TEMPLATE_FUNCTIONS).map(([name, f]: [string, TemplateFunction]) => ({
    label: name,
    kind: CompletionItemKind.Function,
    detail: signatureOf(name, f),
    documentation: { kind: MarkupKind.Markdown, value: `${f.doc}\n\nExample: \`${f.example}\`` },
    insertText: `${name}(${f.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `2${name}`,
  }));
}

/** `env.`: the root known without the analysis (data sets come from the index: dataSets.ts). */
function templateRootItems(): CompletionItem[] {
  return [...dottedRoots([], []).values()].map((root) => ({
    label: `${root.name}.`,
    kind: CompletionItemKind.Module,
    documentation: { kind: MarkupKind.Markdown, value: root.doc },
    sortText: `3${root.name}`,
  }));
}

/** Variables, and captures of the steps before the one at `path`. */
function templateNames(
  doc: ParsedDocument,
  outline: Outline,
  path: readonly PathSegment[],
): CompletionItem[] {
  const source = doc.text.getText();
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  // Nearest capture first: a later capture of the same name shadows an earlier one and variables.
  for (const capture of visibleCaptures(outline, path).reverse()) {
    if (seen.has(capture.name)) continue;
    seen.add(capture.name);
    const from = capture.valueNode?.range
      ? source.slice(capture.valueNode.range[0], capture.valueNode.range[1])
      : '';
    const where = capture.step.entryName ? ` of \`${capture.step.entryName}\`` : '';
    items.push({
      label: capture.name,
      kind: CompletionItemKind.Variable,
      detail: `capture: ${from}`,
      documentation: { kind: MarkupKind.Markdown, value: `Captured from the response${where}: \`${from}\`` },
      sortText: `0${capture.name}`,
    });
  }
  for (const variable of outline.variables) {
    if (seen.has(variable.name)) continue;
    seen.add(variable.name);
    const value = variable.valueNode?.range
      ? source.slice(variable.valueNode.range[0], variable.valueNode.range[1])
      : '';
    items.push({
      label: variable.name,
      kind: CompletionItemKind.Variable,
      detail: `variable: ${value}`,
      sortText: `1${variable.name}`,
    });
  }
  return items;
}

function presentKeys(
  doc: ParsedDocument,
  mapPath: readonly PathSegment[],
  start: number,
  end: number,
): Set<string> {
  const node = nodeAtPath(doc, mapPath);
  const keys = new Set<string>();
  if (!isMap(node)) return keys;
  for (const pair of pairsOf(node)) {
    const key = pair.key as YamlNode | null;
    // The key being typed at the cursor is not "already present".
    if (key?.range && key.range[0] <= end && key.range[1] >= start) continue;
    keys.add(keyName(pair)!);
  }
  return keys;
}

function keyItems(
  doc: ParsedDocument,
  context: Extract<CursorContext, { kind: 'key' }>,
  schema: JsonSchema,
): CompletionItem[] {
  const keys = keysAt(schema, context.mapPath);
  // No keys here: a list of scalars (`- |` in thresholds) takes values, but not inside `{ }`.
  if (!keys.length) return context.present === undefined ? itemValues(doc, context, schema) : [];
  const present = presentKeys(doc, context.mapPath, context.start, context.end);
  for (const key of context.present ?? []) present.add(key);
  const range = offsetsToRange(doc, context.start, context.end);
  return keys
    .filter((k) => !present.has(k.key))
    .map((k, index) => {
      const isMethod = METHOD_KEYS.has(k.key);
      const types = typesOf(k.schemas);
      const detail = isMethod ? `HTTP ${k.key.toUpperCase()} request` : [...types].join(' | ') || undefined;
      return {
        label: k.key,
        kind: isMethod ? CompletionItemKind.Method : CompletionItemKind.Property,
        detail,
        documentation: { kind: MarkupKind.Markdown, value: keyDocumentation(k.key, k.schemas) },
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${k.key}: $0` },
        sortText: String(index).padStart(3, '0'),
      } satisfies CompletionItem;
    });
}

/** `- |` in a list of scalars (thresholds): offer the item schema's examples. */
function itemValues(
  doc: ParsedDocument,
  context: Extract<CursorContext, { kind: 'key' }>,
  schema: JsonSchema,
): CompletionItem[] {
  const schemas = schemasAt(schema, context.mapPath);
  if (!schemas.length || typesOf(schemas).has('object')) return [];
  const range = offsetsToRange(doc, context.start, context.end);
  return scalarSuggestions(schemas, []).map((item) => ({
    ...item,
    textEdit: { range, newText: item.insertText ?? item.label },
    insertText: undefined,
  }));
}

const THINK_FORMS: CompletionItem[] = [
  {
    label: 'between(1s, 3s)',
    kind: CompletionItemKind.Snippet,
    insertText: 'between(${1:1s}, ${2:3s})',
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: 'A uniform random pause between the two durations.',
  },
  {
    label: 'pacing(5s)',
    kind: CompletionItemKind.Snippet,
    insertText: 'pacing(${1:5s})',
    insertTextFormat: InsertTextFormat.Snippet,
    documentation: 'A fixed iteration period: the pause is whatever remains of it.',
  },
  { label: '2s', kind: CompletionItemKind.Value, documentation: 'A constant pause.' },
  { label: 'none', kind: CompletionItemKind.Value, documentation: 'No pause.' },
];
const DURATION_FORMS = ['250ms', '1s', '10s', '1m', '1h'];

function scalarSuggestions(schemas: readonly JsonSchema[], lastKey: PathSegment[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  const add = (label: string, item: Partial<CompletionItem> = {}) => {
    if (!items.some((i) => i.label === label)) items.push({ label, kind: CompletionItemKind.Value, ...item });
  };
  for (const value of allowedValues(schemas)) add(valueText(value), { kind: CompletionItemKind.EnumMember });
  const patterns = schemas.map((s) => s.pattern ?? '');
  const isThink = lastKey[0] === 'think' || patterns.some((p) => p.includes('between'));
  const isDuration = !isThink && patterns.some((p) => p.includes('ms|s|m|h'));
  if (isThink) for (const form of THINK_FORMS) add(form.label, form);
  if (typesOf(schemas).has('boolean') && typesOf(schemas).size === 1)
    for (const b of ['true', 'false']) add(b, { kind: CompletionItemKind.Keyword });
  for (const example of describe(schemas).examples) {
    if (example === null || typeof example !== 'object') add(valueText(example));
  }
  if (isDuration) for (const d of DURATION_FORMS) add(d);
  return items;
}

function valueItems(
  doc: ParsedDocument,
  context: Extract<CursorContext, { kind: 'value' }>,
  offset: number,
  schema: JsonSchema,
): CompletionItem[] {
  const path = context.path;
  const key = path[path.length - 1];
  if (path.length === 3 && path[0] === 'trackers' && (key === 'start' || key === 'end')) {
    const result = completeTrackerFilter(context.prefix, offset, buildOutline(doc), key);
    if (!result) return [];
    return result.items.map((item) =>
      withEdit(doc, item, result.edit.start, Math.max(result.edit.end, offset)),
    );
  }
  const schemas = schemasAt(schema, path);
  if (!schemas.length) return [];
  const prefix = context.prefix;
  // Offer plain values only at the start of a plain value (not in a quoted string or flow collection).
  if (/^["']|[[{]/.test(prefix)) return [];
  return scalarSuggestions(schemas, [key ?? '']).map((item) =>
    withEdit(doc, item, context.start, context.end),
  );
}
