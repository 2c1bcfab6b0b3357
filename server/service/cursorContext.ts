// Where the cursor is, judged from the text's indentation rather than from the AST, because the
// document being typed is usually not valid YAML yet (`    th|` has no colon, `  - |` is empty).
// Block style, and flow collections that open after a block key on the cursor's line
// (`load: { users: 3, du|`, see flowContext.ts).
import type { PathSegment } from './astPath';
import { flowContext, type FlowContext } from './flowContext';
import type { ParsedDocument } from './parsedDocument';
import { lineAround } from './parsedDocument';

export type CursorContext =
  /**
   * Typing a key: `mapPath` leads to the mapping the key belongs to; `present` lists keys written
   * before it in the same flow mapping (the tree may not have them while the text does not parse).
   */
  | { kind: 'key'; mapPath: PathSegment[]; prefix: string; start: number; end: number; present?: string[] }
  /** Typing a value after `key: `: `path` ends with that key. */
  | { kind: 'value'; path: PathSegment[]; prefix: string; start: number; end: number };

interface LineShape {
  indent: number;
  /** Columns of `- ` markers, outermost first. */
  dashes: number[];
  /** Column of the first character after indentation and dashes. */
  contentCol: number;
  /** The key, when the content is `key:` or `key: value`. */
  key?: string;
  blank: boolean;
}

const KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#:'"][^#]*?)\s*:(?:\s|$)/;

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function shapeOf(line: string): LineShape {
  const indent = line.length - line.trimStart().length;
  let pos = indent;
  const dashes: number[] = [];
  while (line[pos] === '-' && (pos + 1 === line.length || line[pos + 1] === ' ' || line[pos + 1] === '\t')) {
    dashes.push(pos);
    pos++;
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  }
  const content = line.slice(pos);
  const blank = content.trim() === '' || content.trimStart().startsWith('#');
  const match = KEY_LINE.exec(content);
  return {
    indent,
    dashes,
    contentCol: pos,
    key: match ? unquote(match[1].trim()) : undefined,
    blank: blank && dashes.length === 0,
  };
}

/**
 * Walks up from the cursor's line to rebuild the path of keys and item indexes that leads to the
 * container at `col`. `seqAt` is set when the cursor's own line starts a sequence item.
 */
function pathAbove(
  lines: string[],
  fromLine: number,
  col: number,
  seqAt: number | undefined,
): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let mode: 'map' | 'seq' = seqAt === undefined ? 'map' : 'seq';
  let at = seqAt ?? col;
  let count = 0;
  for (let i = fromLine - 1; i >= 0; i--) {
    const shape = shapeOf(lines[i]);
    if (shape.blank) continue;
    const first = shape.dashes[0] ?? shape.contentCol;
    if (mode === 'map') {
      const lastDash = shape.dashes[shape.dashes.length - 1];
      if (lastDash !== undefined && shape.contentCol === at) {
        // The first key of the item map we are in: `  - name: a` above `    th|`.
        mode = 'seq';
        at = lastDash;
        count = 0;
        continue;
      }
      if (first >= at) continue; // a sibling or something nested deeper
      if (shape.key === undefined || shape.contentCol >= at) return undefined; // not a block mapping we understand
      path.unshift(shape.key);
      at = shape.contentCol;
      if (lastDash !== undefined) {
        mode = 'seq';
        at = lastDash;
        count = 0;
      }
    } else {
      if (shape.dashes.includes(at)) {
        if (first === at) count++; // an earlier item of the same sequence
        continue;
      }
      if (first > at) continue;
      // The owner of the sequence: `steps:` (possibly compact, at the same column as the dashes).
      if (shape.key === undefined) return undefined;
      path.unshift(count);
      path.unshift(shape.key);
      const lastDash = shape.dashes[shape.dashes.length - 1];
      if (lastDash !== undefined) {
        at = lastDash;
        count = 0;
      } else {
        mode = 'map';
        at = shape.contentCol;
      }
    }
  }
  if (mode === 'seq') path.unshift(count);
  return path;
}

/**
 * The path of the sequence item whose `- ` marker starts `before` (the text of line `line` up to the
 * cursor), e.g. `['thresholds', 1]`; undefined when the line has no marker or is not understood.
 */
export function sequenceItemPath(lines: string[], line: number, before: string): PathSegment[] | undefined {
  const shape = shapeOf(before);
  if (shape.dashes.length === 0) return undefined;
  return pathAbove(lines, line, shape.contentCol, shape.dashes[shape.dashes.length - 1]);
}

const KEY_PREFIX = /^(\s*)((?:-[ \t]+)*)([\w.$-]*)$/;
const VALUE_PREFIX = /^(\s*)((?:-[ \t]+)*)("[^"]*"|'[^']*'|[^\s#:'"][^#:]*?)\s*:[ \t]+(.*)$/;

/** The key or value being typed at `offset`, or undefined when the text there is not block YAML. */
export function cursorContext(doc: ParsedDocument, offset: number): CursorContext | undefined {
  const { before, after } = lineAround(doc, offset);
  const lines = doc.text.getText().split(/\r?\n/);
  const line = doc.text.positionAt(offset).line;
  const wordAfter = /^[\w.$-]*/.exec(after)![0];

  // A sequence item written as one flow collection: `  - { duration: 30s, us|`.
  const flowItem = /^(\s*)((?:-[ \t]+)+)([[{].*)$/.exec(before);
  if (flowItem) {
    const itemPath = sequenceItemPath(lines, line, before);
    if (!itemPath || itemPath.length === 0) return undefined;
    return withFlowRange(flowContext(flowItem[3], itemPath), offset, after, wordAfter);
  }

  const keyMatch = KEY_PREFIX.exec(before);
  if (keyMatch) {
    const prefix = keyMatch[3];
    const col = before.length - prefix.length;
    const dashes = shapeOf(before).dashes;
    const seqAt = dashes.length ? dashes[dashes.length - 1] : undefined;
    const mapPath = pathAbove(lines, line, col, seqAt);
    if (!mapPath) return undefined;
    if (seqAt !== undefined && mapPath.length === 0) return undefined;
    return { kind: 'key', mapPath, prefix, start: offset - prefix.length, end: offset + wordAfter.length };
  }
  const valueMatch = VALUE_PREFIX.exec(before);
  if (valueMatch) {
    const key = unquote(valueMatch[3]);
    const keyCol = valueMatch[1].length + valueMatch[2].length;
    const dashes = shapeOf(before).dashes;
    const seqAt = dashes.length ? dashes[dashes.length - 1] : undefined;
    const mapPath = pathAbove(lines, line, keyCol, seqAt);
    if (!mapPath) return undefined;
    const prefix = valueMatch[4];
    if (/^[[{]/.test(prefix))
      return withFlowRange(flowContext(prefix, [...mapPath, key]), offset, after, wordAfter);
    const rest = after.replace(/\s+#.*$/, '').trimEnd();
    return {
      kind: 'value',
      path: [...mapPath, key],
      prefix,
      start: offset - prefix.length,
      end: offset + rest.length,
    };
  }
  return undefined;
}

/** A flow context with the range its completion replaces: the word (key) or the value up to `,`/`}`/`]`. */
function withFlowRange(
  flow: FlowContext | undefined,
  offset: number,
  after: string,
  wordAfter: string,
): CursorContext | undefined {
  if (!flow) return undefined;
  const start = offset - flow.prefix.length;
  if (flow.kind === 'key') return { ...flow, start, end: offset + wordAfter.length };
  const restOfValue = /^[^,}\]#]*/.exec(after)![0].trimEnd();
  return { ...flow, start, end: offset + restOfValue.length };
}
