// Completion inside a tracker's `start:`/`end:` filter, `eventType[attr op value, ...]:selector`:
// event types and their attributes (from the language's events table, scenario/events.ts, and
// the `emit` steps), request names after `name="`, fixed values such as `ok=`, and selectors
// after `]:`.
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { CompletionItem } from 'vscode-languageserver';
import { BUILTIN_EVENT_TABLE, builtinEvent, EXTERNAL_EVENT } from '../../scenario/events';
import { HTTP_METHODS } from '../../scenario/model';
import type { Outline } from './outline';
import { allSteps, pairsOf } from './outline';
import { keyName } from './astPath';

export interface FilterEdit {
  /** Offsets of the text the chosen item replaces. */
  start: number;
  end: number;
}

/**
 * Items for the filter text typed so far (`prefix`, which ends at the cursor at `offset`) of a
 * tracker's `start:` or `end:` (`side`): an event from outside can only end a tracker, so `start:`
 * is not offered it.
 */
export function completeTrackerFilter(
  prefix: string,
  offset: number,
  outline: Outline,
  side: 'start' | 'end',
): { items: CompletionItem[]; edit: FilterEdit } | undefined {
  const text = prefix.replace(/^["']/, '');
  const bracket = text.lastIndexOf('[');
  const closing = text.lastIndexOf(']');

  if (bracket < 0) {
    const word = /^[\w.-]*$/.exec(text)?.[0];
    if (word === undefined) return undefined;
    const items = eventTypes(outline).filter((i) => side === 'end' || i.label !== EXTERNAL_EVENT);
    return { items, edit: { start: offset - word.length, end: offset } };
  }
  if (closing > bracket) {
    const selector = /\]:([\w]*)$/.exec(text);
    if (!selector) return undefined;
    const word = selector[1];
    const items: CompletionItem[] = [
      {
        label: 'first',
        kind: CompletionItemKind.Keyword,
        documentation: 'Only the first matching event of each trace.',
      },
      {
        label: 'last',
        kind: CompletionItemKind.Keyword,
        documentation: 'Only the last matching event of each trace.',
      },
      {
        label: 'nth(n)',
        kind: CompletionItemKind.Keyword,
        insertText: 'nth(${1:2})',
        insertTextFormat: InsertTextFormat.Snippet,
        documentation: 'Only the n-th matching event of each trace.',
      },
    ];
    return { items, edit: { start: offset - word.length, end: offset } };
  }
  const eventType = text.slice(0, bracket).trim();
  const condition = text.slice(Math.max(bracket, text.lastIndexOf(',')) + 1);
  const attrOnly = /^\s*([\w.-]*)$/.exec(condition);
  if (attrOnly) {
    const word = attrOnly[1];
    return { items: attributes(eventType, outline), edit: { start: offset - word.length, end: offset } };
  }
  const valueMatch = /^\s*([\w.-]+)\s*(?:=|!=|~=|<|>)\s*(["']?)([^"',\]]*)$/.exec(condition);
  if (!valueMatch) return undefined;
  const [, attr, quote, word] = valueMatch as unknown as [string, string, string, string];
  const quoteItem = (value: string) =>
    quote ? value : /^[\w.-]+$/.test(value) ? value : JSON.stringify(value);
  let values: CompletionItem[] = [];
  if (eventType === 'request' && attr === 'name') {
    const names = [...new Set(allSteps(outline).flatMap((s) => (s.entryName ? [s.entryName] : [])))];
    values = names.map((n) => ({
      label: n,
      kind: CompletionItemKind.Value,
      detail: 'request name',
      insertText: quoteItem(n),
    }));
  } else if (eventType === EXTERNAL_EVENT && attr === 'name') {
    values = outline.listeners.map((n) => ({
      label: n,
      kind: CompletionItemKind.Value,
      detail: 'listener (events:)',
      insertText: quoteItem(n),
    }));
  } else if (eventType === 'request' && attr === 'method') {
    values = HTTP_METHODS.map((m) => ({
      label: m,
      kind: CompletionItemKind.EnumMember,
      insertText: quoteItem(m),
    }));
  } else {
    const fixed = builtinEvent(eventType)?.attributes.find((a) => a.name === attr)?.values ?? [];
    values = fixed.map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  }
  return { items: values, edit: { start: offset - word.length, end: offset } };
}

function eventTypes(outline: Outline): CompletionItem[] {
  const items: CompletionItem[] = BUILTIN_EVENT_TABLE.map((e) => ({
    label: e.name,
    kind: CompletionItemKind.Event,
    detail: 'event',
    documentation: e.doc,
  }));
  const custom = new Set(allSteps(outline).flatMap((s) => (s.event ? [s.event] : [])));
  for (const name of custom) {
    if (!builtinEvent(name))
      items.push({ label: name, kind: CompletionItemKind.Event, detail: 'custom event (emit)' });
  }
  return items;
}

function attributes(eventType: string, outline: Outline): CompletionItem[] {
  const builtin = builtinEvent(eventType);
  if (builtin) {
    return builtin.attributes.map((a) => ({
      label: a.name,
      kind: CompletionItemKind.Field,
      detail: `attribute of ${eventType}`,
      documentation: a.doc,
      ...(a.snippet ? { insertText: a.snippet, insertTextFormat: InsertTextFormat.Snippet } : {}),
    }));
  }
  // A custom event's attributes are the keys of `attributes:` on the steps that emit it.
  const names = new Set<string>();
  for (const step of allSteps(outline)) {
    if (step.event !== eventType) continue;
    const attrs = pairsOf(step.map).find((p) => keyName(p) === 'attributes')?.value;
    for (const p of pairsOf(attrs)) names.add(keyName(p)!);
  }
  return [...names].map((n) => ({
    label: n,
    kind: CompletionItemKind.Field,
    detail: `attribute of ${eventType}`,
  }));
}
