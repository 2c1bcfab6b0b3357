// Broken scenarios: every problem is a diagnostic at the exact range of the key or value at fault,
// with a stable code, and "did you mean" where a typo is likely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { errorsOf, fixture, HEAD, only, span, yaml } from './helpers';

test('the broken fixture: each problem at its place, nothing else', () => {
  const a = analyzeScenario(fixture('broken.load.yaml'));
  assert.equal(a.scenario, undefined);
  assert.deepEqual(
    a.diagnostics.map((d) => [d.code, ...span(d), d.suggestion]),
    [
      ['bad-duration', 4, 12, 4, 14, '30s'],
      ['unknown-key', 7, 4, 7, 9, 'think'],
      ['undefined-name', 11, 26, 11, 32, undefined],
      ['unknown-key', 13, 12, 13, 15, 'get'],
      ['unknown-event', 16, 11, 16, 17, 'request'],
      ['bad-filter', 17, 29, 17, 32, 'last'],
      ['bad-threshold', 19, 4, 19, 7, undefined], // p95 or p98: too close to call, so no guess
    ],
  );
});

test('an unknown key is underlined (the key, not its value) with "did you mean"', () => {
  const a = analyzeScenario(HEAD + 'users:\n  - thnik: 2s\n    tasks: [{ get: /x }]\n');
  const d = only(a, 'unknown-key');
  assert.deepEqual(span(d), [4, 4, 4, 9]);
  assert.equal(d.severity, 'error');
  assert.equal(d.suggestion, 'think');
  assert.match(d.message, /unknown key `thnik` in `users\[0\]`; did you mean `think`\?/);
});

test('an unknown key with no close match lists the keys that are allowed', () => {
  const d = only(analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x }] }]\nbananas: 1\n'), 'unknown-key');
  assert.deepEqual(span(d), [4, 0, 4, 7]);
  assert.equal(d.suggestion, undefined);
  assert.match(d.message, /expected one of `name`, `target`, `load`/);
});

test('a misspelt prefix key suggests the fixed prefix with the rest kept', () => {
  const d = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x, check: { jsn.state: done } }] }]\n'),
    'unknown-key',
  );
  assert.equal(d.suggestion, 'json.state');
  assert.deepEqual(span(d), [3, 38, 3, 47]);
});

test('a YAML syntax error is a diagnostic at its position, and hides the rest', () => {
  const a = analyzeScenario('name: x\nload: { users: 1\nusers: []\n');
  assert.ok(a.diagnostics.length >= 1);
  assert.ok(a.diagnostics.every((d) => d.code === 'yaml-syntax'));
  // yaml notices the unclosed `{` where the next line starts.
  assert.deepEqual(span(a.diagnostics[0]), [2, 0, 2, 1]);
  assert.match(a.diagnostics[0].message, /end with a \}/);
});

test('a repeated key is an error at the second key', () => {
  const d = only(analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x }] }]\nname: again\n'), 'yaml-syntax');
  assert.deepEqual(span(d), [4, 0, 4, 4]);
  assert.match(d.message, /unique/i);
});

test('empty files and non-mappings get one clear error', () => {
  assert.deepEqual(
    analyzeScenario('').diagnostics.map((d) => d.code),
    ['empty'],
  );
  assert.deepEqual(
    analyzeScenario('# only a comment\n').diagnostics.map((d) => d.code),
    ['empty'],
  );
  const list = only(analyzeScenario('- a\n- b\n'), 'not-a-mapping');
  assert.deepEqual(span(list), [0, 0, 2, 0]);
});

test('load without user kinds is an error at the `load` key', () => {
  const d = only(analyzeScenario('name: x\nload:\n  users: 5\n  duration: 1m\n'), 'no-users');
  assert.deepEqual(span(d), [1, 0, 1, 4]);
  assert.equal(errorsOf(analyzeScenario('name: x\nload:\n  users: 5\n  duration: 1m\n')).length, 1);
});

test('missing required keys point at the owner key', () => {
  const a = analyzeScenario('target: http://h:1\nload: { users: 5 }\nusers: [{ tasks: [{ get: /x }] }]\n');
  const d = only(a, 'missing-key');
  assert.deepEqual(span(d), [1, 0, 1, 4]);
  assert.match(d.message, /duration/);
  const t = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x }] }]\ntrackers:\n  - metric: m\n    start: stage\n'),
    'missing-key',
  );
  assert.deepEqual(span(t), [5, 4, 5, 13]);
  assert.match(t.message, /`trackers\[0\]` needs `end`/);
});

test('durations without a unit suggest one', () => {
  const d = only(
    analyzeScenario(
      'target: http://h:1\nload: { users: 5, duration: 30 }\nusers: [{ tasks: [{ get: /x }] }]\n',
    ),
    'bad-duration',
  );
  assert.deepEqual(span(d), [1, 28, 1, 30]);
  assert.equal(d.suggestion, '30s');
  const e = only(
    analyzeScenario(
      'target: http://h:1\nload: { users: 5, duration: 5 minutes }\nusers: [{ tasks: [{ get: /x }] }]\n',
    ),
    'bad-duration',
  );
  assert.deepEqual(span(e), [1, 28, 1, 37]);
});

test('wrong types are reported at the value', () => {
  const d = only(analyzeScenario(HEAD + 'users: 5\n'), 'wrong-type');
  assert.deepEqual(span(d), [3, 7, 3, 8]);
  assert.equal(d.message, '`users` must be a list');
  const w = only(analyzeScenario(HEAD + 'workers: aut\nusers: [{ tasks: [{ get: /x }] }]\n'), 'wrong-type');
  assert.deepEqual(span(w), [3, 9, 3, 12]);
  assert.equal(w.suggestion, 'auto');
  const n = only(analyzeScenario(HEAD + 'workers: -1\nusers: [{ tasks: [{ get: /x }] }]\n'), 'wrong-type');
  assert.match(n.message, /`workers` must be a whole number or `auto`/);
});

test('a request needs exactly one method', () => {
  const two = analyzeScenario(HEAD + 'users:\n  - tasks:\n      - get: /a\n        post: /b\n');
  assert.deepEqual(span(only(two, 'several-methods')), [6, 8, 6, 12]);
  const none = analyzeScenario(HEAD + 'users:\n  - tasks:\n      - name: nothing\n');
  const d = only(none, 'missing-request');
  assert.deepEqual(span(d), [5, 8, 5, 21]);
  const step = analyzeScenario(HEAD + 'users:\n  - tasks:\n      - steps:\n          - name: nothing\n');
  assert.deepEqual(span(only(step, 'missing-request')), [6, 12, 6, 25]);
});

test('steps and an inline request together, json and body together', () => {
  const a = analyzeScenario(HEAD + 'users:\n  - tasks:\n      - get: /a\n        steps: [{ get: /b }]\n');
  assert.deepEqual(span(only(a, 'steps-and-request')), [5, 8, 5, 11]);
  const b = analyzeScenario(HEAD + 'users: [{ tasks: [{ post: /a, json: {}, body: x }] }]\n');
  assert.deepEqual(span(only(b, 'body-and-json')), [3, 40, 3, 44]);
});

test('a path must start with / or http(s)://; without target relative paths are fine (the CLI supplies one)', () => {
  const a = analyzeScenario('load: { users: 1, duration: 1s }\nusers: [{ tasks: [{ get: /a }] }]\n');
  assert.deepEqual(a.diagnostics, []);
  assert.equal(a.scenario?.target, undefined);
  const b = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: products }] }]\n');
  const d = only(b, 'bad-url');
  assert.deepEqual(span(d), [3, 25, 3, 33]);
  assert.equal(d.suggestion, '/products');
  const t = only(
    analyzeScenario(
      'target: 127.0.0.1:8080\nload: { users: 1, duration: 1s }\nusers: [{ tasks: [{ get: /a }] }]\n',
    ),
    'bad-target',
  );
  assert.equal(t.suggestion, 'http://127.0.0.1:8080');
});

test('think times: bad forms, reversed ranges and unknown functions', () => {
  const think = (t: string) =>
    only(analyzeScenario(HEAD + `users: [{ think: "${t}", tasks: [{ get: /x }] }]\n`), 'bad-think');
  assert.match(think('between(3s, 1s)').message, /must not exceed/);
  const typo = think('betwen(1s, 3s)');
  assert.match(typo.message, /unknown think function `betwen`/);
  assert.equal(typo.suggestion, 'between(1s, 3s)');
  assert.match(think('pacing(5)').message, /needs a unit/);
  assert.deepEqual(span(think('soon')), [3, 17, 3, 23]);
  const n = only(analyzeScenario(HEAD + 'users: [{ think: 2, tasks: [{ get: /x }] }]\n'), 'bad-think');
  assert.equal(n.suggestion, '2s');
});

test('a user kind needs tasks or loops; model keys must not be mixed', () => {
  const u = only(analyzeScenario(HEAD + 'users:\n  - name: idle\n'), 'no-tasks');
  assert.deepEqual(span(u), [4, 10, 4, 14]);
  const m = only(
    analyzeScenario(
      'target: http://h:1\nload: { users: 5, arrivalRate: 3, duration: 1s }\nusers: [{ tasks: [{ get: /x }] }]\n',
    ),
    'mixed-models',
  );
  assert.deepEqual(span(m), [1, 18, 1, 29]);
  const s = only(
    analyzeScenario(
      'target: http://h:1\nload: { duration: 1s, stages: [{ duration: 1s, users: 1 }] }\nusers: [{ tasks: [{ get: /x }] }]\n',
    ),
    'stages-and-totals',
  );
  assert.deepEqual(span(s), [1, 8, 1, 16]);
});

test('captures: bad sources get "did you mean", bad regexes their reason', () => {
  const c = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x, capture: { id: jsn.id } }] }]\n'),
    'bad-capture',
  );
  assert.equal(c.suggestion, 'json.id');
  assert.deepEqual(span(c), [3, 44, 3, 50]);
  const r = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x, capture: { id: "regex(a(b)" } }] }]\n'),
    'bad-capture',
  );
  assert.match(r.message, /bad regular expression/);
  const k = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x, check: { header.x: "~[" } }] }]\n'),
    'bad-regex',
  );
  assert.deepEqual(span(k), [3, 48, 3, 52]);
});

test('emit steps: reserved names, request keys and attributes in the wrong place', () => {
  const a = analyzeScenario(
    HEAD +
      'users:\n  - tasks:\n      - steps:\n          - emit: request\n          - get: /x\n            attributes: { a: b }\n',
  );
  assert.deepEqual(span(only(a, 'reserved-event')), [6, 18, 6, 25]);
  assert.deepEqual(span(only(a, 'attributes-without-emit')), [8, 12, 8, 22]);
  const b = analyzeScenario(
    HEAD + 'users: [{ tasks: [{ steps: [{ emit: done, check: { status: 200 } }] }] }]\n',
  );
  assert.deepEqual(span(only(b, 'not-for-emit')), [3, 42, 3, 47]);
});

test('output paths accept {name} and {time} only', () => {
  const d = only(
    analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /x }] }]\noutput: { json: "r/{nme}.json" }\n'),
    'bad-placeholder',
  );
  assert.deepEqual(span(d), [4, 19, 4, 24]);
  assert.equal(d.suggestion, '{name}');
});

test('junit and markdown outputs: a wrong type, two outputs on one file, and a name CI tools will not find', () => {
  const body = HEAD + 'users: [{ tasks: [{ get: /x }] }]\n';
  const typed = only(analyzeScenario(body + 'output: { junit: 5 }\n'), 'wrong-type');
  assert.match(typed.message, /output\.junit/);
  const clash = analyzeScenario(
    body + 'output: { junit: r/out.xml, markdown: ./r//out.xml, csv: r/out.xml }\n',
  );
  const d = only(clash, 'output-clash');
  assert.equal(
    d.message,
    '`output.markdown` writes the same file as `output.junit`: give each output its own path',
  );
  assert.deepEqual(span(d), [4, 38, 4, 50]);
  assert.equal(clash.scenario, undefined, 'a clash is an error: the run would lose one of the two files');
  const csv = only(analyzeScenario(body + 'output: { csv: r/x, markdown: r/x_stats.csv }\n'), 'output-clash');
  assert.match(csv.message, /same file as `output\.csv`/);
  const ending = analyzeScenario(body + 'output: { junit: r/junit.txt, markdown: r/summary.md }\n');
  const w = only(ending, 'output-extension');
  assert.equal(w.severity, 'warning');
  assert.equal(w.message, '`output.junit` should end in `.xml`: CI tools find these files by their ending');
  assert.deepEqual(ending.scenario?.output, { junit: 'r/junit.txt', markdown: 'r/summary.md' });
});

test('diagnostics come sorted by position and are never duplicated at one range', () => {
  const a = analyzeScenario(HEAD + 'users:\n  - thnik: 2s\n    weight: x\n    tasks: [{ gte: /x }]\n');
  const keys = a.diagnostics.map((d) => span(d).join(':'));
  assert.equal(new Set(keys).size, keys.length);
  const starts = a.diagnostics.map((d) => d.range.start.line * 1000 + d.range.start.character);
  assert.deepEqual(
    starts,
    [...starts].sort((x, y) => x - y),
  );
});

test('variable names must be template names', () => {
  const d = only(
    analyzeScenario(HEAD + 'variables: { 1abc: x }\nusers: [{ tasks: [{ get: /x }] }]\n'),
    'bad-name',
  );
  assert.deepEqual(span(d), [3, 13, 3, 17]);
});

test('a dedented yaml helper sanity check', () => {
  assert.equal(
    yaml`
    a: 1
      b: 2
  `,
    'a: 1\n  b: 2\n',
  );
});

test('an empty load says what it needs', () => {
  const d = only(
    analyzeScenario('target: http://h:1\nload: {}\nusers: [{ tasks: [{ get: /x }] }]\n'),
    'missing-key',
  );
  assert.deepEqual(span(d), [1, 0, 1, 4]);
  assert.match(d.message, /`users` and `duration`.*`arrivalRate` and `duration`.*`stages`/);
  const spawnOnly = analyzeScenario(
    'target: http://h:1\nload: { spawnRate: 2, duration: 1s }\nusers: [{ tasks: [{ get: /x }] }]\n',
  );
  assert.match(only(spawnOnly, 'missing-key').message, /needs `users`/);
});

test('an empty variable list says so (not "must be a list")', () => {
  const d = only(
    analyzeScenario(HEAD + 'variables:\n  sku: []\nusers: [{ tasks: [{ get: /x }] }]\n'),
    'empty-list',
  );
  assert.deepEqual(span(d), [4, 7, 4, 9]);
  assert.equal(d.message, '`sku` needs at least one value to pick from');
});

test('every suggestion is also in the message, so the CLI and the editor say the same', () => {
  const texts = [
    fixture('broken.load.yaml'),
    HEAD + 'users: [{ think: 3, tasks: [{ get: products, timeout: 5 }] }]\n',
    'target: localhost:8080\nload: { users: 1, duration: 1s }\nusers: [{ tasks: [{ get: /x }] }]\n',
  ];
  const withSuggestion = texts.flatMap((t) =>
    analyzeScenario(t).diagnostics.filter((d) => d.suggestion !== undefined),
  );
  assert.ok(withSuggestion.length >= 7);
  for (const d of withSuggestion)
    assert.ok(d.message.includes(`did you mean \`${d.suggestion}\`?`), d.message);
});

test('request keys beside `steps` are flagged, not silently ignored', () => {
  const a = analyzeScenario(
    HEAD + 'users:\n  - tasks:\n      - steps: [{ get: /a }]\n        headers: { A: b }\n',
  );
  const d = only(a, 'request-key-on-steps');
  assert.deepEqual(span(d), [6, 8, 6, 15]);
});
