// Go to definition for `{{ name }}`: the capture's key in an earlier step, or the variable's key.
import type { Location } from 'vscode-languageserver-protocol';
import type { ParsedDocument } from './parsedDocument';
import { nodeRange } from './parsedDocument';
import { templateTargetAt } from './templateTargets';

export function definition(doc: ParsedDocument, offset: number): Location[] {
  const target = templateTargetAt(doc, offset);
  if (!target || target.kind === 'undefined') return [];
  const range = nodeRange(doc, target.def.keyNode);
  return range ? [{ uri: doc.text.uri, range }] : [];
}
