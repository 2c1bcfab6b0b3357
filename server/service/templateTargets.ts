// Resolves a `{{ name }}` at the cursor to what defines it: the nearest earlier capture in the
// same task or loop, else a variable. Hover and go-to-definition share this one rule.
import { locate } from './astPath';
import type { Named, StepInfo } from './outline';
import { buildOutline, visibleCaptures } from './outline';
import type { ParsedDocument } from './parsedDocument';
import { templateRefAt } from './templateAtCursor';

export type TemplateTarget =
  | { kind: 'capture'; name: string; def: Named; step: StepInfo; start: number; end: number }
  | { kind: 'variable'; name: string; def: Named; start: number; end: number }
  | { kind: 'undefined'; name: string; start: number; end: number };

export function templateTargetAt(doc: ParsedDocument, offset: number): TemplateTarget | undefined {
  const ref = templateRefAt(doc, offset);
  if (!ref) return undefined;
  const outline = buildOutline(doc);
  const path = locate(doc, offset).path;
  const capture = visibleCaptures(outline, path)
    .reverse()
    .find((c) => c.name === ref.name);
  if (capture)
    return {
      kind: 'capture',
      name: ref.name,
      def: capture,
      step: capture.step,
      start: ref.start,
      end: ref.end,
    };
  const variable = outline.variables.find((v) => v.name === ref.name);
  if (variable) return { kind: 'variable', name: ref.name, def: variable, start: ref.start, end: ref.end };
  return { kind: 'undefined', name: ref.name, start: ref.start, end: ref.end };
}
