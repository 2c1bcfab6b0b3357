// `output.prometheus` in the language: what `stampede check` and the editor say about it, at the
// value at fault, and what a good setting compiles to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { clean, errorsOf, HEAD, span } from './helpers';

const USERS = 'users: [{ tasks: [{ get: /x }] }]\n';
const withOutput = (prometheus: string) =>
  analyzeScenario(`${HEAD}${USERS}output:\n  prometheus: ${prometheus}\n`);
const messages = (prometheus: string) => errorsOf(withOutput(prometheus)).map((d) => d.message);

test('a good setting compiles: a bare port binds loopback, labels become strings', () => {
  const s = clean(
    `${HEAD}${USERS}output:\n  prometheus: { remoteWrite: "http://prom:9090/api/v1/write", listen: 9464, labels: { team: qa, shard: 3 } }\n`,
  );
  assert.deepEqual(s.output.prometheus, {
    remoteWrite: 'http://prom:9090/api/v1/write',
    listen: { host: '127.0.0.1', port: 9464 },
    labels: { team: 'qa', shard: '3' },
  });
  const wide = clean(`${HEAD}${USERS}output:\n  prometheus: { listen: "0.0.0.0:9464" }\n`);
  assert.deepEqual(wide.output.prometheus?.listen, { host: '0.0.0.0', port: 9464 });
  const v6 = clean(`${HEAD}${USERS}output:\n  prometheus: { listen: "[::1]:9464" }\n`);
  assert.deepEqual(v6.output.prometheus?.listen, { host: '::1', port: 9464 });
});

test('bad URLs, ports and label names are errors at their value', () => {
  assert.match(
    messages('{ remoteWrite: "prom:9090/api/v1/write" }')[0],
    /needs an http:\/\/ or https:\/\/ URL/,
  );
  assert.match(
    messages('{ remoteWrite: "http://u:secret@prom/api/v1/write" }')[0],
    /must not carry a user or password/,
  );
  assert.match(messages('{ listen: 70000 }')[0], /port 70000 is out of range/);
  assert.match(messages('{ listen: "localhost" }')[0], /needs a port/);
  assert.match(messages('{ listen: 9464, labels: { run: x } }')[0], /Stampede sets `run` itself/);
  assert.match(messages('{ listen: 9464, labels: { "1x": y } }')[0], /label name has only letters/);
  assert.match(messages('{ listen: 9464, labels: { __x: y } }')[0], /reserved by Prometheus/);
  assert.match(messages('{ labels: { team: x } }')[0], /needs `remoteWrite`.*`listen`/);
  const d = errorsOf(withOutput('{ listen: 70000 }'))[0];
  assert.deepEqual(span(d), [5, 24, 5, 29]);
});

test('the schema catches unknown keys and wrong types, with a suggestion', () => {
  const a = withOutput('{ remoteWrites: "http://p/api/v1/write" }');
  const unknown = errorsOf(a).find((d) => d.code === 'unknown-key');
  assert.equal(unknown?.suggestion, 'remoteWrite');
  assert.ok(errorsOf(withOutput('{ listen: [9464] }')).length > 0);
});
