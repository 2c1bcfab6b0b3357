import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-protocol';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { caret } from './caret';
import { service } from './serviceSetup';
import { SHOP_SOURCE as SOURCE } from '../../fixtures/server/shopSource';

/** The range of `length` characters at the `nth` occurrence of `marker` (plus `delta`) in SOURCE. */
function rangeAt(marker: string, length: number, delta = 0, nth = 1) {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = SOURCE.indexOf(marker, offset + 1);
  assert.ok(offset >= 0, marker);
  offset += delta;
  const before = SOURCE.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[line].length;
  return { start: { line, character }, end: { line, character: character + length } };
}

function at(marker: string, delta = 0) {
  const offset = SOURCE.indexOf(marker) + delta;
  assert.ok(offset >= delta, marker);
  return caret(SOURCE.slice(0, offset) + '|' + SOURCE.slice(offset));
}

test('hover on a key shows the schema description and an example', () => {
  const { document, position } = at('think:', 2);
  const hover = service.hover(document, position)!;
  const value = (hover.contents as MarkupContent).value;
  assert.match(value, /The pause after each iteration/);
  assert.match(value, /```yaml\nthink: between\(1s, 3s\)\n```/);
  assert.deepEqual(hover.range, rangeAt('think:', 5));
});

test('hover on {{ sku }} shows the variable value; on {{ cartId }} the capture', () => {
  const sku = service.hover(...args(at('sku }}', 1)))!;
  assert.match((sku.contents as MarkupContent).value, /sku: \[A1, B2\]/);
  assert.match((sku.contents as MarkupContent).value, /picked per iteration/);
  const cart = service.hover(...args(at('cartId }}', 2)))!;
  assert.match(
    (cart.contents as MarkupContent).value,
    /capture.*\n\nCaptured from the response of `add to cart`: `json.id`/,
  );
  assert.deepEqual(cart.range, rangeAt('{{ cartId }}', 6, 3));
});

test('hover on a template function shows its signature and what it gives; env.NAME says where it comes from', () => {
  const source = 'target: http://x/{{ randomInt(1, 9) }}/{{ env.TOKEN }}/{{ nope() }}\n';
  const hoverAt = (marker: string, delta: number) => {
    const offset = source.indexOf(marker) + delta;
    const { document, position } = caret(source.slice(0, offset) + '|' + source.slice(offset));
    return service.hover(document, position);
  };
  const fn = hoverAt('randomInt', 3)!;
  assert.match(
    (fn.contents as MarkupContent).value,
    /^\*\*randomInt\(min, max\)\*\* \(template function\)\n\nA random whole number/,
  );
  assert.deepEqual(fn.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 29 } });
  assert.match((hoverAt('env.TOKEN', 5)!.contents as MarkupContent).value, /run's environment/);
  assert.match((hoverAt('nope', 1)!.contents as MarkupContent).value, /is not a template function/);
});

test('no hover on plain values', () => {
  assert.equal(service.hover(...args(at('/products', 3))), null);
});

test('go to definition: a capture goes to its key, a variable to its key', () => {
  const cart = service.definition(...args(at('cartId }}')));
  assert.deepEqual(cart, [
    {
      uri: 'file:///work/test.load.yaml',
      range: rangeAt('cartId: json.id', 6),
    },
  ]);
  const sku = service.definition(...args(at('sku }}')));
  assert.deepEqual(sku[0]?.range, rangeAt('sku: [A1', 3));
  assert.deepEqual(service.definition(...args(at('/products'))), []);
});

test('document symbols: user kinds > tasks and loops > steps, then trackers', () => {
  const { document } = at('variables');
  const symbols = service.documentSymbols(document);
  const shape = (s: (typeof symbols)[number]): unknown => ({
    name: s.name,
    kind: s.kind,
    children: (s.children ?? []).map(shape),
  });
  assert.deepEqual(symbols.map(shape), [
    {
      name: 'shopper',
      kind: SymbolKind.Class,
      children: [
        {
          name: 'buy',
          kind: SymbolKind.Function,
          children: [
            { name: 'add to cart', kind: SymbolKind.Method, children: [] },
            { name: 'show cart', kind: SymbolKind.Method, children: [] },
            { name: 'GET /cart/{{ cartId }}/items', kind: SymbolKind.Method, children: [] },
            { name: 'emit order.placed', kind: SymbolKind.Event, children: [] },
          ],
        },
        { name: 'browse', kind: SymbolKind.Function, children: [] },
        { name: 'task 3', kind: SymbolKind.Function, children: [] },
      ],
    },
    {
      name: 'watcher',
      kind: SymbolKind.Class,
      children: [{ name: 'every 5s', kind: SymbolKind.Event, children: [] }],
    },
    { name: 'checkout time', kind: SymbolKind.Field, children: [] },
  ]);
  const shopper = symbols[0];
  assert.deepEqual(shopper.selectionRange, rangeAt('shopper', 7));
  assert.equal(shopper.range.start.line, rangeAt('- name: shopper', 0).start.line);
});

test('every feature survives documents that are not scenarios', () => {
  for (const source of [
    '',
    '|',
    '- a\n- b',
    '[1, 2',
    ': : :',
    'users: 3',
    'users:\n  - tasks: 5',
    '{{ a }}',
    '\u0000\u0001\uffff',
    'a: &x [*x]',
    'a: !!binary AAA',
  ]) {
    const { document, position } = caret(source.includes('|') ? source : source + '|');
    service.completion(document, position);
    service.hover(document, position);
    service.definition(document, position);
    service.documentSymbols(document);
  }
});

function args(fixture: ReturnType<typeof caret>) {
  return [fixture.document, fixture.position] as const;
}

test('hover inside a tracker filter explains a built-in event and its attributes, from the events table', () => {
  const source =
    'name: x\ntrackers:\n  - metric: m\n    start: iteration.start[user="a"]\n    end: iteration.end[ok=true]\n';
  const hoverAt = (marker: string, delta: number) => {
    const offset = source.indexOf(marker) + delta;
    const { document, position } = caret(source.slice(0, offset) + '|' + source.slice(offset));
    return service.hover(document, position);
  };
  const event = hoverAt('iteration.end', 4)!;
  assert.match((event.contents as MarkupContent).value, /\*\*iteration\.end\*\* \(built-in event\)/);
  assert.match((event.contents as MarkupContent).value, /`user`, `task`, `ok`/);
  const ok = hoverAt('ok=true', 1)!;
  assert.match((ok.contents as MarkupContent).value, /attribute of `iteration\.end`/);
  assert.equal(hoverAt('"a"', 1), null);
});
