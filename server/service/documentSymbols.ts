// The outline view: user kinds > tasks and loops > steps, then trackers.
import { SymbolKind } from 'vscode-languageserver';
import type { DocumentSymbol, Range } from 'vscode-languageserver';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { StepInfo } from './outline';
import { buildOutline, pairsOf, scalarText } from './outline';
import { keyName } from './astPath';
import type { ParsedDocument } from './parsedDocument';
import { nodeRange } from './parsedDocument';

function symbol(
  doc: ParsedDocument,
  map: YAMLMap,
  name: string,
  kind: SymbolKind,
  nameKey: string | undefined,
  children: DocumentSymbol[],
  detail?: string,
): DocumentSymbol {
  const range: Range = nodeRange(doc, map) ?? {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 0 },
  };
  const namePair = nameKey ? pairsOf(map).find((p) => keyName(p) === nameKey) : undefined;
  const selection = nodeRange(doc, (namePair?.value ?? namePair?.key) as YamlNode | undefined) ?? {
    start: range.start,
    end: range.start,
  };
  return {
    name: name || '(unnamed)',
    kind,
    range,
    selectionRange: selection,
    children,
    ...(detail ? { detail } : {}),
  };
}

function stepSymbol(doc: ParsedDocument, step: StepInfo, index: number): DocumentSymbol {
  if (step.kind === 'request') {
    const label = `${step.method!.toUpperCase()} ${step.url ?? ''}`.trim();
    const named = scalarText(pairsOf(step.map).find((p) => keyName(p) === 'name')?.value);
    return symbol(
      doc,
      step.map,
      named ?? label,
      SymbolKind.Method,
      step.method,
      [],
      named ? label : undefined,
    );
  }
  if (step.kind === 'emit')
    return symbol(doc, step.map, `emit ${step.event ?? ''}`, SymbolKind.Event, 'emit', []);
  return symbol(doc, step.map, `step ${index + 1}`, SymbolKind.Object, undefined, []);
}

export function documentSymbols(doc: ParsedDocument): DocumentSymbol[] {
  const outline = buildOutline(doc);
  const symbols: DocumentSymbol[] = [];
  outline.users.forEach((user, u) => {
    const children: DocumentSymbol[] = [];
    user.tasks.forEach((task, t) => {
      // A task written as one request is its own step: no child list to repeat it.
      const inline = task.steps.length === 1 && task.steps[0].map === task.map;
      const steps = inline ? [] : task.steps.map((s, i) => stepSymbol(doc, s, i));
      const detail = inline ? `${task.steps[0].method!.toUpperCase()} ${task.steps[0].url ?? ''}` : undefined;
      children.push(
        symbol(doc, task.map, task.name ?? `task ${t + 1}`, SymbolKind.Function, 'name', steps, detail),
      );
    });
    user.loops.forEach((loop, l) => {
      const inline = loop.steps.length === 1 && loop.steps[0].map === loop.map;
      const steps = inline ? [] : loop.steps.map((s, i) => stepSymbol(doc, s, i));
      const label = loop.every ? `every ${loop.every}` : `loop ${l + 1}`;
      const detail = inline ? `${loop.steps[0].method!.toUpperCase()} ${loop.steps[0].url ?? ''}` : undefined;
      children.push(symbol(doc, loop.map, label, SymbolKind.Event, 'every', steps, detail));
    });
    symbols.push(
      symbol(doc, user.map, user.name ?? `user ${u + 1}`, SymbolKind.Class, 'name', children, 'user kind'),
    );
  });
  outline.trackers.forEach((tracker, i) => {
    symbols.push(
      symbol(
        doc,
        tracker.map,
        tracker.metric ?? `tracker ${i + 1}`,
        SymbolKind.Field,
        'metric',
        [],
        'tracker',
      ),
    );
  });
  return symbols;
}
