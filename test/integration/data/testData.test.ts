// Test data across 4 real worker processes (the bundled CLI, `workers: 4`) against a loopback
// server that records every request: unique rows are never used twice and all of them are used
// when the run is long enough, `per: user` rows stay with their user (its connection), and
// onExhausted stop/fail end users or the run as documented.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const CLI = path.resolve('dist/cli.js');

interface Recorded {
  url: string;
  account: string | undefined;
  /** The client's port: each virtual user keeps its own keep-alive connection. */
  port: number;
}

interface RecordingServer {
  url: string;
  seen: Recorded[];
  /** Resolves once `predicate` holds for the requests seen so far (checked at each request). */
  until(predicate: (seen: Recorded[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

async function recordingServer(): Promise<RecordingServer> {
  const seen: Recorded[] = [];
  const waiters: Array<{ predicate: (seen: Recorded[]) => boolean; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const account = req.headers['x-account'];
    seen.push({
      url: req.url ?? '',
      account: typeof account === 'string' ? account : undefined,
      port: req.socket.remotePort ?? 0,
    });
    for (const w of waiters.splice(0)) {
      if (w.predicate(seen)) w.resolve();
      else waiters.push(w);
    }
    req.resume();
    res.end('ok');
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    until: (predicate) =>
      new Promise((resolve) => (predicate(seen) ? resolve() : waiters.push({ predicate, resolve }))),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-data-run-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function accountsCsv(n: number): string {
  // Quoted fields with commas and CRLF line ends: the file goes through the real parser.
  const rows = Array.from({ length: n }, (_, i) => `"user${i}@example.test","Name, ${i}"`);
  return ['email,name', ...rows].join('\r\n') + '\r\n';
}

interface CliRun {
  /** Resolves when the CLI's output (stdout and stderr) matches `pattern`. */
  output(pattern: RegExp): Promise<void>;
  /** Ctrl-C: the run stops, reports and exits. */
  interrupt(): void;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(scenario: string): CliRun {
  const child = spawn(process.execPath, [CLI, 'run', scenario], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const check = () => {
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stdout + stderr)) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
  return {
    output: (pattern) =>
      new Promise((resolve) => (pattern.test(stdout + stderr) ? resolve() : waiters.push({ pattern, resolve }))),
    interrupt: () => void child.kill('SIGINT'),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))),
  };
}

function run(scenario: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return start(scenario).exited;
}

function scenarioText(target: string, data: string, users: number, duration: string, url: string): string {
  return [
    'name: data test',
    `target: ${target}`,
    `load: { users: ${users}, spawnRate: 1000, duration: ${duration} }`,
    'workers: 4',
    'data:',
    data,
    'users:',
    '  - name: u',
    '    tasks:',
    `      - get: ${url}`,
    '        headers: { X-Account: "{{ accounts.email }}" }',
    '',
  ].join('\n');
}

test('unique rows across 4 workers: each of 1,000 rows is used exactly once, then users stop', async () => {
  const server = await recordingServer();
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(1000) });
  try {
    const file = path.join(dir, 'unique.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText(server.url, '  accounts: { file: data/accounts.csv, pick: unique }', 8, '100s', '/r'),
    );
    // Long enough: the run goes on until every user has stopped for want of rows (the progress
    // line says so), then it is stopped as a person would, with Ctrl-C.
    const cli = start(file);
    await cli.output(/out of data 8/);
    cli.interrupt();
    const r = await cli.exited;
    assert.equal(r.code, 0, r.stderr);
    const accounts = server.seen.map((s) => s.account);
    assert.equal(accounts.length, 1000, 'one request per row: no row twice, none left out');
    assert.equal(new Set(accounts).size, 1000);
    for (let i = 0; i < 1000; i++) assert.ok(accounts.includes(`user${i}@example.test`), `row ${i} used`);
    assert.match(r.stdout, /Test data: 8 users stopped for want of data/);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('per: user rows stay with their user; unique across users; random rows from a JSON file', async () => {
  const server = await recordingServer();
  const products = JSON.stringify([{ sku: 'A1' }, { sku: 'B2' }, { sku: 'C3' }]);
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(100), 'data/products.json': products });
  try {
    const file = path.join(dir, 'per-user.load.yaml');
    const data = [
      '  accounts: { file: data/accounts.csv, pick: unique, per: user }',
      '  products: { file: data/products.json, pick: random }',
    ].join('\n');
    fs.writeFileSync(file, scenarioText(server.url, data, 12, '100s', '/p/{{ products.sku }}'));
    const cli = start(file);
    // Every user has sent several requests: then stop the run.
    await server.until((seen) => {
      const perPort = new Map<number, number>();
      for (const s of seen) perPort.set(s.port, (perPort.get(s.port) ?? 0) + 1);
      return perPort.size >= 12 && [...perPort.values()].every((n) => n >= 5);
    });
    cli.interrupt();
    const r = await cli.exited;
    assert.equal(r.code, 0, r.stderr);
    const byConnection = new Map<number, Set<string | undefined>>();
    for (const s of server.seen) {
      const set = byConnection.get(s.port) ?? new Set();
      set.add(s.account);
      byConnection.set(s.port, set);
    }
    for (const [port, set] of byConnection) assert.equal(set.size, 1, `connection ${port} kept one account`);
    const owners = [...byConnection.values()].map((s) => [...s][0]);
    assert.equal(new Set(owners).size, owners.length, 'no account used by two users');
    assert.equal(owners.length, 12);
    assert.deepEqual(new Set(server.seen.map((s) => s.url)), new Set(['/p/A1', '/p/B2', '/p/C3']));
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('onExhausted: fail ends the run with exit 3 once unique rows run out', async () => {
  const server = await recordingServer();
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(50) });
  try {
    const file = path.join(dir, 'fail.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText(server.url, '  accounts: { file: data/accounts.csv, pick: unique, onExhausted: fail }', 4, '60s', '/f'),
    );
    const r = await run(file);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr + r.stdout, /the data set `accounts` \(data\/accounts.csv\) ran out of unique rows: all 50 were used/);
    const accounts = server.seen.map((s) => s.account);
    assert.equal(new Set(accounts).size, accounts.length, 'no row twice before the end');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a ragged CSV stops the run before it starts (exit 2), naming the line', async () => {
  const dir = folderWith({ 'data/accounts.csv': 'email,name\na,b\nc\n' });
  try {
    const file = path.join(dir, 'ragged.load.yaml');
    fs.writeFileSync(file, scenarioText('http://127.0.0.1:9', '  accounts: { file: data/accounts.csv }', 1, '1s', '/'));
    const r = await run(file);
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /ragged.load.yaml:6:\d+: error: cannot use `data\/accounts.csv`: line 3: this row has 1 fields but the header has 2/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
