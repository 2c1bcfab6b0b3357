// `{{ name }}` templates: compilation, references with offsets, and undefined names at the exact
// range of the name (variables, and captures of EARLIER steps only).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  analyzeScenario,
  analyzeScenarioDetailed,
  compileTemplate,
  renderTemplate,
  templateProblems,
  templateReferences,
} from '../../../scenario/index';
import { clean, HEAD, only, span, yaml } from './helpers';

test('compileTemplate splits literals and references; no holes gives one literal part', () => {
  assert.deepEqual(compileTemplate('/a/{{ x }}/b{{y}}'), {
    source: '/a/{{ x }}/b{{y}}',
    parts: ['/a/', { ref: 'x' }, '/b', { ref: 'y' }],
  });
  assert.deepEqual(compileTemplate('/plain').parts, ['/plain']);
  assert.deepEqual(compileTemplate('').parts, ['']);
  assert.deepEqual(compileTemplate('{{a}}{{b}}').parts, [{ ref: 'a' }, { ref: 'b' }]);
  assert.equal(
    renderTemplate(compileTemplate('/c/{{ id }}?n={{ n }}'), (k) => ({ id: 'x1', n: 3 })[k]),
    '/c/x1?n=3',
  );
});

test('templateReferences gives each name with its offsets, for completion and go-to-definition', () => {
  const refs = templateReferences('a {{ cartId }} b {{}}');
  assert.deepEqual(
    refs.map((r) => [r.name, r.start, r.end, r.outerStart, r.outerEnd, r.valid]),
    [
      ['cartId', 5, 11, 2, 14, true],
      ['', 19, 19, 17, 21, false],
    ],
  );
  assert.deepEqual(
    // The grammar reads `a`, then points at what it cannot read (`b`), not the whole hole.
    templateProblems('x {{ a b }} {{ ').map((p) => [p.start, p.end]),
    [
      [7, 8],
      [12, 15],
    ],
  );
});

test('an undefined name is an error at the exact range of the name, with did-you-mean', () => {
  const a = analyzeScenario(
    HEAD + 'variables: { sku: [A, B] }\nusers: [{ tasks: [{ get: "/p/{{ skux }}" }] }]\n',
  );
  const d = only(a, 'undefined-name');
  assert.deepEqual(span(d), [4, 32, 4, 36]);
  assert.equal(d.suggestion, 'sku');
  assert.match(d.message, /`skux` is not defined.*did you mean `sku`\?/);
});

test('a capture is readable in later steps only', () => {
  const text =
    HEAD +
    yaml`
    users:
      - tasks:
          - steps:
              - get: /a/{{ cartId }}
              - post: /cart
                capture: { cartId: json.id }
                headers: { X-Cart: "{{ cartId }}" }
              - get: /cart/{{ cartId }}
    `;
  const a = analyzeScenario(text);
  const errs = a.diagnostics.filter((d) => d.code === 'undefined-name');
  assert.deepEqual(errs.map(span), [
    [6, 23, 6, 29],
    [9, 35, 9, 41],
  ]);
  assert.match(errs[0].message, /captured by a later step/);
  assert.match(errs[1].message, /captured by this same step/);
});

test('captures do not leak between tasks, and loops see only their own earlier steps', () => {
  const text =
    HEAD +
    yaml`
    users:
      - tasks:
          - steps:
              - { post: /login, capture: { token: json.t } }
          - get: /me/{{ token }}
        loops:
          - every: 1s
            get: /x/{{ token }}
    `;
  const errs = analyzeScenario(text).diagnostics.filter((d) => d.code === 'undefined-name');
  assert.deepEqual(errs.map(span), [
    [7, 20, 7, 25],
    [10, 19, 10, 24],
  ]);
});

test('templates in headers, query, json bodies, defaults and emit attributes are all checked', () => {
  const text =
    HEAD +
    yaml`
    defaults: { headers: { A: "{{ a1 }}" } }
    users:
      - tasks:
          - steps:
              - post: /x
                query: { q: "{{ a2 }}" }
                json: { deep: [1, { k: "{{ a3 }}" }] }
              - emit: ev
                attributes: { at: "{{ a4 }}" }
    `;
  const names = analyzeScenario(text)
    .diagnostics.filter((d) => d.code === 'undefined-name')
    .map((d) => d.message.slice(1, 3));
  assert.deepEqual(names, ['a1', 'a2', 'a3', 'a4']);
});

test('malformed templates are errors inside the string', () => {
  const a = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: "/p/{{ a b }}" }] }]\n');
  assert.deepEqual(span(only(a, 'bad-template')), [3, 34, 3, 35]);
  const b = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: "/p/{{ id" }] }]\n');
  assert.deepEqual(span(only(b, 'bad-template')), [3, 29, 3, 34]);
});

test('the index lists definitions, references (resolved) and the names in scope per string', () => {
  const text =
    HEAD +
    'variables: { sku: A }\nusers:\n  - tasks:\n      - steps:\n          - { post: /c, capture: { id: json.id } }\n          - get: /c/{{ id }}?s={{ sku }}\n';
  const { index } = analyzeScenarioDetailed(text);
  assert.deepEqual(
    index.variables.map((v) => [v.name, v.kind, v.range.start.line, v.range.start.character]),
    [['sku', 'variable', 3, 13]],
  );
  assert.deepEqual(
    index.captures.map((v) => [v.name, v.range.start.line, v.range.start.character]),
    [['id', 7, 35]],
  );
  assert.deepEqual(
    index.references.map((r) => [r.name, r.range.start.line, r.range.start.character, r.definition?.kind]),
    [
      ['id', 8, 23, 'capture'],
      ['sku', 8, 34, 'variable'],
    ],
  );
  const scopeOfSecond = index.templateScopes.find((s) => s.range.start.line === 8);
  assert.deepEqual(scopeOfSecond?.names.sort(), ['id', 'sku']);
});

test('expected values in checks may hold templates, checked against the names in scope', () => {
  const text =
    HEAD +
    yaml`
    variables: { sku: [A, B] }
    users:
      - tasks:
          - steps:
              - post: /cart
                capture: { cartId: json.id }
                check: { json.sku: "{{ sku }}", header.x-cart: "{{ cartId }}" }
              - get: /cart/{{ cartId }}
                check: { json.id: "{{ cartId }}", json.items.0: "{{ skew }}", json.n: 3 }
    `;
  const a = analyzeScenario(text);
  const errs = a.diagnostics.filter((d) => d.code === 'undefined-name');
  // `cartId` is captured by the same step (not readable in its own checks); `skew` is misspelt.
  assert.deepEqual(
    errs.map((d) => d.message.slice(0, 8)),
    ['`cartId`', '`skew` i'],
  );
  assert.match(errs[1].message, /`skew` is not defined/);

  const good = clean(
    text.replace('header.x-cart: "{{ cartId }}"', 'header.x-cart: "c"').replace('{{ skew }}', '{{ sku }}'),
  );
  const steps = good.users[0].tasks[0].steps;
  const first = steps[0].kind === 'request' ? steps[0].checks : [];
  const second = steps[1].kind === 'request' ? steps[1].checks : [];
  assert.deepEqual(first[0], { kind: 'json', path: ['sku'], equalsTemplate: compileTemplate('{{ sku }}') });
  assert.deepEqual(first[1], { kind: 'header', name: 'x-cart', equals: 'c' });
  assert.deepEqual(second[2], { kind: 'json', path: ['n'], equals: 3 });
});
