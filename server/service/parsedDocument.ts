// The parse of a scenario document with positions, as editor features see it: the language's own
// parse (made once per version by documentAnalysis.ts), with the document for LSP positions.
// Features use it to know *where* things are (keys, steps, templates); it tolerates broken YAML.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import type { Document, Node as YamlNode } from 'yaml';

export interface ParsedDocument {
  readonly text: TextDocument;
  /** The first YAML document of the file (a scenario is one document); empty for too-deep text. */
  readonly yaml: Document.Parsed;
}

/** The range a node covers (value end, without trailing comment/whitespace). */
export function nodeRange(doc: ParsedDocument, node: YamlNode | null | undefined): Range | undefined {
  if (!node?.range) return undefined;
  return offsetsToRange(doc, node.range[0], node.range[1]);
}

export function offsetsToRange(doc: ParsedDocument, start: number, end: number): Range {
  return { start: doc.text.positionAt(start), end: doc.text.positionAt(end) };
}

export function offsetAt(doc: ParsedDocument, position: Position): number {
  return doc.text.offsetAt(position);
}

/** The text of the line holding `offset`, and the offset where that line starts. */
export function lineAround(
  doc: ParsedDocument,
  offset: number,
): { lineStart: number; before: string; after: string } {
  const source = doc.text.getText();
  const pos = doc.text.positionAt(offset);
  const lineStart = doc.text.offsetAt({ line: pos.line, character: 0 });
  let lineEnd = source.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = source.length;
  return {
    lineStart,
    before: source.slice(lineStart, offset),
    after: source.slice(offset, lineEnd).replace(/\r$/, ''),
  };
}
