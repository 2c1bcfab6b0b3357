import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING, excessiveNesting } from '../../../scenario/nestingLimit';
import { service } from './serviceSetup';
import { TextDocument } from 'vscode-languageserver-textdocument';

test('ordinary scenarios are far below the nesting limit', () => {
  const scenario =
    'users:\n  - tasks:\n      - steps:\n          - post: /x\n            json: { a: [1, { b: [2] }] }\n';
  assert.equal(excessiveNesting(scenario), undefined);
  assert.equal(excessiveNesting('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING)), undefined);
});

test('flow, indentation and dash nesting beyond the limit are found where they cross it', () => {
  assert.deepEqual(excessiveNesting('a: ' + '['.repeat(MAX_NESTING + 5)), {
    offset: 3 + MAX_NESTING,
    depth: MAX_NESTING + 1,
  });
  assert.equal(excessiveNesting(`x:\n${' '.repeat(MAX_NESTING + 1)}y: 1`)?.offset, 3 + MAX_NESTING);
  assert.ok(excessiveNesting('- '.repeat(MAX_NESTING)));
});

test('too-deep text gets one diagnostic at the crossing point instead of a parse', () => {
  const source = 'name: x\nload: ' + '{'.repeat(MAX_NESTING + 1);
  const diagnostics = service.diagnostics(
    TextDocument.create('file:///deep.load.yaml', 'stampede', 1, source),
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [
      [
        'too-deep',
        { start: { line: 1, character: 6 + MAX_NESTING }, end: { line: 1, character: 7 + MAX_NESTING } },
      ],
    ],
  );
});
