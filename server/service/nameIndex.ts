// The analyzer's own index of names (scenario/: variables, captures, template references with
// their definitions, and the names in scope for each templated string). Completion and
// go-to-definition prefer it, so the editor offers exactly the names `stampede check` accepts;
// the outline in outline.ts is the fallback while the text is too broken to index.
import type { Position, Range } from 'vscode-languageserver';
import type { ScenarioIndex } from '../../scenario/index';

export type { ScenarioIndex } from '../../scenario/index';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function rangeContains(range: Range, position: Position): boolean {
  return before(range.start, position) && before(position, range.end);
}

/**
 * The names a template at `position` may use, when the analyzer indexed the string there: its
 * variables and captures, and `env.NAME` for the names under `env:`, `secrets:` or used elsewhere.
 */
export function namesInScope(index: ScenarioIndex, position: Position): string[] | undefined {
  const names = index.templateScopes.find((s) => rangeContains(s.range, position))?.names;
  if (names === undefined) return undefined;
  const env = new Set([...index.envNames, ...index.env.map((u) => u.name)]);
  return [...names, ...[...env].map((n) => `env.${n}`)];
}

/** Where the `{{ name }}` at `position` is defined, per the analyzer. */
export function definitionFromIndex(index: ScenarioIndex, position: Position): Range | undefined {
  return index.references.find((r) => rangeContains(r.range, position))?.definition?.range;
}
