// Diagnostics in LSP's shape (0-based line and character), so the language server passes them
// through unchanged and the CLI prints them 1-based.

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  message: string;
  /** Stable code, e.g. `unknown-key`, `bad-duration`, `undefined-variable`. */
  code: string;
  /** For "did you mean" quick fixes: the replacement text for `range`. */
  suggestion?: string;
}

/** Orders anything with a range by where it starts (line, then character): document order. */
export function byStart(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
