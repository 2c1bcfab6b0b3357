// The YAML document with positions: parsing, offset <-> position conversion, and the small node
// helpers the compiler and the language server share. Positions are LSP's: 0-based line and
// UTF-16 character, which is what JavaScript string offsets already count.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseYamlDocument } from './yamlParse';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq, Document } from 'yaml';
import type { Position, Range } from './diagnostic';
import { addDuplicateKeyErrors } from './duplicateKeys';

export interface ParsedScenario {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Parses scenario text with positions for every node. Never throws on any text. */
export function parseScenarioDocument(text: string): ParsedScenario {
  const lineCounter = new LineCounter();
  // A repeated key is an error (YAML's own rule), found by addDuplicateKeyErrors in linear time
  // rather than by yaml's quadratic `uniqueKeys`. No prettyErrors: messages carry no code excerpt.
  const doc = parseYamlDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'error' });
  addDuplicateKeyErrors(doc);
  return { text, doc, lineCounter };
}

/**
 * The text with line positions but an empty document: for text refused before parsing (see
 * nestingLimit.ts), so diagnostics still get positions.
 */
export function unparsedScenario(text: string): ParsedScenario {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return { text, doc: parseDocument(''), lineCounter };
}

export function positionAt(parsed: ParsedScenario, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, parsed.text.length));
  const { line, col } = parsed.lineCounter.linePos(clamped);
  return { line: line - 1, character: col - 1 };
}

export function offsetAt(parsed: ParsedScenario, position: Position): number {
  const starts = parsed.lineCounter.lineStarts;
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return parsed.text.length;
  const lineStart = starts[position.line];
  // The end of the line's content: before its \n (and a \r before that).
  let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] - 1 : parsed.text.length;
  if (lineEnd > lineStart && parsed.text[lineEnd - 1] === '\r' && lineEnd < parsed.text.length) lineEnd--;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

export function rangeOfOffsets(parsed: ParsedScenario, start: number, end: number): Range {
  return { start: positionAt(parsed, start), end: positionAt(parsed, Math.max(start, end)) };
}

/** The range of a node's value (without trailing comments or line breaks). */
export function rangeOfNode(parsed: ParsedScenario, node: Node): Range {
  const r = node.range ?? [0, 0, 0];
  return rangeOfOffsets(parsed, r[0], r[1]);
}

/** Follows an alias to the node it names; other nodes are returned as they are. */
export function deref(parsed: ParsedScenario, node: unknown): Node | null {
  if (node == null) return null;
  if (isAlias(node)) {
    const target = node.resolve(parsed.doc);
    return (target as Node | undefined) ?? null;
  }
  if (isScalar(node) || isMap(node) || isSeq(node)) return node;
  return null;
}

export function asMap(parsed: ParsedScenario, node: unknown): YAMLMap | undefined {
  const n = deref(parsed, node);
  return n && isMap(n) ? n : undefined;
}

export function asSeq(parsed: ParsedScenario, node: unknown): YAMLSeq | undefined {
  const n = deref(parsed, node);
  return n && isSeq(n) ? n : undefined;
}

export function asScalar(parsed: ParsedScenario, node: unknown): Scalar | undefined {
  const n = deref(parsed, node);
  return n && isScalar(n) ? n : undefined;
}

/** A scalar value as text (scalars hold strings, numbers, booleans or null). */
export function scalarText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

/** The key of a pair as text (a scalar key), or undefined for complex keys. */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return scalarText(k.value);
  return undefined;
}

/** Pairs of a map with scalar keys, in document order. */
export function mapPairs(map: YAMLMap): Array<{ key: string; pair: Pair<Scalar, unknown> }> {
  const out: Array<{ key: string; pair: Pair<Scalar, unknown> }> = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = keyText(item);
    if (key !== undefined) out.push({ key, pair: item as Pair<Scalar, unknown> });
  }
  return out;
}

/** Maps with more items than this get an index, so looking up each of n keys stays linear. */
const INDEX_FROM = 16;
const pairIndexes = new WeakMap<YAMLMap, { size: number; byKey: Map<string, Pair<Scalar, unknown>> }>();

/** The first pair of `map` whose key is `key`. */
export function findPair(map: YAMLMap | undefined, key: string): Pair<Scalar, unknown> | undefined {
  if (!map) return undefined;
  if (map.items.length <= INDEX_FROM) {
    for (const item of map.items)
      if (isPair(item) && keyText(item) === key) return item as Pair<Scalar, unknown>;
    return undefined;
  }
  let index = pairIndexes.get(map);
  // The size guard rebuilds the index if anyone added pairs to a parsed map since.
  if (index === undefined || index.size !== map.items.length) {
    const byKey = new Map<string, Pair<Scalar, unknown>>();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = keyText(item);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item as Pair<Scalar, unknown>);
    }
    pairIndexes.set(map, (index = { size: map.items.length, byKey }));
  }
  return index.byKey.get(key);
}

/** Walks a JSON-pointer-like path (as ajv reports it) down the document; keeps the pair of the last step. */
export function nodeAtPath(
  parsed: ParsedScenario,
  path: Array<string | number>,
): { node: Node | null; pair?: Pair<Scalar, unknown>; parent?: Node } {
  let node: Node | null = deref(parsed, parsed.doc.contents);
  let pair: Pair<Scalar, unknown> | undefined;
  let parent: Node | undefined;
  for (const seg of path) {
    if (!node) return { node: null, pair, parent };
    parent = node;
    if (isMap(node)) {
      pair = findPair(node, String(seg));
      node = pair ? deref(parsed, pair.value) : null;
    } else if (isSeq(node)) {
      pair = undefined;
      node = deref(parsed, node.items[Number(seg)]);
    } else return { node: null, pair, parent };
  }
  return { node, pair, parent };
}

/** Decodes the ajv instancePath (`/users/0/think`) into segments. */
export function splitPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const SIMPLE_ESCAPES = new Set([
  '0',
  'a',
  'b',
  't',
  '\t',
  'n',
  'v',
  'f',
  'r',
  'e',
  ' ',
  '"',
  '/',
  '\\',
  'N',
  '_',
  'L',
  'P',
]);

/**
 * For a one-line quoted scalar with escapes (`"a\"b"`, `'it''s'`): the source offset of every
 * value index (plus one past the end), or undefined when the value cannot be re-derived exactly.
 */
function quotedOffsets(scalar: Scalar, source: string, value: string): number[] | undefined {
  if (source.includes('\n') || (scalar.type !== 'QUOTE_DOUBLE' && scalar.type !== 'QUOTE_SINGLE'))
    return undefined;
  const offsets: number[] = [];
  let rebuilt = '';
  let i = 1;
  const close = source.length - 1;
  while (i < close) {
    const c = source[i];
    let width = 1;
    let produced = c;
    if (scalar.type === 'QUOTE_SINGLE' && c === "'" && source[i + 1] === "'") width = 2;
    else if (scalar.type === 'QUOTE_DOUBLE' && c === '\\') {
      const e = source[i + 1];
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex) {
        const code = parseInt(source.slice(i + 2, i + 2 + hex), 16);
        if (!Number.isFinite(code) || code > 0x10ffff) return undefined;
        produced = String.fromCodePoint(code);
        width = 2 + hex;
      } else if (e !== undefined && SIMPLE_ESCAPES.has(e)) {
        produced = value[rebuilt.length] ?? '';
        width = 2;
      } else return undefined;
    }
    for (let k = 0; k < produced.length; k++) offsets.push(i);
    rebuilt += produced;
    i += width;
  }
  offsets.push(close);
  return rebuilt.length === value.length ? offsets : undefined;
}

/**
 * Maps a span inside a scalar's *value* to a document range. Exact for plain and quoted scalars
 * written on one line without escapes; otherwise it looks for the span's text in the source and
 * falls back to the whole scalar, so a diagnostic is never placed somewhere wrong.
 */
export function innerRange(parsed: ParsedScenario, scalar: Scalar, start: number, end: number): Range {
  const r = scalar.range;
  if (!r) return rangeOfOffsets(parsed, 0, 0);
  const value = scalarText(scalar.value);
  const source = parsed.text.slice(r[0], r[1]);
  let base = -1;
  if (scalar.type === 'PLAIN' && source === value) base = r[0];
  else if (
    (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') &&
    source.slice(1, -1) === value
  )
    base = r[0] + 1;
  if (base >= 0) return rangeOfOffsets(parsed, base + start, base + end);
  const offsets = quotedOffsets(scalar, source, value);
  if (offsets) return rangeOfOffsets(parsed, r[0] + offsets[start], r[0] + offsets[end]);
  const piece = value.slice(start, end);
  const at = piece ? source.indexOf(piece) : -1;
  if (at >= 0 && source.indexOf(piece, at + 1) < 0)
    return rangeOfOffsets(parsed, r[0] + at, r[0] + at + piece.length);
  return rangeOfOffsets(parsed, r[0], r[1]);
}
