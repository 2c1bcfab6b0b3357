// The template expression grammar and its checks: names, dotted paths, calls with literal or name
// arguments; unknown functions, wrong argument counts and types, `$env.X`, `env.X` uses (for the run),
// each at its exact range with a did-you-mean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario, compileTemplate, parseTemplateExpr } from '../../../scenario/index';
import { errorsOf, HEAD, span } from './helpers';

test('parseTemplateExpr: names, paths, calls, literals, with offsets', () => {
  assert.deepEqual(parseTemplateExpr('env.TOKEN'), {
    expr: { kind: 'path', root: 'env', fields: ['TOKEN'], start: 0, end: 9 },
  });
  assert.deepEqual(parseTemplateExpr('user.items.0'), {
    expr: { kind: 'path', root: 'user', fields: ['items', '0'], start: 0, end: 12 },
  });
  assert.deepEqual(parseTemplateExpr('randomInt(1, 100)'), {
    expr: {
      kind: 'call',
      fn: 'randomInt',
      start: 0,
      end: 9,
      args: [
        { kind: 'literal', value: 1, start: 10, end: 11 },
        { kind: 'literal', value: 100, start: 13, end: 16 },
      ],
    },
  });
  const b = parseTemplateExpr('base64(env.USER)');
  assert.ok('expr' in b && b.expr.kind === 'call' && b.expr.args[0].kind === 'path');
  const q = parseTemplateExpr("urlencode('a, b')");
  assert.ok(
    'expr' in q &&
      q.expr.kind === 'call' &&
      q.expr.args[0].kind === 'literal' &&
      q.expr.args[0].value === 'a, b',
  );
  for (const [text, at] of [
    ['a b', [2, 3]],
    ['f(', [1, 2]],
    ['f(1,)', [4, 5]],
    ['f(g())', [3, 4]],
    ['a.', [1, 2]],
    ['"open', [0, 5]],
    ['1 + 2', [2, 5]],
  ] as const) {
    const r = parseTemplateExpr(text);
    assert.ok('error' in r, text);
    assert.deepEqual([r.error.start, r.error.end], at, `${text}: ${r.error.message}`);
  }
});

test('compileTemplate: a bare name and env.NAME stay refs (prebuildable); anything else is an expression', () => {
  const parts = compileTemplate('/{{ a }}/{{ env.X }}/{{ uuid() }}/{{ accounts.email }}').parts;
  assert.deepEqual(parts[1], { ref: 'a' });
  // env values are single-value variables named `env.NAME` in the engine (runEnv.ts).
  assert.deepEqual(parts[3], { ref: 'env.X' });
  assert.ok(typeof parts[5] === 'object' && 'expr' in parts[5] && parts[5].expr.kind === 'call');
  assert.ok(typeof parts[7] === 'object' && 'expr' in parts[7] && parts[7].expr.kind === 'path');
});

function check(url: string, variables = 'variables: { sku: [A, B], one: x }\n') {
  const text = `${HEAD}${variables}users: [{ tasks: [{ get: "${url}" }] }]\n`;
  return {
    a: analyzeScenario(text),
    line: text.split('\n').length - 2,
    col: text.split('\n').at(-2)!.indexOf(url),
  };
}

test('every function of the table checks clean when called right', () => {
  const { a } = check(
    "/{{ uuid() }}/{{ randomInt(1, 100) }}/{{ randomString(12) }}/{{ now() }}/{{ timestamp() }}/{{ base64(one) }}/{{ urlencode(sku) }}/{{ sha256('x') }}/{{ pick(sku) }}",
  );
  assert.deepEqual(a.diagnostics, []);
  assert.ok(a.scenario);
});

test('unknown function, wrong count, wrong type: errors at the exact range with did-you-mean', () => {
  const cases: Array<[string, string, number, number, RegExp, string?]> = [
    [
      '{{ uuidd() }}',
      'unknown-function',
      3,
      8,
      /`uuidd\(\)` is not a template function; did you mean `uuid`\?/,
      'uuid',
    ],
    ['{{ frobnicate() }}', 'unknown-function', 3, 13, /the functions are `uuid\(\)`, `randomInt\(\)`/],
    [
      '{{ randomInt(1) }}',
      'wrong-arguments',
      3,
      12,
      /`randomInt` takes 2 arguments \(`randomInt\(min, max\)`\), not 1/,
    ],
    ['{{ uuid(1) }}', 'wrong-arguments', 3, 7, /`uuid` takes no arguments/],
    ['{{ randomInt(one, 2) }}', 'wrong-argument', 13, 16, /`randomInt`'s `min` is a number/],
    ['{{ pick(one) }}', 'wrong-argument', 8, 11, /`pick` takes a list variable/],
    ["{{ pick('a') }}", 'wrong-argument', 8, 11, /the name of a list variable/],
    ['{{ randomInt(9, 1) }}', 'wrong-argument', 3, 12, /min is above max/],
    ['{{ randomInt(0, 1e15) }}', 'wrong-argument', 3, 12, /spans at most 2\^48 values/],
    ['{{ randomString(0) }}', 'wrong-argument', 16, 17, /length is a whole number from 1/],
    ['{{ uuid }}', 'not-called', 3, 7, /`uuid` is a function: call it, `uuid\(\)`/, 'uuid()'],
    ['{{ one.x }}', 'no-fields', 3, 8, /`one` is a variable: it has no fields/],
    ['{{ base64(nope) }}', 'undefined-name', 10, 14, /`nope` is not defined/],
    [
      '{{ $env.TOKEN }}',
      'bad-template',
      3,
      13,
      /names have no `\$`; did you mean `env.TOKEN`\?/,
      'env.TOKEN',
    ],
    ['{{ env }}', 'bad-path', 3, 6, /`env` needs one name after it: `env.NAME`/],
  ];
  for (const [hole, code, from, to, message, suggestion] of cases) {
    const { a, line, col } = check(`/x/${hole}`);
    const errors = errorsOf(a);
    assert.equal(errors.length, 1, `${hole}: ${JSON.stringify(errors)}`);
    assert.equal(errors[0].code, code, hole);
    assert.deepEqual(span(errors[0]), [line, col + 3 + from, line, col + 3 + to], hole);
    assert.match(errors[0].message, message, hole);
    assert.equal(errors[0].suggestion, suggestion, hole);
  }
});

test('env.NAME is recorded with its range for the run to decide (no scenario diagnostic)', () => {
  const text = `${HEAD}users: [{ tasks: [{ get: "/a", headers: { A: "{{ env.TOKEN }}", B: "{{ base64(env.USER) }}" } }] }]\n`;
  const a = analyzeScenario(text);
  assert.deepEqual(a.diagnostics, []);
  assert.deepEqual(
    a.scenario?.envUses.map((u) => u.name),
    ['TOKEN', 'USER'],
  );
  const line = text.split('\n').length - 2;
  const col = text.split('\n')[line].indexOf('env.TOKEN');
  const { start, end } = a.scenario.envUses[0].range;
  assert.deepEqual([start.line, start.character, end.line, end.character], [line, col, line, col + 9]);
});

test('data-set roots: a known column is clean, an unknown one is an error with did-you-mean', () => {
  const reader = () => ({ ok: true as const, columns: ['email', 'password'] });
  const text = `${HEAD}data:\n  accounts: { file: a.csv }\nusers: [{ tasks: [{ get: "/u/{{ accounts.email }}/{{ urlencode(accounts.emial) }}" }] }]\n`;
  const a = analyzeScenario(text, { dataFile: reader });
  const [e] = errorsOf(a);
  assert.equal(errorsOf(a).length, 1, JSON.stringify(a.diagnostics));
  assert.equal(e.code, 'unknown-column');
  assert.match(e.message, /`accounts` \(a.csv\) has no column `emial`.*did you mean `email`\?/);
  assert.equal(e.suggestion, 'accounts.email');
});

test('a capture of a JSON object may be read by field', () => {
  const text = `${HEAD}users:\n  - tasks:\n      - steps:\n          - get: /a\n            capture: { user: json.user }\n          - get: /b/{{ user.name }}\n`;
  assert.deepEqual(analyzeScenario(text).diagnostics, []);
});
