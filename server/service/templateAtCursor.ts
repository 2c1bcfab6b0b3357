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

interface NameAt {
  name: string;
  start: number;
  end: number;
}

/** A name in the cursor's line: where it is, and the columns in which the cursor selects it. */
interface Candidate {
  name: string;
  nameColumn: number;
  from: number;
  to: number;
}

/** The first candidate of the cursor's line that the cursor is in, with the name's document offsets. */
function nameAtCursor(
  doc: ParsedDocument,
  offset: number,
  candidates: (line: string) => Iterable<Candidate>,
): NameAt | undefined {
  const { lineStart, before, after } = lineAround(doc, offset);
  const cursor = before.length;
  for (const c of candidates(before + after))
    if (cursor >= c.from && cursor <= c.to)
      return { name: c.name, start: lineStart + c.nameColumn, end: lineStart + c.nameColumn + c.name.length };
  return undefined;
}

/** The function name under the cursor in a `{{ name(...) }}` call, and its offsets. */
export function templateCallAt(doc: ParsedDocument, offset: number): NameAt | undefined {
  return nameAtCursor(doc, offset, function* (line) {
    for (const hole of line.matchAll(/\{\{(.*?)\}\}/g))
      for (const m of hole[1].matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
        const from = hole.index + 2 + m.index;
        yield { name: m[1], nameColumn: from, from, to: from + m[1].length };
      }
  });
}

/** The complete `{{ name }}` reference under the cursor: the name and the offsets of the name. */
export function templateRefAt(doc: ParsedDocument, offset: number): NameAt | undefined {
  return nameAtCursor(doc, offset, function* (line) {
    for (const m of line.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g))
      yield {
        name: m[1],
        nameColumn: m.index + m[0].indexOf(m[1], 2),
        from: m.index,
        to: m.index + m[0].length,
      };
  });
}
