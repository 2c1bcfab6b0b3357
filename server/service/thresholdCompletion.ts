// Completion inside a threshold's brackets, `- p95[|`: the names a threshold can scope to, every
// request (its name, or its URL when it has none) and every duration tracker's metric.
import { CompletionItemKind } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver';
import type { Outline } from './outline';
import { allSteps } from './outline';
import { sequenceItemPath } from './cursorContext';

const INSIDE_BRACKETS = /^\s*-[ \t]+["']?[A-Za-z][A-Za-z0-9.]*\[([^\]"']*)$/;

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
  if (!m) return undefined;
  const item = sequenceItemPath(source.split(/\r?\n/), line, before);
  if (item?.length !== 2 || item[0] !== 'thresholds') return undefined;
  const outline = outlineOf();
  const typed = m[1];
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
