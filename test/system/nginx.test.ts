// The HTTP client against a real nginx (issue 15, "HTTP done right", tested against a real
// server): a keep-alive connection nginx closes after every third response or when it idles,
// a scenario's own Host header picking nginx's virtual server, and the run's request count equal
// to the lines of nginx's access log. nginx comes from Debian's `nginx` package (install.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nginxBinary, startNginx } from './nginx';
import type { Nginx } from './nginx';

const CLI = path.resolve('dist/cli.js');

function requireNginx(): string {
  const binary = nginxBinary();
  // Not a quiet skip: the system tests' install step provides it, so its absence is a failure.
  assert.ok(
    binary,
    "nginx is needed for this test: install Debian's `nginx` package (test/system/install.sh does)",
  );
  return binary;
}

interface Summary {
  requests: number;
  failures: number;
  errors: unknown[];
}

/** `stampede run` on `scenario` (bundled CLI, in-process worker); the --json summary. */
async function run(scenario: string): Promise<Summary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-nginx-run-'));
  try {
    const file = path.join(dir, 'nginx.load.yaml');
    fs.writeFileSync(file, scenario);
    const child = spawn(process.execPath, [CLI, 'run', file, '--json', '--quiet', '--results', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]) as Summary;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function scenario(target: string, lines: string[]): string {
  return [
    'name: nginx',
    `target: ${target}`,
    'workers: 0',
    'load: { users: 8, spawnRate: 100, duration: 3s }',
    'output: {}',
    'users:',
    '  - name: u',
    ...lines.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

async function withNginx(httpLines: string[], servers: string[], body: (n: Nginx) => Promise<void>) {
  const nginx = await startNginx(requireNginx(), httpLines, servers);
  try {
    await body(nginx);
  } finally {
    await nginx.stop();
  }
}

test('nginx closing keep-alive connections after every third response or when idle: no request fails, counts equal its log', async () => {
  // keepalive_requests 3 closes a connection after its third response; keepalive_timeout 20ms
  // closes idle ones silently while users think 0-40 ms, the race in which a request is written
  // to a connection the server has just closed: an idempotent GET is sent again on a new one.
  await withNginx(
    ['keepalive_requests 3;', 'keepalive_timeout 20ms;'],
    ['server { listen 127.0.0.1:PORT; location / { return 200 "ok\\n"; } }'],
    async (nginx) => {
      const summary = await run(
        scenario(nginx.url, [
          'think: between(0ms, 40ms)',
          'tasks:',
          '  - get: /',
          '    check: { status: 200 }',
        ]),
      );
      const logged = nginx.accessLog();
      assert.ok(summary.requests >= 60, `enough requests to close many connections: ${summary.requests}`);
      assert.equal(summary.failures, 0, `failures: ${JSON.stringify(summary.errors)}`);
      assert.equal(summary.requests, logged.length, 'the run counts what nginx logged');
      assert.ok(
        logged.every((l) => l.includes('" 200 ')),
        logged.find((l) => !l.includes('" 200 ')),
      );
    },
  );
});

test("a scenario's Host header replaces the default one: nginx's named server answers 200", async () => {
  // Two Host headers make nginx answer 400; the default one alone reaches the default server (404).
  await withNginx(
    ["log_format withhost '$host $status';"],
    [
      'server { listen 127.0.0.1:PORT default_server; access_log off; location / { return 404; } }',
      'server { listen 127.0.0.1:PORT; server_name api.stampede.test; access_log ACCESS_LOG withhost; location / { return 200 "named\\n"; } }',
    ],
    async (nginx) => {
      const summary = await run(
        scenario(nginx.url, [
          'think: 10ms',
          'tasks:',
          '  - get: /',
          '    headers: { Host: api.stampede.test }',
          '    check: { status: 200 }',
        ]),
      );
      const logged = nginx.accessLog();
      assert.ok(summary.requests > 0);
      assert.equal(summary.failures, 0, `failures: ${JSON.stringify(summary.errors)}`);
      assert.equal(summary.requests, logged.length, 'the run counts what nginx logged');
      assert.deepEqual([...new Set(logged)], ['api.stampede.test 200']);
    },
  );
});
