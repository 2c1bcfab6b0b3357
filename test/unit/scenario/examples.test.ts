// The shipped examples and the good fixtures stay valid as the language evolves: no errors, and
// each compiles to a scenario with at least one user kind.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { FIXTURES } from './helpers';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const scenarioFiles = (dir: string, skip: RegExp) =>
  readdirSync(dir)
    .filter((f) => /\.load\.ya?ml$/.test(f) && !skip.test(f))
    .map((f) => path.join(dir, f));

test('every example and good fixture analyses without errors', () => {
  const files = [...scenarioFiles(EXAMPLES, /^$/), ...scenarioFiles(FIXTURES, /broken/)];
  assert.ok(files.length >= 3, `found ${files.length} files`);
  for (const file of files) {
    const a = analyzeScenario(readFileSync(file, 'utf8'));
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], path.relative(process.cwd(), file));
    assert.ok(a.scenario && a.scenario.users.length > 0, file);
  }
});
