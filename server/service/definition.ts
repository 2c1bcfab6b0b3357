// Go to definition for `{{ name }}`: the capture's key in an earlier step, or the variable's key.
import type { Location } from 'vscode-languageserver';
import type { ParsedDocument } from './parsedDocument';
import { nodeRange } from './parsedDocument';
import { templateTargetAt } from './templateTargets';
import type { ScenarioIndex } from './nameIndex';
import { definitionFromIndex } from './nameIndex';

export function definition(doc: ParsedDocument, offset: number, index?: () => ScenarioIndex): Location[] {
  const fromIndex = index ? definitionFromIndex(index(), doc.text.positionAt(offset)) : undefined;
  if (fromIndex) return [{ uri: doc.text.uri, range: fromIndex }];
  const target = templateTargetAt(doc, offset);
  if (!target || target.kind === 'undefined') return [];
  const range = nodeRange(doc, target.def.keyNode);
  return range ? [{ uri: doc.text.uri, range }] : [];
}
