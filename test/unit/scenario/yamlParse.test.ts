// parseYamlDocument lets the CST go while it composes (scenario/yamlParse.ts). It must give the
// very Document yaml's own parseDocument gives: the same values, node ranges, comments, errors
// and warnings, on every input of the public YAML test suite and on the repository's scenarios.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isNode, LineCounter, parseDocument, Parser, visit } from 'yaml';
import type { CST, Document } from 'yaml';
import { drainCollections, parseYamlDocument } from '../../../scenario/yamlParse';

const CORPUS = path.resolve(__dirname, '../../fixtures/yaml-test-suite');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = path.join(dir, e);
      return statSync(p).isDirectory() ? files(p, ext) : ext.test(e) ? [p] : [];
    });
}

/** Everything of a document the language reads: each node's class, range, value and comments. */
function shape(doc: Document.Parsed): unknown {
  const nodes: unknown[] = [];
  visit(doc, (key, node) => {
    if (isNode(node))
      nodes.push([
        key,
        node.constructor.name,
        node.range,
        'value' in node && typeof node.value !== 'object' ? node.value : null,
        node.comment,
        node.commentBefore,
        node.spaceBefore,
      ]);
    else nodes.push([key, 'pair']);
  });
  let js: unknown;
  try {
    js = JSON.stringify(doc.toJS({ maxAliasCount: 1000 }));
  } catch (e) {
    js = `throws ${String(e)}`;
  }
  return {
    nodes,
    js,
    range: doc.range,
    comment: doc.comment,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
  };
}

test('the same Document as yaml.parseDocument on every YAML test suite input and example', () => {
  const inputs = [...files(CORPUS, /\.ya?ml$/), ...files(EXAMPLES, /\.ya?ml$/)];
  assert.ok(inputs.length > 300, `found only ${inputs.length} files`);
  for (const file of inputs) {
    const text = readFileSync(file, 'utf8');
    const options = { uniqueKeys: false, logLevel: 'error' } as const;
    const mine = new LineCounter();
    const theirs = new LineCounter();
    const a = parseYamlDocument(text, { ...options, lineCounter: mine });
    const b = parseDocument(text, { ...options, prettyErrors: false, lineCounter: theirs });
    assert.deepEqual(shape(a), shape(b), file);
    assert.deepEqual(mine.lineStarts, theirs.lineStarts, file);
  }
});

test('each block collection of the CST forgets an item once it is handed to the composer', () => {
  const [document] = [...new Parser().parse('a:\n  - 1\n  - 2\nb: { c: 3 }\n')];
  drainCollections(document);
  assert.equal(document.type, 'document');
  const root = document.value as CST.BlockMap;
  const seq = root.items[0].value as CST.BlockSequence;
  const flow = root.items[1].value as CST.FlowCollection;
  assert.equal([...seq.items].length, 2);
  assert.deepEqual(seq.items, [undefined, undefined], 'a walked sequence keeps no item');
  assert.equal([...flow.items].length, 1, 'flow collections (read by index) are left alone');
  assert.equal(flow.items.length, 1);
  assert.ok(flow.items[0]);
  assert.equal([...root.items].length, 2);
  assert.deepEqual(root.items, [undefined, undefined], 'a walked map keeps no item');
});
