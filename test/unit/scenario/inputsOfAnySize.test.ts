// The language on inputs of any size (issue 15): loads no worker can hold, `{{ }}` where nothing
// fills it in, repeated keys in big maps (found in one pass), and the did-you-mean distance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario, editDistance } from '../../../scenario/index';
import { errorsOf, HEAD, span, yaml } from './helpers';

const USERS = 'users:\n  - name: u\n    tasks:\n      - get: /\n';

test('users: 1e12 is an error at the number, saying what one worker holds', () => {
  const a = analyzeScenario(`name: t\nload: { users: 1e12, duration: 1s }\nworkers: 2\n${USERS}`);
  const [e] = errorsOf(a);
  assert.equal(e.code, 'too-many-users');
  assert.deepEqual(span(e), [1, 15, 1, 19]);
  assert.match(e.message, /one worker holds about 100,000 idle virtual users \(~10 KiB each/);
  assert.match(e.message, /`workers: 2`, at most 200,000/);
});

test('the limit grows with the workers; `auto` assumes a big machine; stages and maxUsers count too', () => {
  const ok = (load: string, workers: string): boolean =>
    errorsOf(analyzeScenario(`name: t\nload: ${load}\nworkers: ${workers}\n${USERS}`)).length === 0;
  assert.ok(ok('{ users: 200000, duration: 1s }', '2'));
  assert.ok(!ok('{ users: 200001, duration: 1s }', '2'));
  assert.ok(ok('{ users: 100000, duration: 1s }', '0'));
  assert.ok(ok('{ users: 1000000, duration: 1s }', 'auto'));
  assert.ok(!ok('{ users: 1e12, duration: 1s }', 'auto'));
  assert.ok(!ok('{ stages: [ { duration: 1s, users: 10 }, { duration: 1s, users: 300000 } ] }', '2'));
  assert.ok(!ok('{ arrivalRate: 10, duration: 1s, maxUsers: 1e9 }', '4'));
  assert.ok(!ok('{ arrivalRate: 1e9, duration: 1s }', '4'));
  assert.ok(ok('{ arrivalRate: 100000, duration: 1s, maxUsers: 1000 }', '1'));
});

test('a `{{ }}` in a value nothing fills in is an error at the braces', () => {
  const a = analyzeScenario(
    yaml`
    name: t
    target: http://127.0.0.1:8080
    load: { users: 1, duration: 1s }
    variables:
      token: "{{ $env.TOKEN }}"
    users:
      - name: u
        tasks:
          - post: /x
            json: { "{{ key }}": 1 }
            check: { body: "{{ token }}" }
    `,
  );
  const errors = errorsOf(a).filter((d) => d.code === 'template-not-filled');
  assert.deepEqual(
    errors.map((d) => span(d)),
    [
      [4, 10, 4, 26],
      [9, 17, 9, 26],
      [10, 24, 10, 35],
    ],
  );
  assert.match(
    errors[0].message,
    /`\{\{ \$env\.TOKEN \}\}` is not filled in here: this value is used as written/,
  );
});

test('a repeated key among thousands is still found, once, at the repeat', () => {
  let text = HEAD + USERS;
  for (let i = 0; i < 5000; i++) text += `x${i}: 1\n`;
  text += 'x17: 2\n';
  const dups = analyzeScenario(text).diagnostics.filter((d) => /unique/.test(d.message));
  assert.equal(dups.length, 1);
  assert.equal(dups[0].range.start.line, text.split('\n').length - 2);
  assert.deepEqual([dups[0].range.start.character, dups[0].range.end.character], [0, 3]);
});

test('repeated keys in flow maps and nested maps, as before', () => {
  const a = analyzeScenario(`${HEAD}defaults: { timeout: 1s, timeout: 2s }\n${USERS}`);
  assert.equal(a.diagnostics.filter((d) => /unique/.test(d.message)).length, 1);
});

test('editDistance: swaps count once; the rolling rows give the full table results', () => {
  const cases: Array<[string, string, number]> = [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['users', 'users', 0],
    ['usres', 'users', 1],
    ['thresholsd', 'thresholds', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
    ['target', 'targte', 1],
  ];
  for (const [a, b, d] of cases) assert.equal(editDistance(a, b), d, `${a} -> ${b}`);
});
