// `output.prometheus` in the language: what `stampede check` and the editor say about it, at the
// value at fault, and what a good setting compiles to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import { clean, errorsOf, HEAD, only, span } from './helpers';

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

test("the receiver's login: env values compile as written; a credential in the file is a warning at its value", () => {
  const url = 'remoteWrite: "http://prom:9090/api/v1/write"';
  const s = clean(
    `${HEAD}${USERS}output:\n  prometheus: { ${url}, bearerToken: "{{ env.PROM_TOKEN }}", headers: { X-Scope-OrgID: qa } }\n`,
  );
  assert.deepEqual(s.output.prometheus?.remoteWriteAuth, {
    bearerToken: '{{ env.PROM_TOKEN }}',
    headers: { 'X-Scope-OrgID': 'qa' },
  });
  assert.deepEqual(
    s.envUses.map((u) => u.name),
    ['PROM_TOKEN'],
    'the run says when PROM_TOKEN has no value',
  );

  const literal = withOutput(`{ ${url}, basicAuth: { username: me, password: hunter22 } }`);
  const warning = only(literal, 'prometheus-credential');
  assert.equal(warning.severity, 'warning');
  assert.match(
    warning.message,
    /`basicAuth.password`: a credential written in a scenario ends up in its repository/,
  );
  const line = `  prometheus: { ${url}, basicAuth: { username: me, password: hunter22 } }`;
  const col = line.indexOf('hunter22');
  assert.deepEqual(span(warning), [5, col, 5, col + 8]);
});

test("the receiver's login: what cannot work is an error at the value at fault", () => {
  const url = 'remoteWrite: "http://prom:9090/api/v1/write"';
  assert.match(
    messages(
      `{ ${url}, bearerToken: "{{ env.A }}", basicAuth: { username: u, password: "{{ env.B }}" } }`,
    )[0],
    /give `bearerToken` or `basicAuth`, not both/,
  );
  assert.match(
    messages(`{ ${url}, bearerToken: "{{ uuid() }}" }`)[0],
    /`bearerToken` can read only environment values/,
  );
  assert.match(
    messages(`{ ${url}, headers: { Authorization: "{{ env.A }}" } }`)[0],
    /header `Authorization` is written by `bearerToken` or `basicAuth`/,
  );
  assert.match(messages(`{ ${url}, headers: { Content-Encoding: gzip } }`)[0], /set by remote write itself/);
  assert.match(messages(`{ ${url}, headers: { "bad name": x } }`)[0], /is not a header name/);
  assert.match(
    messages('{ listen: 9464, bearerToken: "{{ env.A }}" }')[0],
    /for `remoteWrite`, which is not set/,
  );
});
