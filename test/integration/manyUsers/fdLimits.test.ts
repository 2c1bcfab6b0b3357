// The open-file preflight through the bundled CLI, under a lowered limit set by the shell
// (`ulimit` is POSIX sh's, so no package is needed): a run whose users cannot fit is refused with
// what to change before the target sees a request; a low soft limit under a sufficient hard one runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/runCli';
import { recordingServer } from './recordingServer';

/** The CLI with its open-file limit lowered to soft:hard. */
const cliUnderLimit = (soft: number, hard: number, args: string[]) =>
  runCli(args, { openFileLimit: { soft, hard } });

test('fd limits: users beyond the hard limit are refused before any request, saying what to change', async () => {
  const server = await recordingServer();
  try {
    const r = await cliUnderLimit(256, 512, [
      'quick',
      `${server.url}/`,
      '-c',
      '1000',
      '-d',
      '2',
      '--workers',
      '1',
      '--quiet',
    ]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /too many users for the open-file limit/);
    assert.match(r.stderr, /1,000 connections/);
    assert.match(r.stderr, /at most 512 files/);
    assert.match(r.stderr, /ulimit -n 1128/);
    assert.match(r.stderr, /limits\.conf/);
    assert.match(r.stderr, /--workers 3/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(server.requests(), 0);
  } finally {
    await server.close();
  }
});

test('fd limits: the embedded demo target in the master counts against the master, with a way out', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-fd-'));
  const file = path.join(dir, 'fd.load.yaml');
  fs.writeFileSync(
    file,
    [
      'name: fd',
      'load: { users: 600, spawnRate: 600, duration: 2s }',
      'workers: 2',
      'users:',
      '  - name: u',
      '    tasks:',
      '      - get: /',
      '',
    ].join('\n'),
  );
  try {
    // 300 users per worker fit in 512, but the demo target's 600 sockets in the master do not.
    const r = await cliUnderLimit(256, 512, ['run', file, '--quiet']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /embedded demo target's side of 600 connections/);
    assert.match(r.stderr, /--target URL/);
    assert.doesNotMatch(r.stderr, /each of the 2 local workers/);
    assert.doesNotMatch(r.stderr, /using the embedded demo target/, 'refused before the demo target started');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('fd limits: a low soft limit under a sufficient hard one runs (Node raises its soft limit itself)', async () => {
  const server = await recordingServer();
  try {
    const r = await cliUnderLimit(64, 4096, [
      'quick',
      `${server.url}/`,
      '-c',
      '300',
      '-d',
      '2',
      '--workers',
      '1',
      '--json',
      '--quiet',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]) as { requests: number; failures: number };
    assert.equal(summary.failures, 0, r.stdout);
    assert.ok(summary.requests > 0);
    // More sockets than the soft limit were open at once in the worker.
    assert.ok(server.peakConnections() > 64, `peak ${server.peakConnections()}`);
  } finally {
    await server.close();
  }
});
