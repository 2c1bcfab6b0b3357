// Caret fixtures: a `|` in a YAML string marks the cursor (after yaml-language-server's tests).
import type { Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface CaretFixture {
  document: TextDocument;
  position: Position;
  offset: number;
}

/** Removes the single `|` from `source` and returns the document and the cursor there. */
export function caret(source: string, uri = 'file:///work/test.load.yaml'): CaretFixture {
  const offset = source.indexOf('|');
  if (offset < 0 || source.indexOf('|', offset + 1) >= 0)
    throw new Error('a caret fixture needs exactly one |');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const document = TextDocument.create(uri, 'stampede', 1, text);
  return { document, position: document.positionAt(offset), offset };
}
