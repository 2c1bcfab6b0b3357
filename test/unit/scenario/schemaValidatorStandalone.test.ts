// The bundles validate scenarios with ajv's standalone code generated at build time
// (scenario/schemaValidatorStandalone.ts, wired in esbuild.mjs); the sources compile the schema at
// run time. Both must give the same verdicts and the same errors, which the diagnostics are built from.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { createValidator } from '../../../scenario/schemaValidator';
import { standaloneValidatorModule } from '../../../scenario/schemaValidatorStandalone';

function loadStandalone(): ValidateFunction {
  const mod: { exports: { createValidator?: () => ValidateFunction } } = { exports: {} };
  const source = standaloneValidatorModule();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating generated build output is the point
  new Function('module', 'exports', 'require', source)(mod, mod.exports, createRequire(__filename));
  assert.ok(mod.exports.createValidator, 'the standalone module exports createValidator');
  return mod.exports.createValidator();
}

const documents = [
  'name: ok\ntarget: http://127.0.0.1:1\nload: { users: 1, duration: 1s }\nusers:\n  - name: a\n    tasks:\n      - get: /\n',
  'name: ok\nload: { users: 5, spawnRate: 2, duration: 10s }\nusers:\n  - name: a\n    think: 1s\n    tasks:\n      - name: t\n        weight: 3\n        get: /x\n        headers: { X-A: "{{ v }}" }\n        check: { status: [200, 304] }\n',
  'name: bad\nusers:\n  - name: a\n    tasks:\n      - get: /\n        wieght: 2\n',
  'name: 3\nload: { users: many, duration: [] }\nusers: {}\n',
  'nmae: typo\nworkers: -1\nusers:\n  - tasks: []\n',
];

test('the standalone validator agrees with the runtime-compiled one, errors included', () => {
  const compiled = createValidator();
  const standalone = loadStandalone();
  let invalid = 0;
  for (const text of documents) {
    const data: unknown = parse(text);
    const a = compiled(data);
    const b = standalone(data);
    assert.equal(b, a, text);
    const strip = (errors: ValidateFunction['errors']) =>
      (errors ?? []).map(({ instancePath, schemaPath, keyword, params, message, schema, parentSchema }) => ({
        ...{ instancePath, schemaPath, keyword, params, message },
        ...{ schema, parentSchema }, // verbose: the diagnostics read both
      }));
    assert.deepEqual(strip(standalone.errors), strip(compiled.errors), text);
    if (!a) invalid++;
  }
  assert.equal(invalid, 3, 'three of the documents are invalid');
});
