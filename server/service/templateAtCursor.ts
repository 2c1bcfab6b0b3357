// `{{ name }}` holes around the cursor, found in the line's text (templates never span lines in
// the plain and quoted scalars people write; block scalars are matched line by line too).
import type { ParsedDocument } from './parsedDocument';
import { lineAround } from './parsedDocument';

const NAME = /[\w.-]*/y;

/** When the cursor is inside an open `{{`: the partial name typed so far and its offsets. */
export function openTemplateAt(
  doc: ParsedDocument,
  offset: number,
): { prefix: string; start: number; end: number } | undefined {
  const { before, after } = lineAround(doc, offset);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
  const inside = before.slice(open + 2);
  const match = /^\s*([\w.-]*)$/.exec(inside);
  if (!match) return undefined;
  NAME.lastIndex = 0;
  const rest = NAME.exec(after)?.[0] ?? '';
  return { prefix: match[1], start: offset - match[1].length, end: offset + rest.length };
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
