// Shared pieces of the test data runs: a loopback server that records every request (with the
// account header and the client's port), a folder of data files, and the bundled CLI as a child.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { listenOnLoopback } from '../distributed/helpers';

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

export async function recordingServer(): Promise<RecordingServer> {
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
  return {
    ...(await listenOnLoopback(server)),
    seen,
    until: (predicate) =>
      new Promise((resolve) => (predicate(seen) ? resolve() : waiters.push({ predicate, resolve }))),
  };
}

export function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-data-run-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function accountsCsv(n: number): string {
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

export function start(scenario: string): CliRun {
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
      new Promise((resolve) =>
        pattern.test(stdout + stderr) ? resolve() : waiters.push({ pattern, resolve }),
      ),
    interrupt: () => void child.kill('SIGINT'),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))),
  };
}

export function run(scenario: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return start(scenario).exited;
}

export function scenarioText(
  target: string,
  data: string,
  users: number,
  duration: string,
  url: string,
): string {
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
