// Each real-world input goes through the bundled CLI as a person would use it: `stampede import`,
// then `stampede check` (no errors), then `stampede run` against the demo target (or, for the
// Petstore, a loopback server made here that records what it got). Bounded runs, loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startDemoTarget } from '../../../engine/demo/server';

const CLI = path.resolve('dist/cli.js');
const FIXTURES = path.resolve('test/fixtures/import');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-import-'));

interface Summary {
  requests: number;
  failures: number;
  entries: Array<{ name: string; requests: number; failures: number }>;
}

/** import -> check -> run; returns the run's JSON summary. */
async function importCheckRun(
  fixture: string,
  runArgs: string[],
  secretsInSource: string[],
): Promise<Summary> {
  const out = path.join(tmp, `${fixture}.load.yaml`);
  const imp = await cli(['import', path.join(FIXTURES, fixture), '-o', out]);
  assert.equal(imp.code, 0, imp.stderr);
  const yaml = fs.readFileSync(out, 'utf8');
  for (const s of secretsInSource) assert.ok(!yaml.includes(s), `${s} was copied into the scenario`);
  const check = await cli(['check', out]);
  assert.equal(check.code, 0, check.stdout + check.stderr);
  assert.doesNotMatch(check.stdout, /: error:/);
  const run = await cli(['run', out, '--workers', '0', '--users', '1', '--json', '--quiet', ...runArgs]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Summary;
}

function everyEntryPassed(summary: Summary, names: string[]): void {
  assert.equal(summary.failures, 0, JSON.stringify(summary.entries));
  const seen = summary.entries.filter((e) => e.requests > 0).map((e) => e.name);
  for (const n of names) assert.ok(seen.includes(n), `${n} was not sent: ${seen.join(', ')}`);
}

test('the HAR Chromium recorded: the whole journey replays against a new demo target, captures and all', async () => {
  const demo = await startDemoTarget();
  try {
    const summary = await importCheckRun(
      'demo-shop.har',
      ['--target', demo.url, '--env', 'PASSWORD=password-value', '--duration', '7s'],
      ['s3cret-demo'],
    );
    everyEntryPassed(summary, [
      'GET /app/',
      'GET /products',
      'POST /form/login',
      'GET /me',
      'POST /cart',
      'GET /cart/{cart_id}',
    ]);
  } finally {
    await demo.close();
  }
});

test("Chromium's Copy as cURL lines, the .http file and the Postman collection run against the demo target", async () => {
  const demo = await startDemoTarget();
  try {
    const curl = await importCheckRun(
      'chromium-copy-as-curl.sh',
      [
        '--target',
        demo.url,
        '--env',
        'PASSWORD=password-value',
        '--env',
        'COOKIE=theme=dark',
        '--env',
        'API_TOKEN=curl-token-value',
        '--duration',
        '2s',
      ],
      ['curl-s3cret', 'sess-8f14e45f', 'eyJhbGciOiJIUzI1NiJ9'],
    );
    everyEntryPassed(curl, ['GET /products', 'POST /form/login', 'POST /cart']);
    const httpFile = await importCheckRun(
      'demo-shop.http',
      ['--target', demo.url, '--env', 'PASSWORD=password-value', '--duration', '2s'],
      ['http-file-s3cret'],
    );
    everyEntryPassed(httpFile, ['List products', 'login', 'me', 'cart', 'GET /cart/{cart_id}']);
    const postman = await importCheckRun(
      'demo-shop.postman_collection.json',
      [
        '--target',
        demo.url,
        '--env',
        'PASSWORD=password-value',
        '--env',
        'API_KEY=postman-key-value',
        '--env',
        'API_TOKEN=postman-token-value',
        '--duration',
        '2s',
        '--users',
        '3',
      ],
      ['postman-s3cret', 'pk_live_51HqLyjWDarjtT1zdp7dc'],
    );
    everyEntryPassed(postman, ['List products', 'One product', 'Form login', 'Add to cart']);
  } finally {
    await demo.close();
  }
});

test('the Petstore OpenAPI document runs against a target that records what it got: bodies, path variables, credentials from --env', async () => {
  const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (seen.length < 10_000)
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const summary = await importCheckRun(
      'petstore-openapi-3.0.yaml',
      [
        '--target',
        url,
        '--env',
        'API_TOKEN=tok-123',
        '--env',
        'API_KEY=key-456',
        '--env',
        'PASSWORD=password-value',
        '--env',
        'PASSWORD_2=password-value-2',
        '--duration',
        '3s',
        '--users',
        '4',
      ],
      [],
    );
    assert.equal(summary.failures, 0);
    const put = seen.find((s) => s.method === 'PUT' && s.url === '/api/v3/pet');
    assert.ok(put, 'PUT /api/v3/pet was sent');
    assert.equal(put.headers.authorization, 'Bearer tok-123');
    assert.equal((JSON.parse(put.body) as { name: string }).name, 'doggie');
    const byId = seen.find((s) => s.method === 'GET' && s.url === '/api/v3/pet/1');
    assert.ok(byId, 'GET /api/v3/pet/1 was sent');
    assert.equal(byId.headers.api_key, 'key-456');
    const order = seen.find((s) => s.method === 'POST' && s.url === '/api/v3/store/order');
    assert.ok(order);
    assert.equal((JSON.parse(order.body) as { petId: number }).petId, 198772);
  } finally {
    await new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  }
});

test('import reads standard input, refuses to overwrite a file, and says what is wrong with bad input', async () => {
  const fromStdin = await cli(
    ['import', '-', '--from', 'curl'],
    "curl 'http://127.0.0.1:9/x' -H 'X-Api-Key: abc123456' --retry 2\n",
  );
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.match(fromStdin.stdout, /X-Api-Key: "\{\{ env\.X_API_KEY \}\}"/);
  assert.match(fromStdin.stderr, /not imported: GET \/x: curl: --retry 2 has no equivalent/);
  assert.match(fromStdin.stderr, /secret X_API_KEY/);
  assert.ok(!fromStdin.stdout.includes('abc123456') && !fromStdin.stderr.includes('abc123456'));

  const existing = path.join(tmp, 'exists.load.yaml');
  fs.writeFileSync(existing, 'keep me');
  const refused = await cli(['import', path.join(FIXTURES, 'demo-shop.http'), '-o', existing]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /exists; nothing was written/);
  assert.equal(fs.readFileSync(existing, 'utf8'), 'keep me');

  const unknown = await cli(['import', '-'], 'hello there\n');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /cannot tell what kind of file this is\n {2}give --from/);
  const badKind = await cli(['import', '-', '--from', 'soap'], 'x');
  assert.equal(badKind.code, 2);
  assert.match(badKind.stderr, /--from must be one of curl, http, har, postman, openapi/);
  const missing = await cli(['import', path.join(tmp, 'nope.har')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  assert.doesNotMatch(unknown.stderr + badKind.stderr + missing.stderr, /at .*\.js:\d+/);
});
