// A remote worker needs no copy of the environment or of uploaded files: `stampede master` with
// --env and a multipart file, and a `stampede worker` started elsewhere (another folder, another
// environment with a wrong value of the same name) send the master's values and file bytes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { freePort } from '../distributed/helpers';
import { startRecordingTarget } from './recordingTarget';

const CLI = path.resolve('dist/cli.js');

function start(args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<number | null>((r) => child.on('close', r));
  return { done, output: () => out };
}

test('stampede master sends env values and multipart files to a remote worker that has neither', async () => {
  const target = await startRecordingTarget();
  const masterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-master-'));
  const workerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-worker-'));
  try {
    const bytes = Buffer.from([0, 1, 2, 250, 13, 10, 45, 45]);
    fs.mkdirSync(path.join(masterDir, 'data'));
    fs.writeFileSync(path.join(masterDir, 'data/blob.bin'), bytes);
    const file = path.join(masterDir, 'remote.load.yaml');
    fs.writeFileSync(
      file,
      `target: ${target.url}\nload: { users: 2, spawnRate: 100, duration: 2s }\nsecrets: [REMOTE_TOKEN]\nusers:\n  - think: 50ms\n    tasks:\n      - post: /up\n        auth: { bearer: "{{ env.REMOTE_TOKEN }}" }\n        multipart: { blob: { file: data/blob.bin } }\n`,
    );
    const port = await freePort();
    const master = start(
      [
        'master',
        file,
        '--bind',
        `tcp://127.0.0.1:${port}`,
        '--expect-workers',
        '1',
        '--env',
        'REMOTE_TOKEN=from-master',
      ],
      masterDir,
      { STAMPEDE_TOKEN: 'remote-run-token' },
    );
    const worker = start(['worker', '--master', `tcp://127.0.0.1:${port}`, '--id', 'far'], workerDir, {
      STAMPEDE_TOKEN: 'remote-run-token',
      REMOTE_TOKEN: 'wrong-worker-value',
    });
    assert.equal(await master.done, 0, master.output());
    await worker.done;
    assert.ok(target.requests.length > 0, master.output());
    for (const r of target.requests) {
      assert.equal(r.headers.authorization, 'Bearer from-master');
      const form = await new Response(new Uint8Array(r.body), {
        headers: { 'content-type': String(r.headers['content-type']) },
      }).formData();
      const blob = form.get('blob') as File;
      assert.ok(Buffer.from(await blob.arrayBuffer()).equals(bytes));
    }
    assert.ok(!master.output().includes('from-master') && !worker.output().includes('from-master'));
  } finally {
    await target.close();
    fs.rmSync(masterDir, { recursive: true, force: true });
    fs.rmSync(workerDir, { recursive: true, force: true });
  }
});
