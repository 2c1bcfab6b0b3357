// `{{ name }}` holes around the cursor, found in the line's text (templates never span lines in
// the plain and quoted scalars people write; block scalars are matched line by line too).
import type { ParsedDocument } from './parsedDocument';
import { lineAround } from './parsedDocument';

const NAME = /[\w.-]*/y;

/**
 * When the cursor is inside an open `{{`, at the start of the expression or of a call's argument
 * (`{{ base64(|`): the partial name typed so far, its offsets, and whether it is an argument
 * (calls do not nest, so no functions there).
 */
export function openTemplateAt(
  doc: ParsedDocument,
  offset: number,
): { prefix: string; start: number; end: number; argument: boolean } | undefined {
  const { before, after } = lineAround(doc, offset);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
  const inside = before.slice(open + 2);
  const match =
    /^\s*([\w.-]*)$/.exec(inside) ?? /^\s*[A-Za-z_]\w*\s*\((?:[^(),]*,)*\s*([\w.-]*)$/.exec(inside);
  if (!match) return undefined;
  NAME.lastIndex = 0;
  const rest = NAME.exec(after)?.[0] ?? '';
  return {
    prefix: match[1],
    start: offset - match[1].length,
    end: offset + rest.length,
    argument: !/^\s*[\w.-]*$/.test(inside),
  };
}

/** The function name under the cursor in a `{{ name(...) }}` call, and its offsets. */
export function templateCallAt(
  doc: ParsedDocument,
  offset: number,
): { name: string; start: number; end: number } | undefined {
  const { lineStart, before, after } = lineAround(doc, offset);
  const line = before + after;
  const cursor = before.length;
  for (const hole of line.matchAll(/\{\{(.*?)\}\}/g)) {
    const innerStart = hole.index + 2;
    for (const m of hole[1].matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
      const from = innerStart + m.index;
      const to = from + m[1].length;
      if (cursor >= from && cursor <= to) return { name: m[1], start: lineStart + from, end: lineStart + to };
    }
  }
  return undefined;
}

/** The complete `{{ name }}` reference under the cursor: the name and the offsets of the name. */
export function templateRefAt(
  doc: ParsedDocument,
  offset: number,
): { name: string; start: number; end: number } | undefined {
  const { lineStart, before, after } = lineAround(doc, offset);
  const line = before + after;
  const cursor = before.length;
  for (const m of line.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    const from = m.index;
    const to = from + m[0].length;
    if (cursor < from || cursor > to) continue;
    const nameStart = from + m[0].indexOf(m[1], 2);
    return { name: m[1], start: lineStart + nameStart, end: lineStart + nameStart + m[1].length };
  }
  return undefined;
}
