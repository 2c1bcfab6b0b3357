// parseYamlDocument composes as it parses and lets the CST go (scenario/yamlParse.ts,
// yamlStream.ts). It must give the very Document yaml's own parseDocument gives: the same values,
// node ranges, comments, errors and warnings, on every input of the public YAML test suite, on
// variants of them and on the repository's scenarios.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Composer, isNode, LineCounter, parseDocument, Parser, visit } from 'yaml';
import type { CST, Document } from 'yaml';
import { drainCollections, parseStreamed, parseYamlDocument } from '../../../scenario/yamlParse';
import { StreamedTokens } from '../../../scenario/yamlStream';

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
    commentBefore: doc.commentBefore,
    errors: doc.errors.map((e) => [e.code, e.pos, e.message]),
    warnings: doc.warnings.map((e) => [e.code, e.pos, e.message]),
  };
}

const OPTIONS = { uniqueKeys: false, logLevel: 'error' } as const;

/** Both parses of `text`, with their line starts; `streamed` null where parseStreamed fell back. */
function both(text: string): { streamed: unknown; mine: unknown; theirs: unknown } {
  const streamedLines = new LineCounter();
  const mineLines = new LineCounter();
  const theirLines = new LineCounter();
  const streamed = parseStreamed(text, { ...OPTIONS, lineCounter: streamedLines });
  const mine = parseYamlDocument(text, { ...OPTIONS, lineCounter: mineLines });
  const theirs = parseDocument(text, { ...OPTIONS, prettyErrors: false, lineCounter: theirLines });
  return {
    streamed: streamed && [shape(streamed), streamedLines.lineStarts],
    mine: [shape(mine), mineLines.lineStarts],
    theirs: [shape(theirs), theirLines.lineStarts],
  };
}

const inputs = [...files(CORPUS, /\.ya?ml$/), ...files(EXAMPLES, /\.ya?ml$/)];

test('the same Document as yaml.parseDocument on every YAML test suite input and example, streamed', () => {
  assert.ok(inputs.length > 300, `found only ${inputs.length} files`);
  for (const file of inputs) {
    const { streamed, mine, theirs } = both(readFileSync(file, 'utf8'));
    assert.ok(streamed, `${file}: composed while parsing, not by the eager fallback`);
    assert.deepEqual(streamed, theirs, file);
    assert.deepEqual(mine, theirs, file);
  }
});

test('the same Document on variants of the test suite: lines dropped, indented, commented, split', () => {
  let variants = 0;
  for (const file of inputs) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const edits: Array<(l: string[]) => void> = [
        (l) => l.splice(i, 1),
        (l) => (l[i] = `  ${l[i]}`),
        (l) => l.splice(i, 0, '   # note'),
        (l) => l.splice(i, 0, '- x'),
        // An indicator in the middle of a line: where a scalar turns into a key, a block scalar...
        (l) => {
          const col = (i * 7) % (l[i].length + 1);
          l[i] = l[i].slice(0, col) + [': ', '|', '- ', '? ', '{'][i % 5] + l[i].slice(col);
        },
      ];
      for (const edit of edits) {
        const copy = [...lines];
        edit(copy);
        const text = copy.join('\n');
        const { streamed, mine, theirs } = both(text);
        if (streamed) assert.deepEqual(streamed, theirs, `${file} edited: ${JSON.stringify(text)}`);
        assert.deepEqual(mine, theirs, `${file} edited: ${JSON.stringify(text)}`);
        variants++;
      }
    }
  }
  assert.ok(variants > 5000, `only ${variants} variants`);
});

test('a token that replaces the document after its root falls back to the eager parse, same result', () => {
  // The root sequence ends at column 0; yaml then sets the document's value to the error token.
  const text = '- - s1_i1\n|  - s1_i2\n- s2\n';
  const { streamed, mine, theirs } = both(text);
  assert.equal(streamed, null, 'the streamed parse notices the replaced value');
  assert.deepEqual(mine, theirs);
});

test('the composer gets the first items before the parser has read the rest of the text', () => {
  let text = 'name: big\nusers:\n  - name: visitor\n    tasks:\n';
  for (let i = 0; i < 2000; i++) text += `      - name: task ${i}\n        get: /items/${i}\n`;
  const lineStarts: number[] = [];
  const stream = new StreamedTokens(text, (offset) => lineStarts.push(offset));
  const linesReadAtItem: number[] = [];
  const doc = new Composer(OPTIONS).compose(
    stream.tokens(() => linesReadAtItem.push(lineStarts.length)),
    true,
    text.length,
  );
  const [first] = [...doc];
  assert.equal(first.errors.length, 0);
  assert.equal((first.toJS() as { users: Array<{ tasks: unknown[] }> }).users[0].tasks.length, 2000);
  const total = text.split('\n').length;
  assert.equal(lineStarts.length, total);
  // Under parseDocument every line is read before the first item is composed.
  assert.ok(linesReadAtItem[20] < 20, `20th item handed out after reading ${linesReadAtItem[20]} lines`);
  assert.ok(linesReadAtItem[2000] < total / 2, `2000th after ${linesReadAtItem[2000]} of ${total} lines`);
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
