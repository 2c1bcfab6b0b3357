// Shared pieces of the test data runs: a loopback server that records every request (with the
// account header and the client's port) and a folder of data files. The tests run the bundled CLI
// through ../cli/runCli.ts.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { listenOnLoopback } from '../distributed/helpers';

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
