// Any text gives diagnostics or a clean pass: never a throw, never an internal error, and every
// range lies inside the document. Inputs: every file of the public YAML test suite, and every
// prefix and some seeded mutations of a real scenario (what a person has on screen mid-typing).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzeScenario, analyzeScenarioDetailed } from '../../../scenario/index';
import type { Analysis } from '../../../scenario/index';
import { fixture } from './helpers';

// The public YAML test suite's inputs, kept in the repository (see its README for source and licence).
const CORPUS = path.resolve(__dirname, '../../fixtures/yaml-test-suite');

function assertSane(text: string, a: Analysis, label: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of a.diagnostics) {
    assert.notEqual(d.code, 'internal-error', `${label}: ${d.message}`);
    assert.ok(d.message.length > 0, label);
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.line <= lines.length, `${label}: start line ${start.line}`);
    assert.ok(
      end.line > start.line || (end.line === start.line && end.character >= start.character),
      `${label}: reversed range`,
    );
    assert.ok(end.line <= lines.length, `${label}: end line ${end.line}`);
  }
  if (a.scenario) assert.ok(!a.diagnostics.some((d) => d.severity === 'error'), label);
}

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
    else if (e.endsWith('.yaml') || e.endsWith('.yml')) out.push(p);
  }
  return out;
}

test('every input of the YAML test suite: diagnostics or a clean pass, never a throw', () => {
  assert.ok(existsSync(CORPUS), `the YAML test suite corpus is expected at ${CORPUS}`);
  const files = corpusFiles(CORPUS);
  assert.ok(files.length > 300, `found only ${files.length} files`);
  let invalidFlagged = 0;
  let invalid = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const a = analyzeScenario(text);
    assertSane(text, a, file);
    if (existsSync(path.join(path.dirname(file), 'error'))) {
      invalid++;
      if (a.diagnostics.some((d) => d.code === 'yaml-syntax')) invalidFlagged++;
    }
  }
  // yaml 2 is not a perfect validator, but it must flag the great majority of invalid inputs.
  assert.ok(invalidFlagged >= invalid * 0.9, `${invalidFlagged} of ${invalid} invalid inputs flagged`);
});

test('every prefix of a real scenario (typing it from the top) is handled', () => {
  const text = fixture('shop.load.yaml');
  for (let i = 0; i <= text.length; i += 3) {
    const prefix = text.slice(0, i);
    const a = analyzeScenarioDetailed(prefix);
    assertSane(prefix, a, `prefix ${i}`);
  }
});

test('seeded mutations of a real scenario are handled', () => {
  const text = fixture('shop.load.yaml');
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const noise = [
    '{',
    '}',
    '[',
    ']',
    ':',
    '-',
    ' ',
    '\n',
    '"',
    "'",
    '&a',
    '*a',
    '!!map',
    '{{',
    '}}',
    '\t',
    '#',
    '|',
    '>',
    '?',
    ',',
    '%',
  ];
  for (let n = 0; n < 250; n++) {
    let t = text;
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(random() * t.length);
      const op = random();
      if (op < 0.4) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 5));
      else t = t.slice(0, at) + noise[Math.floor(random() * noise.length)] + t.slice(at);
    }
    assertSane(t, analyzeScenario(t), `mutation ${n}`);
  }
});

test('pathological inputs: alias bombs, deep nesting, huge keys, CRLF, BOM', () => {
  const bomb =
    'a: &a [x, x, x, x, x, x, x, x, x]\n' +
    Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(i === 0 ? '*a' : `*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
    ).join('\n');
  const inputs = [
    bomb,
    '['.repeat(2000) + ']'.repeat(2000),
    '['.repeat(20_000),
    '{a: '.repeat(5000),
    'a:\n' + Array.from({ length: 600 }, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n'),
    'users:\n' + '  - '.repeat(1).concat('a: '.repeat(500)),
    'x'.repeat(100_000) + ': 1\n',
    'name: x\r\nload: { users: 1, duration: 1s }\r\nusers: [{ tasks: [{ get: /x }] }]\r\n',
    '\uFEFFname: x\n',
    '---\na: 1\n---\nb: 2\n',
    '%YAML 1.1\n---\nname: x\n',
    '!!binary abc',
    'users: [{ tasks: [{ get: "\\u{0}" }] }]',
    // Long blank runs and long words: no quadratic regex or edit distance may turn these into a hang.
    `name: x\nload: { users: 1, duration: 1s }\nusers: [{ tasks: [{ get: /x }] }]\nthresholds: ["p95 <${' '.repeat(50_000)}x"]\n`,
    `${'a'.repeat(20_000)}: 1\n${'a'.repeat(20_000)}: 2\n`,
    `users: [{ tasks: [{ get: "/${'{{'.repeat(20_000)}" }] }]\n`,
  ];
  for (const [i, text] of inputs.entries()) assertSane(text, analyzeScenario(text), `input ${i}`);
});

test('text nested absurdly deep is refused before parsing, with a position', () => {
  const a = analyzeScenario('name: x\nload: ' + '['.repeat(20_000));
  assert.deepEqual(
    a.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['too-deep', 1, 406]],
  );
  assert.match(a.diagnostics[0].message, /deeper than 400 levels/);
});

test('a JSON body that names itself by an alias is an error at the alias, however many kinds repeat it', () => {
  // Four kinds each holding the body that holds all four: walked naively, 4^64 values.
  const text = `load: { users: 1, duration: 1s }\nusers: &u\n  - &k\n    tasks:\n      - get: /a\n    stop:\n      - post: /z\n        json: *u\n  - *k\n  - *k\n  - *k\n`;
  for (const purpose of ['editor', 'check'] as const) {
    const a = analyzeScenarioDetailed(text, { purpose });
    assertSane(text, a, purpose);
    const cycle = a.diagnostics.filter((d) => d.code === 'json-cycle');
    assert.equal(cycle.length, 1, JSON.stringify(a.diagnostics));
    assert.deepEqual(cycle[0].range, { start: { line: 7, character: 14 }, end: { line: 7, character: 16 } });
    assert.match(cycle[0].message, /`\*u` names a value this body is part of/);
  }
});

test('a JSON body that aliases past 100,000 values is refused, also in a file whose YAML is broken', () => {
  // Within yaml's own alias limit (150 uses of a list without aliases), but 150,000 values.
  const list = `[${Array(1000).fill('1').join(', ')}]`;
  const body = (names: string) => `      - post: /b\n        json: [${Array(150).fill(names).join(', ')}]\n`;
  const valid = `load: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - post: /a\n        json: &a ${list}\n${body('*a')}`;
  const refused = analyzeScenario(valid).diagnostics.filter((d) => d.code === 'json-too-large');
  assert.equal(refused.length, 1);
  assert.equal(refused[0].range.start.line, 6);
  // A YAML error elsewhere: only it is shown, but the names are still indexed (compiled quietly),
  // and an alias bomb in a body must not make that take forever. Ten levels of ten aliases.
  let bomb = `load: { users: 1, duration: 1s }\nx: [\nusers:\n  - tasks:\n      - post: /l0\n        json: &l0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n`;
  for (let i = 1; i < 10; i++)
    bomb += `      - post: /l${i}\n        json: &l${i} [${Array(10)
      .fill(`*l${i - 1}`)
      .join(', ')}]\n`;
  const broken = analyzeScenarioDetailed(bomb);
  assertSane(bomb, broken, 'bomb');
  assert.deepEqual(
    broken.diagnostics.map((d) => d.code),
    ['yaml-syntax'],
  );
});
