// The language of events from outside: `events:` listeners and `end: event[...]` tracker ends.
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { errorsOf, HEAD, only, yaml } from './helpers';

const USERS = yaml`
  users:
    - name: buyer
      tasks:
        - name: order
          steps:
            - name: place order
              post: /orders
              capture: { orderId: json.id }
`;

const analyze = (rest: string) => analyzeScenario(HEAD + USERS + rest);

test('listeners of each kind compile, with loopback by default and the SSE URL a template', () => {
  const a = analyze(yaml`
    events:
      - name: order done
        webhook: { port: 8089, path: /hooks/order }
      - name: job finished
        udp: { port: 8125, host: 0.0.0.0 }
      - name: deploys
        sse: { url: "{{ env.EVENTS_URL }}" }
  `);
  assert.deepEqual(errorsOf(a), []);
  const events = a.scenario!.events!;
  assert.deepEqual(events.slice(0, 2), [
    { name: 'order done', kind: 'webhook', host: '127.0.0.1', port: 8089, path: '/hooks/order' },
    { name: 'job finished', kind: 'udp', host: '0.0.0.0', port: 8125 },
  ]);
  assert.equal(events[2].kind, 'sse');
  assert.deepEqual(
    a.scenario!.envUses.map((u) => u.name),
    ['EVENTS_URL'],
  );
});

test('a listener needs exactly one kind, a name of its own and a port of its own', () => {
  const none = analyze('events:\n  - name: x\n');
  assert.match(only(none, 'listener-kind').message, /one of `webhook`, `udp`, `sse`/);
  const two = analyze('events:\n  - name: x\n    udp: { port: 1 }\n    webhook: { port: 2 }\n');
  assert.match(only(two, 'listener-kind').message, /one kind/);
  const port = analyze(
    'events:\n  - name: a\n    webhook: { port: 9000 }\n  - name: b\n    webhook: { port: 9000, path: /b }\n',
  );
  assert.match(only(port, 'port-taken').message, /listener `a` already uses TCP port 9000/);
  // The same number over UDP is another port.
  const udp = analyze(
    'events:\n  - name: a\n    webhook: { port: 9000 }\n  - name: b\n    udp: { port: 9000 }\n',
  );
  assert.deepEqual(errorsOf(udp), []);
  const dup = analyze('events:\n  - name: a\n    udp: { port: 1 }\n  - name: a\n    udp: { port: 2 }\n');
  assert.equal(only(dup, 'duplicate-name').severity, 'error');
});

test('an event end pairs by the templated conditions; the others filter', () => {
  const a = analyze(yaml`
    events:
      - name: order done
        webhook: { port: 8089 }
    trackers:
      - metric: order completion
        start: request[name="place order"]
        end: event[name="order done", json.orderId="{{ orderId }}", json.state="done"]
        timeout: 5s
  `);
  assert.deepEqual(errorsOf(a), []);
  const t = a.scenario!.trackers[0];
  assert.equal(t.external?.source, 'order done');
  assert.equal(t.external?.timeoutMs, 5000);
  assert.deepEqual(
    t.external?.keys.map((k) => [k.attr, k.value.source]),
    [['json.orderId', '{{ orderId }}']],
  );
  const defaults = analyze(
    'events:\n  - name: d\n    udp: { port: 1 }\ntrackers:\n  - metric: m\n    start: request[name="place order"]\n    end: event[name="d"]\n',
  );
  assert.equal(defaults.scenario!.trackers[0].external?.timeoutMs, 60_000);
});

test('an end naming a listener that does not exist is a warning with a suggestion', () => {
  const a = analyze(yaml`
    events:
      - name: order done
        webhook: { port: 8089 }
    trackers:
      - metric: m
        start: request[name="place order"]
        end: event[name="order dne", json.orderId="{{ orderId }}"]
  `);
  const w = only(a, 'unknown-listener');
  assert.equal(w.severity, 'warning');
  assert.equal(w.suggestion, 'order done');
  assert.deepEqual(errorsOf(a), []);
});

test('event filters: unknown names in templates, event starts, missing name, unknown attributes', () => {
  const head = 'events:\n  - name: d\n    udp: { port: 1 }\ntrackers:\n  - metric: m\n';
  const unknownName = analyze(
    `${head}    start: request[name="place order"]\n    end: event[name="d", json.id="{{ ordrId }}"]\n`,
  );
  assert.ok(
    errorsOf(unknownName).some((d) => /ordrId/.test(d.message)),
    JSON.stringify(unknownName.diagnostics),
  );
  const asStart = analyze(`${head}    start: event[name="d"]\n    end: request[name="place order"]\n`);
  assert.match(only(asStart, 'external-start').message, /can only end a tracker/);
  const noName = analyze(`${head}    start: request[name="place order"]\n    end: event[json.id="1"]\n`);
  assert.match(only(noName, 'event-source').message, /names the listener/);
  const badAttr = analyze(
    `${head}    start: request[name="place order"]\n    end: event[name="d", status=200]\n`,
  );
  assert.match(only(badAttr, 'unknown-attribute').message, /`event` events have no attribute `status`/);
  const keyOp = analyze(
    `${head}    start: request[name="place order"]\n    end: event[name="d", json.id!="{{ orderId }}"]\n`,
  );
  assert.match(only(keyOp, 'bad-filter').message, /pairs with `=`/);
  const timeout = analyze(
    'trackers:\n  - metric: m\n    start: request[name="place order"]\n    end: request[name="place order"]\n    timeout: 1s\n',
  );
  assert.equal(only(timeout, 'unused-timeout').severity, 'warning');
});

test('`event` is reserved: an emit step cannot use the name', () => {
  const a = analyzeScenario(
    HEAD + 'users:\n  - name: u\n    tasks:\n      - name: t\n        steps:\n          - emit: event\n',
  );
  only(a, 'reserved-event');
});
