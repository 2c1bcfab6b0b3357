// `stampede try` as a person and CI use it: the bundled CLI in a child process against the
// embedded demo target (--demo-target) or a refused loopback port. Build first (`npm test` does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './runCli';
import { isTryResult, type TryResult } from '../../../common/tryResult';
import { rawServer, refusedPort } from '../../unit/http/servers';

const cli = runCli;
const SECRET = 'tok-5ecret-9f3a';

// The secret goes out in the Authorization header and in a body, comes back in the response body
// and is captured: every place try shows.
const SCENARIO = `name: try me
load: { users: 1, duration: 1s }
secrets: [API_TOKEN]
defaults:
  auth: { bearer: "{{ env.API_TOKEN }}" }
users:
  - name: shopper
    tasks:
      - name: buy
        steps:
          - name: add to cart
            post: /cart
            json: { sku: "{{ env.API_TOKEN }}" }
            capture: { cartId: json.id, item: json.items.0 }
            check: { status: 201 }
          - name: show cart
            get: /cart/{{ cartId }}
            check: { status: 200, json.items.0: "P9" }
      - name: health
        get: /health
        check: { json.status: up }
`;

/** `stampede try` of one task against the demo target, with the secret's value given. */
function tryDemo(task: string, ...more: string[]): ReturnType<typeof cli> {
  return cli([
    'try',
    scenarioFile(),
    '--demo-target',
    '--task',
    task,
    '--env',
    `API_TOKEN=${SECRET}`,
    ...more,
  ]);
}

function scenarioFile(text = SCENARIO): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-try-'));
  const file = path.join(dir, 'try.load.yaml');
  fs.writeFileSync(file, text);
  return file;
}

test('try shows each exchange: request, response, timings, captures and checks with the value seen', async () => {
  const r = await tryDemo('health');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /✓ health {2}\[shopper · task "health"\] {2}.*try\.load\.yaml:20\n/);
  assert.match(r.stdout, /> GET http:\/\/127\.0\.0\.1:\d+\/health/);
  assert.match(r.stdout, /< 200\n/);
  assert.match(r.stdout, /< content-type: application\/json/);
  assert.match(r.stdout, / {4}"status": "up"/);
  assert.match(
    r.stdout,
    /timings: connect [\d.]+ ms · first byte [\d.]+ ms · download [\d.]+ ms · total [\d.]+ ms/,
  );
  assert.match(r.stdout, /check json\.status = "up": pass \(saw "up"\)/);
  assert.match(r.stdout, /1 exchange, all passed \(tried shopper\/health\)/);
});

test('a failing check exits 1 and shows what it saw; secrets are *** in the text output', async () => {
  const r = await tryDemo('buy');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /✓ add to cart/);
  assert.match(r.stdout, /> Authorization: Bearer \*\*\*/);
  assert.match(r.stdout, /capture item = \*\*\* {2}\(json\.items\.0\)/);
  assert.match(r.stdout, /✗ show cart/);
  assert.match(r.stdout, /check json\.items\.0 = "P9": FAIL \(saw "\*\*\*"\)/);
  assert.match(r.stdout, /2 exchanges, 1 failed/);
  assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'the secret reached the output');
});

test('--json prints one TryResult with the same content, secrets masked', async () => {
  const r = await tryDemo('buy', '--json');
  assert.equal(r.code, 1, r.stderr);
  assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'the secret reached the JSON output');
  const doc = JSON.parse(r.stdout) as TryResult;
  assert.ok(isTryResult(doc));
  assert.equal(doc.ok, false);
  const [add, show] = doc.exchanges;
  assert.equal(add.line, 11);
  assert.equal(add.response?.status, 201);
  assert.deepEqual(
    add.captures.find((c) => c.name === 'item'),
    { name: 'item', from: 'json.items.0', value: '***' },
  );
  assert.ok(add.request.headers.some(([n, v]) => n === 'Authorization' && v === 'Bearer ***'));
  assert.match(add.request.body?.text ?? '', /"sku": "\*\*\*"/);
  assert.equal(typeof add.timings?.totalMs, 'number');
  assert.deepEqual(
    show.checks.map((c) => [c.check, c.ok, c.seen]),
    [
      ['status 200', true, '200'],
      ['json.items.0 = "P9"', false, '"***"'],
    ],
  );
});

test('an unreachable target exits 3 with a sentence saying so', async () => {
  const port = await refusedPort();
  const r = await cli([
    'try',
    scenarioFile(),
    '--target',
    `http://127.0.0.1:${port}`,
    '--task',
    'health',
    '--env',
    'API_TOKEN=x',
  ]);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `cannot reach the target: connection refused \\(ECONNREFUSED\\) 127\\.0\\.0\\.1:${port} — is the target running\\?`,
    ),
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
});

test('bad input exits 2: an unknown task names the tasks there are, a missing env value names itself', async () => {
  const task = await cli(['try', scenarioFile(), '--demo-target', '--task', 'nope', '--env', 'API_TOKEN=x']);
  assert.equal(task.code, 2);
  assert.match(task.stderr, /no task named "nope"\n {2}tasks: buy, health/);
  const env = await cli(['try', scenarioFile(), '--demo-target']);
  assert.equal(env.code, 2);
  assert.match(env.stderr, /no value for the environment variable API_TOKEN/);
});

test("the target's control characters are shown escaped, never sent raw to the terminal", async () => {
  // A header that would retitle the terminal, a captured value that would clear the screen.
  const server = await rawServer((socket) =>
    socket.write(
      'HTTP/1.1 200 OK\r\nX-Evil: \u001b]0;pwned\u0007\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"v":"\\u001b[2J"}',
    ),
  );
  try {
    const file = scenarioFile(
      'name: evil\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /\n        capture: { v: json.v }\n',
    );
    const r = await cli(['try', file, '--target', server.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      !r.stdout.includes('\u001b') && !r.stdout.includes('\u0007'),
      'a raw control character reached the terminal',
    );
    assert.match(r.stdout, /< X-Evil: \\x1b\]0;pwned\\x07/);
    assert.match(r.stdout, /capture v = \\x1b\[2J/);
  } finally {
    await server.close();
  }
});

test('--json escapes what JSON.stringify lets through raw: a C1 CSI, DEL and a bidi override', async () => {
  // U+009B is a one-byte CSI to terminals that honour C1 controls; U+202E reverses the text shown.
  const body = '{"v":"a\u009b2Jb\u007fc\u202ed"}';
  const server = await rawServer((socket) =>
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ),
  );
  try {
    const file = scenarioFile(
      'name: evil json\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /\n        capture: { v: json.v }\n',
    );
    const r = await cli(['try', file, '--target', server.url, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(
      r.stdout,
      /[\u007f-\u009f\u202a-\u202e]/,
      'a raw control character reached the terminal',
    );
    assert.match(r.stdout, /a\\u009b2Jb\\u007fc\\u202ed/);
    // The same value once parsed.
    assert.ok(JSON.stringify(JSON.parse(r.stdout)).includes('a\u009b2Jb\u007fc\u202ed'));
  } finally {
    await server.close();
  }
});
