// Completion inside a threshold's brackets, `- p95[|`: the names a threshold can scope to, every
// request (its name, or its URL when it has none) and every duration tracker's metric.
import { CompletionItemKind } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver';
import type { Outline } from './outline';
import { allSteps } from './outline';

const INSIDE_BRACKETS = /^(\s*)-[ \t]+["']?[A-Za-z][A-Za-z0-9.]*\[([^\]"']*)$/;

/** The items and the range they replace, or undefined when the cursor is not in a threshold's `[ ]`. */
export function completeThresholdName(
  source: string,
  line: number,
  before: string,
  after: string,
  offset: number,
  outlineOf: () => Outline,
): { items: CompletionItem[]; start: number; end: number } | undefined {
  const m = INSIDE_BRACKETS.exec(before);
  if (!m || !underThresholds(source.split(/\r?\n/), line, m[1].length)) return undefined;
  const outline = outlineOf();
  const typed = m[2];
  const rest = /^[^\]"'\n]*/.exec(after)![0];
  const requests = [...new Set(allSteps(outline).flatMap((s) => (s.entryName ? [s.entryName] : [])))];
  const trackers = [...new Set(outline.trackers.flatMap((t) => (t.metric ? [t.metric] : [])))];
  const items: CompletionItem[] = [
    ...requests.map((name) => ({ label: name, kind: CompletionItemKind.Function, detail: 'request' })),
    ...trackers
      .filter((name) => !requests.includes(name))
      .map((name) => ({ label: name, kind: CompletionItemKind.Event, detail: 'duration tracker' })),
  ];
  return { items, start: offset - typed.length, end: offset + rest.length };
}

/** The item on `line` (its dash at `dashCol`) belongs to the top-level `thresholds:` list. */
function underThresholds(lines: readonly string[], line: number, dashCol: number): boolean {
  for (let i = line - 1; i >= 0; i--) {
    const text = lines[i];
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = text.length - trimmed.length;
    if (indent > dashCol || (indent === dashCol && trimmed.startsWith('-'))) continue;
    return indent === 0 && /^thresholds[ \t]*:[ \t]*(#.*)?$/.test(text);
  }
  return false;
}
