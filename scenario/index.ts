// The language's public surface. Pure: no I/O, no vscode, no Node APIs. The language server,
// the CLI and the engine all call analyzeScenario, so the editor and the CLI never disagree.
import type { Diagnostic } from './diagnostic';
import type { Scenario } from './model';

export interface Analysis {
  /** Present when there are no errors (warnings allowed). */
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

export type { Diagnostic } from './diagnostic';
export type * from './model';

/** Parses and validates scenario text. Never throws: every problem is a diagnostic. */
export function analyzeScenario(text: string): Analysis {
  void text;
  return { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', message: 'scenario language not implemented yet', code: 'todo' }] };
}
