// Collects diagnostics with exact ranges. Everything in scenario/ reports through one Reporter,
// so ranges are computed one way and duplicates (the same problem seen twice) are dropped.
import type { Node } from 'yaml';
import type { Diagnostic, Range, Severity } from './diagnostic';
import { byStart } from './diagnostic';
import { innerRange, rangeOfNode } from './document';
import type { ParsedScenario } from './document';
import type { Scalar } from 'yaml';
import { didYouMean } from './suggest';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  /**
   * `unique: false` keeps every report, for a reporter whose problems go to another one through
   * addLater (which drops repeats then): no second set of range keys for a file of many problems.
   */
  constructor(
    readonly parsed: ParsedScenario,
    private readonly unique = true,
  ) {}

  add(range: Range, severity: Severity, code: string, message: string, suggestion?: string): void {
    if (!this.claim(range, severity)) return;
    // Every suggestion is also in the words, so the CLI and the editor's hover say the same thing.
    const text =
      suggestion !== undefined && !message.includes('did you mean')
        ? message + didYouMean(suggestion)
        : message;
    const d: Diagnostic = { range, severity, code, message: text };
    if (suggestion !== undefined) d.suggestion = suggestion;
    this.diagnostics.push(d);
  }

  /**
   * Adds what `later` collected as if it had been reported here after everything so far: a problem
   * at a range already reported here is dropped.
   */
  addLater(later: Reporter): void {
    for (const d of later.diagnostics) if (this.claim(d.range, d.severity)) this.diagnostics.push(d);
  }

  /** One problem per range: the first report (the most specific, from the compiler) wins. */
  private claim(range: Range, severity: Severity): boolean {
    if (!this.unique) return true;
    const key = `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}:${severity}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  error(node: Node, code: string, message: string, suggestion?: string): void {
    this.add(rangeOfNode(this.parsed, node), 'error', code, message, suggestion);
  }

  warning(node: Node, code: string, message: string, suggestion?: string): void {
    this.add(rangeOfNode(this.parsed, node), 'warning', code, message, suggestion);
  }

  /** A problem inside a string value, at `start..end` of the scalar's value. */
  errorInside(
    scalar: Scalar,
    start: number,
    end: number,
    code: string,
    message: string,
    suggestion?: string,
    severity: Severity = 'error',
  ): void {
    this.add(innerRange(this.parsed, scalar, start, end), severity, code, message, suggestion);
  }

  hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }

  sorted(): Diagnostic[] {
    return [...this.diagnostics].sort(byStart);
  }
}
