// A real nginx for the HTTP tests, started by the test from a temporary directory: its own
// nginx.conf, pid file, logs and temp paths, `daemon off` (a child the test owns and stops), on a
// free loopback port. Debian's `nginx` package (test/system/install.sh) provides the binary.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../integration/distributed/helpers';

export interface Nginx {
  url: string;
  port: number;
  /** Lines of the access log so far (one per request nginx answered). */
  accessLog(): string[];
  stop(): Promise<void>;
}

/** The nginx binary, or undefined when the package is not installed. */
export function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx'])
    if (fs.existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

/**
 * Starts nginx with `servers` (server blocks, each `listen`ing on the port given as `PORT`; the
 * access log's path is `ACCESS_LOG`).
 * `httpLines` go into the http block (e.g. `keepalive_requests 3;`).
 */
export async function startNginx(binary: string, httpLines: string[], servers: string[]): Promise<Nginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-nginx-'));
  const port = await freePort();
  const conf = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log notice;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    ...httpLines.map((l) => `  ${l}`),
    ...servers.map(
      (s) => `  ${s.replaceAll('ACCESS_LOG', `${dir}/access.log`).replaceAll('PORT', String(port))}`,
    ),
    '}',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  // As root nginx's workers drop to `nobody`: let them write where the master created the logs.
  fs.chmodSync(dir, 0o777);
  const child = spawn(
    binary,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await listening(child, port, () => `${output}\n${readIfAny(path.join(dir, 'error.log'))}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accessLog: () => readIfAny(path.join(dir, 'access.log')).split('\n').filter(Boolean),
    stop,
  };
}

function readIfAny(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Resolves once nginx accepts a connection on `port`; rejects with its output if it exits first. */
async function listening(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}) before listening:\n${output()}`);
    if (await connects(port)) return;
    if (Date.now() > deadline)
      throw new Error(`nginx did not listen on 127.0.0.1:${port} in 20 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
