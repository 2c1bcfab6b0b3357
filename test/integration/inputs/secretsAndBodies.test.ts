// The whole of issue 18's "Environment and secrets" and "Bodies and auth" through the bundled CLI:
// 4 worker processes against a target that records every request. It asserts the bytes that were
// sent (form, multipart, Basic and Bearer headers, env values from every source in their order,
// start/stop steps once per user) and that the secret, sent in a header, the URL and bodies, is in
// no output of the run: stdout, stderr (with debug logs) and every result file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startRecordingTarget, type RecordedRequest } from './recordingTarget';
import { runCli as cli } from '../cli/runCli';

const SECRET = 'S3cr3t Value&42';
const PASSWORD = 'pa:ss wörd';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** The forms a secret could take in an output. */
function secretForms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
}

const scenario = (target: string) => `name: secrets and bodies
target: ${target}
workers: 4
load: { users: 8, spawnRate: 100, duration: 3s }
env:
  USER_NAME: alice
  REGION: from-default
  TIER: from-default
  PLAN: from-default
secrets: [API_TOKEN, PASSWORD]
defaults:
  auth: { bearer: "{{ env.API_TOKEN }}" }
output:
  json: results/run.json
  csv: results/run
  ndjson: results/run.ndjson
  html: results/run.html
  sqlite: results/run.sqlite
users:
  - name: member
    think: 20ms
    start:
      - name: login
        post: /login
        form: { user: "{{ env.USER_NAME }}", password: "{{ env.PASSWORD }}", remember: true, tag: [a, b] }
        capture: { session: json.session }
    tasks:
      - name: item
        get: /item/{{ env.API_TOKEN }}
        headers: { X-Env: "{{ env.REGION }}/{{ env.TIER }}/{{ env.PLAN }}", X-Session: "{{ session }}" }
      - name: upload
        post: /upload
        auth: { bearer: "{{ session }}" }
        multipart:
          note: "{{ env.API_TOKEN }}"
          avatar: { file: data/avatar.png, contentType: image/png }
      - name: basic
        get: /basic
        auth: { basic: { user: "{{ env.USER_NAME }}", password: "{{ env.PASSWORD }}" } }
      - name: echo
        post: /echo
        json: { token: "{{ env.API_TOKEN }}" }
        check: { json.echo: "{{ env.API_TOKEN }}" }
    stop:
      - name: logout
        post: /logout
        auth: { bearer: "{{ session }}" }
`;

test('4 workers send the form, multipart, auth and env values exactly; the secret is in no output', async () => {
  let sessions = 0;
  const target = await startRecordingTarget((r) => {
    if (r.url === '/login') return { status: 200, body: { session: `session-${++sessions}` } };
    // A failed check quotes the expected value: the secret must still not reach an output.
    if (r.url === '/echo') return { status: 200, body: { echo: 'something else' } };
    return { status: 200, body: {} };
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-secrets-'));
  try {
    const file = path.join(dir, 'secrets.load.yaml');
    fs.writeFileSync(file, scenario(target.url));
    fs.mkdirSync(path.join(dir, 'data'));
    const png = fs.readFileSync(path.resolve('examples/data/avatar.png'));
    fs.writeFileSync(path.join(dir, 'data/avatar.png'), png);
    // Sources, highest first: --env, --env-file, the process environment, .env beside, `env:`.
    fs.writeFileSync(path.join(dir, '.env'), 'REGION=from-dotenv\nTIER=from-dotenv\nPLAN=from-dotenv\n');
    const envFile = path.join(dir, 'ci.env');
    fs.writeFileSync(envFile, `TIER=from-env-file\nPASSWORD="${PASSWORD}"\n`);
    const r = await cli(['run', file, '--json', '--env', `API_TOKEN=${SECRET}`, '--env-file', envFile], {
      env: { PLAN: 'from-process', STAMPEDE_DEBUG: '1' },
    });
    assert.equal(r.code, 0, r.stderr);

    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      workers: unknown[];
      entries: Array<{ name: string; requests: number }>;
      errors: Array<{ name: string; error: string }>;
    };
    assert.equal(summary.workers.length, 4);
    // Before the run: which names the scenario reads and from where (never the values).
    assert.match(
      r.stderr,
      /env: API_TOKEN \(--env\), USER_NAME \(the scenario `env:`\), PASSWORD \(.*ci\.env\), REGION \(.*\.env\), TIER \(.*ci\.env\), PLAN \(the environment\)/,
    );
    const byUrl = (p: string): RecordedRequest[] => target.requests.filter((q) => q.url.startsWith(p));

    // start: once per user; stop: once per user that started; both counted in the stats. On a busy
    // machine a late worker can be declared missing and its users started again elsewhere (more
    // users than 8 then): every session a login issued is still logged out exactly once.
    assert.ok(byUrl('/login').length >= 8);
    assert.equal(byUrl('/login').length, sessions);
    const counted = (name: string) => summary.entries.find((e) => e.name === name)?.requests;
    assert.equal(counted('login'), sessions);
    assert.equal(counted('logout'), sessions);
    const loggedOut = byUrl('/logout').map((q) => q.headers.authorization);
    const issued = Array.from({ length: sessions }, (_, i) => `Bearer session-${i + 1}`);
    assert.deepEqual([...loggedOut].sort(), issued.sort(), 'each user logs out once, with its own session');

    for (const q of byUrl('/login')) {
      assert.equal(q.headers['content-type'], 'application/x-www-form-urlencoded');
      const expected = `user=alice&password=${new URLSearchParams({ p: PASSWORD }).toString().slice(2)}&remember=true&tag=a&tag=b`;
      assert.equal(q.body.toString('utf8'), expected);
      assert.equal(Number(q.headers['content-length']), q.body.length);
    }
    const items = byUrl('/item/');
    assert.ok(items.length > 0);
    for (const q of items) {
      assert.equal(decodeURI(q.url), `/item/${SECRET}`);
      assert.equal(q.headers.authorization, `Bearer ${SECRET}`);
      assert.equal(q.headers['x-env'], 'from-dotenv/from-env-file/from-process');
      assert.match(String(q.headers['x-session']), /^session-\d+$/);
    }
    const basic = byUrl('/basic');
    assert.ok(basic.length > 0);
    for (const q of basic)
      assert.equal(q.headers.authorization, `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);

    const uploads = byUrl('/upload');
    assert.ok(uploads.length > 0);
    for (const q of uploads) {
      assert.match(String(q.headers.authorization), /^Bearer session-\d+$/);
      const type = String(q.headers['content-type']);
      const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(type)?.[1];
      assert.ok(boundary, type);
      assert.equal(Number(q.headers['content-length']), q.body.length);
      assert.ok(q.body.toString('latin1').endsWith(`\r\n--${boundary}--\r\n`));
      const form = await new Response(new Uint8Array(q.body), {
        headers: { 'content-type': type },
      }).formData();
      assert.equal(form.get('note'), SECRET);
      const avatar = form.get('avatar') as File;
      assert.equal(avatar.name, 'avatar.png');
      assert.equal(avatar.type, 'image/png');
      assert.deepEqual(Buffer.from(await avatar.arrayBuffer()), png);
    }

    // The failed check's reason is reported, with the secret masked.
    const echo = summary.errors.find((e) => e.name === 'echo');
    assert.ok(echo, JSON.stringify(summary.errors));
    assert.match(echo.error, /expected "?\*\*\*"?/);

    const results = filesUnder(path.join(dir, 'results'));
    assert.ok(
      results.some((f) => f.endsWith('.sqlite')) && results.some((f) => f.endsWith('.html')),
      results.join(),
    );
    assert.ok(results.length >= 7, results.join());
    const outputs: Array<[string, Buffer]> = [
      ['stdout', Buffer.from(r.stdout)],
      ['stderr', Buffer.from(r.stderr)],
      ...results.map((f): [string, Buffer] => [f, fs.readFileSync(f)]),
    ];
    for (const [where, bytes] of outputs)
      for (const secret of [...secretForms(SECRET), ...secretForms(PASSWORD)])
        assert.ok(
          !bytes.includes(Buffer.from(secret)),
          `${where} shows a secret (${JSON.stringify(secret)})`,
        );
    assert.ok(r.stderr.includes('debug:'), 'debug logs were part of the outputs searched');
  } finally {
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a name with no value stops the run before it starts: exit 2, naming it and where it is used', async () => {
  const target = await startRecordingTarget();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-secrets-'));
  try {
    const file = path.join(dir, 'missing.load.yaml');
    fs.writeFileSync(
      file,
      `target: ${target.url}\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /a\n        headers: { X-Key: "{{ env.STAMPEDE_TEST_UNSET_NAME }}" }\n`,
    );
    const r = await cli(['run', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /STAMPEDE_TEST_UNSET_NAME \(used at .*missing\.load\.yaml:6:31\)/);
    assert.equal(target.requests.length, 0);
    const check = await cli(['check', file]);
    assert.equal(check.code, 0, 'check only warns');
    assert.match(
      check.stdout,
      /missing\.load\.yaml:6:31: warning: `env\.STAMPEDE_TEST_UNSET_NAME` has no value/,
    );
  } finally {
    await target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
