// A remote worker needs no copy of the environment or of uploaded files: `stampede master` with
// --env and a multipart file, and a `stampede worker` started elsewhere (another folder, another
// environment with a wrong value of the same name) send the master's values and file bytes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, startCli } from '../cli/runCli';
import { startRecordingTarget } from './recordingTarget';

const LISTENING = /master listening on (tcp:\/\/\S+)/;

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
    // Port 0 and the address the master says it bound: a port found free and then closed can be
    // taken by another process before the master binds it.
    const master = startCli(
      [
        'master',
        file,
        '--bind',
        'tcp://127.0.0.1:0',
        '--expect-workers',
        '1',
        '--env',
        'REMOTE_TOKEN=from-master',
      ],
      { cwd: masterDir, env: { STAMPEDE_TOKEN: 'remote-run-token' } },
    );
    await master.until(LISTENING);
    const address = LISTENING.exec(master.stderr() + master.stdout())![1];
    const worker = runCli(['worker', '--master', address, '--id', 'far'], {
      cwd: workerDir,
      env: { STAMPEDE_TOKEN: 'remote-run-token', REMOTE_TOKEN: 'wrong-worker-value' },
    });
    const m = await master.exited;
    assert.equal(m.code, 0, m.output);
    const w = await worker;
    assert.ok(target.requests.length > 0, m.output);
    for (const r of target.requests) {
      assert.equal(r.headers.authorization, 'Bearer from-master');
      const form = await new Response(new Uint8Array(r.body), {
        headers: { 'content-type': String(r.headers['content-type']) },
      }).formData();
      const blob = form.get('blob') as File;
      assert.ok(Buffer.from(await blob.arrayBuffer()).equals(bytes));
    }
    assert.ok(!m.output.includes('from-master') && !w.output.includes('from-master'));
  } finally {
    await target.close();
    fs.rmSync(masterDir, { recursive: true, force: true });
    fs.rmSync(workerDir, { recursive: true, force: true });
  }
});
