// Quick fixes for "did you mean" diagnostics: replace the diagnostic's range with its suggestion.
import { CodeActionKind } from 'vscode-languageserver-protocol';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

function suggestionOf(d: Diagnostic): string | undefined {
  const data: unknown = d.data;
  if (d.source !== DIAGNOSTIC_SOURCE || data === null || typeof data !== 'object') return undefined;
  const suggestion = (data as { suggestion?: unknown }).suggestion;
  return typeof suggestion === 'string' ? suggestion : undefined;
}

export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const suggestion = suggestionOf(d);
    if (suggestion === undefined) continue;
    actions.push({
      title: `Change to '${suggestion}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: d.range, newText: suggestion }] } },
    });
  }
  return actions;
}
