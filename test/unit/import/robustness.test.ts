// Whatever a person gives `stampede import` (here: every input of the YAML test suite, each read as
// every kind), the answer is a scenario without errors or an ImportError that says why: never a
// crash or a stack trace.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { IMPORT_KINDS, importScenario, ImportError } from '../../../engine/import/index';
import type { ImportKind } from '../../../engine/import/index';

const SUITE = path.join(__dirname, '../../fixtures/yaml-test-suite');
const inputs = fs
  .readdirSync(SUITE)
  .filter((d) => fs.existsSync(path.join(SUITE, d, 'in.yaml')))
  .map((d) => [d, fs.readFileSync(path.join(SUITE, d, 'in.yaml'), 'utf8')] as const);

const extra: Array<readonly [string, string]> = [
  ['har without entries', '{"log": {"entries": [{"request": {}}, null, 3]}}'],
  ['postman with odd items', '{"info": {}, "item": [{"request": 7}, {"item": "x"}, null]}'],
  [
    'openapi with odd paths',
    '{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": null}}}',
  ],
  ['curl with only flags', 'curl -s -S -k'],
  ['http with only variables', '@a = 1\n@b = {{a}}\n'],
];

test('every YAML test suite input, read as each kind, imports or is refused with an ImportError', async () => {
  assert.ok(inputs.length > 300, `only ${inputs.length} inputs found`);
  for (const [name, text] of [...inputs, ...extra]) {
    for (const from of [undefined, ...IMPORT_KINDS] as Array<ImportKind | undefined>) {
      try {
        await importScenario(text, { from });
      } catch (e) {
        assert.ok(
          e instanceof ImportError,
          `${name} as ${from ?? 'guessed'}: ${e instanceof Error ? e.stack : String(e)}`,
        );
      }
    }
  }
});
