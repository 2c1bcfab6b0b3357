// The language of issue 18's env, secrets, bodies, auth and start/stop steps: what compiles, and
// every mistake as a diagnostic at the exact range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScenario } from '../../../scenario/index';
import { clean, errorsOf, HEAD, only, span, yaml } from './helpers';

test('env defaults, secrets and {{ env.NAME }} uses with their ranges', () => {
  const s = clean(
    HEAD +
      yaml`
      env: { BASE: /api, RETRIES: 3 }
      secrets: [API_TOKEN]
      defaults:
        auth: { bearer: "{{ env.API_TOKEN }}" }
      users:
        - tasks:
            - get: "{{ env.BASE }}/items"
      `,
  );
  assert.deepEqual(s.env, { BASE: '/api', RETRIES: '3' });
  assert.deepEqual(s.secrets, ['API_TOKEN']);
  assert.deepEqual(
    s.envUses.map((u) => [u.name, u.range.start.line, u.range.start.character, u.range.end.character]),
    [
      ['API_TOKEN', 6, 22, 35],
      ['BASE', 9, 17, 25],
    ],
  );
  assert.deepEqual(s.defaults.auth, {
    kind: 'bearer',
    token: { source: '{{ env.API_TOKEN }}', parts: [{ ref: 'env.API_TOKEN' }] },
  });
});

test('a secret written in the file is a warning on its value; bad names are errors', () => {
  const a = analyzeScenario(
    HEAD +
      'env: { PASSWORD: x, 9bad: y }\nsecrets: [PASSWORD, not-a-name]\nusers: [{ tasks: [{ get: / }] }]\n',
  );
  assert.deepEqual(span(only(a, 'secret-in-file')), [3, 7, 3, 15]);
  const bad = a.diagnostics.filter((d) => d.code === 'bad-name').map(span);
  assert.deepEqual(bad, [
    [3, 20, 3, 24],
    [4, 20, 4, 30],
  ]);
});

test('env.NAME is the one dotted template root; other dotted names are still errors', () => {
  const a = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: "/{{ envs.X }}" }] }]\n');
  assert.equal(errorsOf(a).length, 1);
  assert.match(errorsOf(a)[0].message, /env\.NAME/);
});

test('form, multipart and auth compile to the model', () => {
  const s = clean(
    HEAD +
      yaml`
      users:
        - tasks:
            - post: /login
              form: { user: me, n: 2, remember: true, tag: [a, b] }
              auth: { basic: { user: me, password: "{{ env.PW }}" } }
            - post: /upload
              multipart:
                title: hi
                avatar: { file: data/a.png }
                doc: { file: ./docs/x.bin, contentType: application/x-thing, filename: y.bin }
      `,
  );
  const [login, upload] = s.users[0].tasks.map((task) => task.steps[0]);
  assert.ok(login.kind === 'request' && login.body?.type === 'form');
  assert.deepEqual(
    login.body.fields.map(([k, v]) => [k, v.source]),
    [
      ['user', 'me'],
      ['n', '2'],
      ['remember', 'true'],
      ['tag', 'a'],
      ['tag', 'b'],
    ],
  );
  assert.equal(login.auth?.kind, 'basic');
  assert.ok(upload.kind === 'request' && upload.body?.type === 'multipart');
  assert.deepEqual(upload.body.parts.slice(1), [
    { kind: 'file', name: 'avatar', file: 'data/a.png', contentType: 'image/png', filename: 'a.png' },
    {
      kind: 'file',
      name: 'doc',
      file: './docs/x.bin',
      contentType: 'application/x-thing',
      filename: 'y.bin',
    },
  ]);
});

test('body mistakes: two bodies, a file outside the folder, a part without file, both auths', () => {
  const two = analyzeScenario(
    HEAD + 'users: [{ tasks: [{ post: /a, form: { a: 1 }, multipart: { b: 2 } }] }]\n',
  );
  assert.deepEqual(span(only(two, 'body-and-json')), [3, 46, 3, 55]);
  const out = analyzeScenario(
    HEAD +
      'users: [{ tasks: [{ post: /a, multipart: { f: { file: ../secret.txt }, g: { file: /etc/passwd } } }] }]\n',
  );
  const paths = out.diagnostics.filter((d) => d.code === 'bad-file-path');
  assert.deepEqual(paths.map(span), [
    [3, 54, 3, 67],
    [3, 82, 3, 93],
  ]);
  assert.match(paths[0].message, /leaves the scenario's folder/);
  assert.match(paths[1].message, /not relative/);
  const noFile = analyzeScenario(
    HEAD + 'users: [{ tasks: [{ post: /a, multipart: { f: { contentType: x } } }] }]\n',
  );
  assert.deepEqual(span(only(noFile, 'missing-file')), [3, 46, 3, 64]);
  const both = analyzeScenario(
    HEAD + 'users: [{ tasks: [{ get: /a, auth: { bearer: x, basic: { user: a, password: b } } }] }]\n',
  );
  assert.deepEqual(span(only(both, 'two-auths')), [3, 37, 3, 43]);
  const empty = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /a, auth: {} }] }]\n');
  assert.deepEqual(span(only(empty, 'empty-auth')), [3, 35, 3, 37]);
  const half = analyzeScenario(HEAD + 'users: [{ tasks: [{ get: /a, auth: { basic: { user: a } } }] }]\n');
  assert.match(only(half, 'missing-credential').message, /needs `password`/);
});

test('start captures are readable in tasks, loops and stop; a task capture is not readable in stop', () => {
  const ok = clean(
    HEAD +
      yaml`
      users:
        - start:
            - post: /login
              capture: { token: json.token }
          tasks:
            - get: /me
              auth: { bearer: "{{ token }}" }
          loops:
            - every: 1s
              get: /ping/{{ token }}
          stop:
            - post: /logout/{{ token }}
      `,
  );
  assert.equal(ok.users[0].start.length, 1);
  assert.equal(ok.users[0].stop.length, 1);
  const bad = analyzeScenario(
    HEAD +
      yaml`
      users:
        - tasks:
            - post: /cart
              capture: { cart: json.id }
          stop:
            - post: /checkout/{{ cart }}
      `,
  );
  assert.deepEqual(span(only(bad, 'undefined-name')), [8, 27, 8, 31]);
});
