// Remote write to a real Prometheus (Debian's) that asks every client to log in (basic auth from
// its --web.config.file, a bcrypt hash made with htpasswd): with the password given by --env the
// series arrive and equal the JSON summary; with a wrong one the run stops before the load (exit 2)
// and no output carries the password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../integration/distributed/helpers';
import { prometheusMissing, startPrometheus, type PrometheusServer } from './prometheusServer';

const CLI = path.resolve('dist/cli.js');
const PASSWORD = `pw-${crypto.randomBytes(6).toString('hex')}`;

function scenario(remoteWrite: string, testrun: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-prom-login-'));
  const file = path.join(dir, 'login.load.yaml');
  fs.writeFileSync(
    file,
    `name: prometheus login
load: { users: 2, spawnRate: 20, duration: 2s }
workers: 0
users:
  - think: 20ms
    tasks:
      - { name: products, get: /products }
output:
  prometheus:
    remoteWrite: "${remoteWrite}"
    basicAuth: { username: loader, password: "{{ env.PROM_PASSWORD }}" }
    labels: { testrun: ${testrun} }
`,
  );
  return file;
}

function run(
  file: string,
  password: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI, 'run', file, '--demo-target', '--json', '--env', `PROM_PASSWORD=${password}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a real Prometheus that asks for a login: basic auth from the environment is accepted, a wrong password stops the run before the load', async () => {
  const missing = prometheusMissing();
  assert.equal(missing, undefined, missing); // fails, naming the package; never a quiet skip
  let prom: PrometheusServer | undefined;
  try {
    // Nothing to scrape: the job points at a closed port, only remote write matters here.
    prom = await startPrometheus(await freePort(), `127.0.0.1:${await freePort()}`, {
      user: 'loader',
      password: PASSWORD,
    });
    const testrun = `t${crypto.randomBytes(6).toString('hex')}`;
    const ok = await run(scenario(`${prom.url}/api/v1/write`, testrun), PASSWORD);
    assert.equal(ok.code, 0, ok.stderr);
    const summary = JSON.parse(ok.stdout.trim().split('\n').pop() as string) as { requests: number };
    assert.ok(summary.requests > 0);
    const total = await prom.query(
      `stampede_http_requests_total{testrun="${testrun}", request="Aggregated"}`,
    );
    assert.equal(total.length, 1);
    assert.equal(Number(total[0].value?.[1]), summary.requests);

    const wrong = await run(scenario(`${prom.url}/api/v1/write`, `${testrun}x`), `${PASSWORD}-wrong`);
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(
      wrong.stderr,
      /output\.prometheus\.remoteWrite: cannot send to .*HTTP 401.*the receiver refused the login/,
    );
    assert.doesNotMatch(wrong.stdout + wrong.stderr, new RegExp(PASSWORD));
    assert.equal(wrong.stdout, '', 'no load ran, no summary');
  } finally {
    await prom?.stop();
  }
});
