// Helpers for the language tests: analyse text and pick diagnostics by code, with their ranges
// as [startLine, startChar, endLine, endChar] (0-based, as LSP and the editor see them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeScenario } from '../../../scenario/index';
import type { Analysis, Diagnostic } from '../../../scenario/index';

export const FIXTURES = path.join(__dirname, '../../fixtures/scenarios');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Removes the common indentation of a template literal, so tests can indent their YAML. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.raw.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A minimal valid scenario head; tests append their `users:` or other parts. */
export const HEAD = 'name: t\ntarget: http://127.0.0.1:8080\nload: { users: 1, duration: 1s }\n';

export function span(d: Diagnostic): [number, number, number, number] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

export function errorsOf(a: Analysis): Diagnostic[] {
  return a.diagnostics.filter((d) => d.severity === 'error');
}

/** The one diagnostic with this code (fails the test when there is none or several). */
export function only(a: Analysis, code: string): Diagnostic {
  const found = a.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one \`${code}\`, got: ${JSON.stringify(a.diagnostics, null, 1)}`);
  return found[0];
}

export function clean(text: string): NonNullable<Analysis['scenario']> {
  const a = analyzeScenario(text);
  assert.deepEqual(a.diagnostics, [], 'expected no diagnostics');
  assert.ok(a.scenario, 'expected a scenario');
  return a.scenario;
}

/** An edit of line `i` of a file's lines: what a person does mid-typing (a test's variants). */
export type LineEdit = (lines: string[], i: number) => void;

/** Drop the line, misspell its key, template, retype or empty its value. */
export const LINE_EDITS: LineEdit[] = [
  (l, i) => l.splice(i, 1),
  (l, i) => (l[i] = l[i].replace(/(\w)(\w*):/, '$1x$2:')),
  (l, i) => (l[i] = l[i].replace(/: (.+)$/, ': {{ nope }}')),
  (l, i) => (l[i] = l[i].replace(/: (.+)$/, ': [1, 2]')),
  (l, i) => (l[i] = l[i].replace(/: (.+)$/, ': ')),
];

/** `text` with each edit applied to each of its lines in turn, one variant per edit and line. */
export function oneLineEdits(text: string, edits: LineEdit[] = LINE_EDITS): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++)
    for (const edit of edits) {
      const copy = [...lines];
      edit(copy, i);
      out.push(copy.join('\n'));
    }
  return out;
}
