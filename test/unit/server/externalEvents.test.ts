// The editor and events from outside: completion of listener names and `event` attributes inside
// a tracker's end, hover on `event` and on the `events:` keys, and the warning for an unknown listener.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { caret } from './caret';
import { labelsAt, service } from './serviceSetup';

const HEAD = `name: t
target: http://127.0.0.1:8080
load: { users: 1, duration: 1s }
users:
  - name: u
    tasks:
      - name: t
        steps:
          - name: place order
            post: /orders
            capture: { orderId: json.id }
events:
  - name: order done
    webhook: { port: 8089 }
  - name: job finished
    udp: { port: 8125 }
`;
const end = (filter: string) =>
  `${HEAD}trackers:\n  - metric: m\n    start: request[name="place order"]\n    end: ${filter}\n`;

test('completion: `event` among the types, its attributes, and the listeners after name=', () => {
  assert.ok(labelsAt(end('|')).includes('event'));
  assert.deepEqual(labelsAt(end('event[|')), ['name', 'json.']);
  assert.deepEqual(labelsAt(end('event[name="|')), ['order done', 'job finished']);
  assert.ok(labelsAt(`${HEAD}trackers:\n  - metric: m\n    |`).includes('timeout'));
  assert.deepEqual(labelsAt(`${HEAD.replace('    udp: { port: 8125 }\n', '    |\n')}`), [
    'webhook',
    'udp',
    'sse',
  ]);
});

test('completion: `start:` is not offered `event` (only an end can come from outside), but the built-in types', () => {
  const labels = labelsAt(
    `${HEAD}trackers:\n  - metric: m\n    start: |\n    end: event[name="order done"]\n`,
  );
  assert.ok(labels.includes('request'), labels.join());
  assert.ok(!labels.includes('event'), labels.join());
});

test('hover: `event` in a filter and the listener kinds say what they are', () => {
  const onType = caret(end('ev|ent[name="order done"]'));
  const typeDoc = (service.hover(onType.document, onType.position)?.contents as MarkupContent).value;
  assert.match(typeDoc, /from the system under test/);
  const onKind = caret(HEAD.replace('    udp:', '    u|dp:'));
  const kindDoc = (service.hover(onKind.document, onKind.position)?.contents as MarkupContent).value;
  assert.match(kindDoc, /UDP datagrams/);
});

test('diagnostics: a tracker ending on a listener that does not exist is a warning', () => {
  const { document } = caret(end('event[name="order dne", json.orderId="{{ orderId }}"]|'));
  const diagnostics = service.diagnostics(document);
  const unknown = diagnostics.filter((d) => d.code === 'unknown-listener');
  assert.equal(unknown.length, 1, JSON.stringify(diagnostics));
  assert.equal(unknown[0].severity, 2);
  assert.match(JSON.stringify(unknown[0].message), /did you mean `order done`/);
});
