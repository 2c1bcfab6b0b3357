// The JSON Schema is the source of hover and completion docs: every property is documented, its
// examples are valid against it, and the shipped fixtures validate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import {
  analyzeScenarioDetailed,
  offsetAt,
  parseScenarioDocument,
  positionAt,
  scenarioSchema,
} from '../../../scenario/index';
import { fixture } from './helpers';

type SchemaNode = Record<string, unknown>;

function walk(node: unknown, path: string, visit: (n: SchemaNode, path: string) => void): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  const n = node as SchemaNode;
  visit(n, path);
  for (const key of ['properties', 'patternProperties']) {
    const props = n[key] as Record<string, unknown> | undefined;
    if (props) for (const [k, v] of Object.entries(props)) walk(v, `${path}.${k}`, visit);
  }
  if (n.items) walk(n.items, `${path}[]`, visit);
  if (n.additionalProperties && typeof n.additionalProperties === 'object')
    walk(n.additionalProperties, `${path}.*`, visit);
  for (const key of ['anyOf', 'oneOf'])
    if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((b, i) => walk(b, `${path}|${i}`, visit));
}

test('every property of the schema has a description', () => {
  const undocumented: string[] = [];
  walk(scenarioSchema, '$', (n, path) => {
    for (const key of ['properties', 'patternProperties']) {
      for (const [k, v] of Object.entries((n[key] as Record<string, SchemaNode> | undefined) ?? {})) {
        if (typeof v.description !== 'string' || v.description.length < 10) undocumented.push(`${path}.${k}`);
      }
    }
  });
  assert.deepEqual(undocumented, []);
});

test('every example in the schema is valid against its own subschema', () => {
  const ajv = new Ajv({ strict: false });
  const bad: string[] = [];
  walk(scenarioSchema, '$', (n, path) => {
    if (!Array.isArray(n.examples)) return;
    const validate = ajv.compile({ ...n, examples: undefined });
    for (const ex of n.examples) if (!validate(ex)) bad.push(`${path}: ${JSON.stringify(ex)}`);
  });
  assert.deepEqual(bad, []);
});

test('the fixtures that are meant to be good validate against the schema alone', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(scenarioSchema);
  for (const name of ['shop.load.yaml', 'jobs.load.yaml', 'open-model.load.yaml']) {
    assert.ok(validate(parse(fixture(name))), `${name}: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(analyzeScenarioDetailed(fixture(name)).diagnostics, [], name);
  }
});

test('positions and offsets convert both ways (LSP lines and UTF-16 characters)', () => {
  const text = 'a: 1\r\nbé: "😀x"\nc: 3';
  const parsed = parseScenarioDocument(text);
  for (let offset = 0; offset <= text.length; offset++) {
    const pos = positionAt(parsed, offset);
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // between \r and \n is not a place a cursor can be
    assert.equal(offsetAt(parsed, pos), offset, `offset ${offset} -> ${JSON.stringify(pos)}`);
  }
  assert.deepEqual(positionAt(parsed, text.indexOf('x')), { line: 1, character: 7 });
  assert.equal(offsetAt(parsed, { line: 99, character: 0 }), text.length);
  assert.equal(offsetAt(parsed, { line: 0, character: 99 }), 4);
});
