// Quick fixes for "did you mean" diagnostics: replace the diagnostic's range with its suggestion.
import { CodeActionKind } from 'vscode-languageserver';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

function suggestionOf(d: Diagnostic): string | undefined {
  const data: unknown = d.data;
  if (d.source !== DIAGNOSTIC_SOURCE || data === null || typeof data !== 'object') return undefined;
  const suggestion = (data as { suggestion?: unknown }).suggestion;
  return typeof suggestion === 'string' ? suggestion : undefined;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/**
 * Quick fixes for the diagnostics the client sends back. A client that does not echo `data`
 * still gets its fix: `current` (lazily, the document's diagnostics now) is searched for the same
 * code at the same range.
 */
export function quickFixes(
  uri: string,
  diagnostics: readonly Diagnostic[],
  current: () => readonly Diagnostic[] = () => [],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const echoed = d.source === DIAGNOSTIC_SOURCE && d.data === undefined;
    const match = echoed
      ? current().find((c) => c.code === d.code && sameRange(c.range, d.range))
      : undefined;
    const suggestion = suggestionOf(d) ?? (match && suggestionOf(match));
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
