// One parse of a scenario document with positions, shared by every feature for one request.
// The language's own analysis lives in scenario/; this AST view only serves editor features that
// need to know *where* things are (keys, steps, templates), and tolerates broken YAML.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import { parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { excessiveNesting } from '../../scenario/nestingLimit';

export interface ParsedDocument {
  readonly text: TextDocument;
  /** The first YAML document of the file (a scenario is one document). */
  readonly yaml: Document.Parsed;
}

/** Parses without throwing: the yaml package reports problems in `doc.errors`, it does not throw. */
export function parseScenarioText(text: TextDocument): ParsedDocument {
  // Absurdly nested text is not parsed at all (see scenario/nestingLimit.ts): features see an empty document.
  const source = excessiveNesting(text.getText()) ? '' : text.getText();
  const yaml = parseDocument(source, {
    keepSourceTokens: false,
    uniqueKeys: false,
    prettyErrors: false,
  });
  return { text, yaml };
}

/** Convenience for tests and callers that only have a string. */
export function parseScenarioString(source: string, uri = 'untitled:scenario.load.yaml'): ParsedDocument {
  return parseScenarioText(TextDocument.create(uri, 'stampede', 0, source));
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
