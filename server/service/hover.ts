// Hover: a key's schema description and example; a template's resolved variable value or the
// capture that defines it; a template function's signature and what it gives; `env.NAME` and data
// sets; a built-in event or attribute inside a tracker filter. Diagnostics' messages are shown by the editor itself.
import { MarkupKind } from 'vscode-languageserver';
import type { Hover } from 'vscode-languageserver';
import type { Node as YamlNode } from 'yaml';
import { locate } from './astPath';
import { filterHover } from './filterHover';
import type { ParsedDocument } from './parsedDocument';
import { nodeRange, offsetsToRange } from './parsedDocument';
import type { JsonSchema } from './schemaNavigation';
import { schemasAt } from './schemaNavigation';
import { keyDocumentation } from './schemaDocs';
import { templateTargetAt } from './templateTargets';
import { dataReferenceHover, dataSetHover } from './dataSets';
import type { ScenarioIndex } from './nameIndex';
import { templateCallAt } from './templateAtCursor';
import { dottedRoots, type DottedRoot } from '../../scenario/templateRoots';
import { signatureOf, templateFunction } from '../../scenario/templateFunctions';

/** `env.TOKEN`: the `env` root it starts with (data sets' hover is dataSets.ts's, from the index). */
function rootOf(name: string): DottedRoot | undefined {
  const dot = name.indexOf('.');
  return dot > 0 ? dottedRoots([], []).get(name.slice(0, dot)) : undefined;
}

function sourceOf(doc: ParsedDocument, node: YamlNode | undefined): string {
  return node?.range ? doc.text.getText().slice(node.range[0], node.range[1]) : '';
}

export function hover(
  doc: ParsedDocument,
  offset: number,
  schema: JsonSchema,
  index?: () => ScenarioIndex,
): Hover | null {
  const call = templateCallAt(doc, offset);
  const fn = call && templateFunction(call.name);
  if (call) {
    const value = fn
      ? `**${signatureOf(call.name, fn)}** (template function)\n\n${fn.doc}\n\nExample: \`${fn.example}\``
      : `**${call.name}()** is not a template function.`;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: offsetsToRange(doc, call.start, call.end),
    };
  }
  const target = templateTargetAt(doc, offset);
  if (target) {
    const range = offsetsToRange(doc, target.start, target.end);
    const data = target.kind === 'undefined' && index ? dataReferenceHover(index(), target.name) : undefined;
    if (data !== undefined) return { contents: { kind: MarkupKind.Markdown, value: data }, range };
    let value: string;
    if (target.kind === 'variable') {
      value = `**${target.name}** (variable)\n\n\`\`\`yaml\n${target.name}: ${sourceOf(doc, target.def.valueNode)}\n\`\`\``;
      if (/^\s*\[|^\s*-/.test(sourceOf(doc, target.def.valueNode)))
        value += '\n\nOne value is picked per iteration.';
    } else if (target.kind === 'capture') {
      const step = target.step.entryName ? ` of \`${target.step.entryName}\`` : '';
      value = `**${target.name}** (capture)\n\nCaptured from the response${step}: \`${sourceOf(doc, target.def.valueNode)}\``;
    } else if (rootOf(target.name)) {
      value = `**${target.name}**\n\n${rootOf(target.name)!.doc}`;
    } else {
      value = `**${target.name}** is not defined here: declare it under \`variables\` or capture it in an earlier step.`;
    }
    return { contents: { kind: MarkupKind.Markdown, value }, range };
  }
  const inFilter = filterHover(doc, offset);
  if (inFilter) return inFilter;
  const at = locate(doc, offset);
  if (at.on !== 'key' || !at.node) return null;
  const key = at.path[at.path.length - 1];
  if (typeof key !== 'string') return null;
  const dataSet = at.path.length === 2 && at.path[0] === 'data' && index ? dataSetHover(index(), key) : undefined;
  if (dataSet !== undefined)
    return { contents: { kind: MarkupKind.Markdown, value: dataSet }, range: nodeRange(doc, at.node) };
  const schemas = schemasAt(schema, at.path);
  const text = keyDocumentation(key, schemas);
  if (!text) return null;
  return { contents: { kind: MarkupKind.Markdown, value: text }, range: nodeRange(doc, at.node) };
}
