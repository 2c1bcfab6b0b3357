// Helpers for the importer tests: fixtures, and the imported scenario read back through the
// language itself (the scenario model is what the engine runs, so assertions read it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeScenario } from '../../../scenario/index';
import type { RequestStep, Scenario, Step } from '../../../scenario/model';
import { importScenario, type ImportResult } from '../../../engine/import/index';
import type { ImportOptions } from '../../../engine/import/index';

export const IMPORT_FIXTURES = path.join(__dirname, '../../fixtures/import');

export function importFixture(name: string): string {
  return fs.readFileSync(path.join(IMPORT_FIXTURES, name), 'utf8');
}

/** Imports and compiles the result: it must have no errors. */
export async function imported(
  text: string,
  options: ImportOptions = {},
): Promise<{ result: ImportResult; scenario: Scenario }> {
  const result = await importScenario(text, options);
  const { scenario, diagnostics } = analyzeScenario(result.yaml);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], result.yaml);
  assert.ok(scenario);
  return { result, scenario };
}

export function requests(s: Scenario): RequestStep[] {
  return s.users
    .flatMap((u) => u.tasks.flatMap((t) => t.steps))
    .filter((st: Step): st is RequestStep => st.kind === 'request');
}

export function byName(s: Scenario, name: string): RequestStep {
  const r = requests(s).find((q) => q.name === name);
  assert.ok(
    r,
    `no request named ${name}: ${requests(s)
      .map((q) => q.name)
      .join(', ')}`,
  );
  return r;
}

/** A template's source text (`{{ env.X }}` and all). */
export const src = (t: { source: string } | undefined): string | undefined => t?.source;
