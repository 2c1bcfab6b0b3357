// One language service for the unit tests and small helpers over caret fixtures
// (after yaml-language-server's test/utils/serviceSetup.ts).
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { createLanguageService } from '../../../server/service/languageService';
import { caret } from './caret';

export const service = createLanguageService();

export function completionAt(source: string): CompletionItem[] {
  const { document, position } = caret(source);
  return service.completion(document, position).items;
}

export function labelsAt(source: string): string[] {
  return completionAt(source).map((i) => i.label);
}

/** The text an item puts into the document (its edit, else its label). */
export function newTextOf(item: CompletionItem): string {
  if (item.textEdit && 'newText' in item.textEdit) return item.textEdit.newText;
  return item.insertText ?? item.label;
}
