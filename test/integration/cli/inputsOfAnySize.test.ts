// `stampede check` and `run` on inputs of any size (issue 15): bytes that are not UTF-8 are a
// warning at the first bad byte, thousands of problems print the first 200 and a count, and a
// user count no worker can hold is refused before anything runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from './runCli';

const HEAD = 'name: t\ntarget: http://127.0.0.1:1\nload: { users: 1, duration: 1s }\n';
const USERS = 'users:\n  - name: u\n    tasks:\n      - get: /\n';

function tmpFile(content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-sizes-'));
  const file = path.join(dir, 'test.load.yaml');
  fs.writeFileSync(file, content);
  return file;
}

test('check: a byte that is not UTF-8 is a warning at its line and column; the file still checks', async () => {
  // Line 4 (1-based) is `# caf\xE9 au lait`: a Latin-1 é, column 6 (after `# caf`).
  const bytes = Buffer.concat([
    Buffer.from(HEAD),
    Buffer.from('# caf'),
    Buffer.from([0xe9]),
    Buffer.from(' au lait\n' + USERS),
  ]);
  const file = tmpFile(bytes);
  const r = await cli(['check', file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, r.stdout);
  assert.match(
    lines[0],
    new RegExp(
      `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:6: warning: the file is not valid UTF-8: byte 0xE9`,
    ),
  );
  assert.match(lines[0], /Save the file as UTF-8/);
});

test('run: the UTF-8 warning is printed before the run (here: a bad byte inside a value)', async () => {
  const bytes = Buffer.concat([
    Buffer.from('name: caf'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('\nload: { users: 1e12, duration: 1s }\nworkers: 0\n' + USERS),
  ]);
  const r = await cli(['run', tmpFile(bytes)]);
  assert.equal(r.code, 2, 'the user count is refused, so nothing runs');
  assert.match(r.stderr, /:1:10: warning: the file is not valid UTF-8: byte 0xC3/);
  assert.match(
    r.stderr,
    /:2:16: error: `users: 1,000,000,000,000` is more than this run can hold: one worker holds about 100,000 idle virtual users/,
  );
});

test('check: 1,000 unknown keys print the first 200 problems and a count of the rest', async () => {
  let text = HEAD + USERS;
  for (let i = 0; i < 1000; i++) text += `unknownKey${i}: ${i}\n`;
  const r = await cli(['check', tmpFile(text)]);
  assert.equal(r.code, 2);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 201);
  assert.ok(lines.slice(0, 200).every((l) => / error: unknown key `unknownKey\d+`/.test(l)));
  assert.match(
    lines[200],
    /: 800 more problems not shown \(800 errors, 0 warnings\); fix the first ones and check again$/,
  );
});
