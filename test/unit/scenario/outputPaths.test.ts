// Output paths of a scenario stay inside its folder: absolute ones and ones that climb out are
// errors with their own code (which `run --allow-output-outside` waives); the engine still gets the
// scenario (workers never write results, and the master checks the resolved paths again).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario } from '../../../scenario/index';
import { OUTPUT_OUTSIDE_CODE, outputPathProblem } from '../../../scenario/outputPaths';

test('which paths leave the folder', () => {
  for (const inside of ['results/{name}-{time}.json', './a.json', 'a/../b.json', 'a/b/../../c.csv'])
    assert.equal(outputPathProblem(inside), undefined, inside);
  for (const outside of ['../x.json', 'a/../../x', '/home/me/.bashrc', 'C:\\Users\\me\\x', '..\\x'])
    assert.ok(outputPathProblem(outside), outside);
});

test('an output path outside the folder is an error at its value, and the scenario is still compiled', () => {
  const source =
    'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /\noutput:\n  ndjson: ../../.bashrc\n';
  const a = analyzeScenario(source);
  const d = a.diagnostics.find((x) => x.code === OUTPUT_OUTSIDE_CODE);
  assert.ok(d, JSON.stringify(a.diagnostics));
  assert.equal(d.severity, 'error');
  assert.equal(d.range.start.line, 6);
  assert.match(d.message, /`output\.ndjson` climbs out of the folder/);
  assert.equal(a.scenario?.output.ndjson, '../../.bashrc');
});
