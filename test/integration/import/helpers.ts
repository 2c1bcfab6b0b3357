// Shared by the import integration tests: each real-world input goes through the bundled CLI as a
// person would use it: `stampede import`, then `stampede check` (no errors), then `stampede run`
// against the demo target (or a loopback server the test makes). Bounded runs, loopback only.
// One file per input, so each gets the runner's whole per-file time on a busy machine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from '../cli/runCli';

export const FIXTURES = path.resolve('test/fixtures/import');

export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-import-'));

export interface Summary {
  requests: number;
  failures: number;
  entries: Array<{ name: string; requests: number; failures: number }>;
}

/** import -> check -> run; returns the run's JSON summary. */
export async function importCheckRun(
  fixture: string,
  runArgs: string[],
  secretsInSource: string[],
): Promise<Summary> {
  const out = path.join(tmp, `${fixture}.load.yaml`);
  const imp = await cli(['import', path.join(FIXTURES, fixture), '-o', out]);
  assert.equal(imp.code, 0, imp.stderr);
  const yaml = fs.readFileSync(out, 'utf8');
  for (const s of secretsInSource) assert.ok(!yaml.includes(s), `${s} was copied into the scenario`);
  const check = await cli(['check', out]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.doesNotMatch(check.stdout, /: error:/);
  const run = await cli(['run', out, '--workers', '0', '--users', '1', '--json', '--quiet', ...runArgs]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Summary;
}

export function everyEntryPassed(summary: Summary, names: string[]): void {
  assert.equal(summary.failures, 0, JSON.stringify(summary.entries));
  const seen = summary.entries.filter((e) => e.requests > 0).map((e) => e.name);
  for (const n of names) assert.ok(seen.includes(n), `${n} was not sent: ${seen.join(', ')}`);
}
