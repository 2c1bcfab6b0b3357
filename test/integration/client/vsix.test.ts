// The packaged extension: `vsce package` (as `npm run package` runs it, from the bundles `npm test`
// just built) gives a .vsix that scripts/check-vsix.mjs accepts (runtime files in, sources and dev
// dependencies out, zeromq's Linux x64 binaries present), and zeromq loads from the unpacked copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-vsix-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], cwd = root): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

test('the .vsix holds the runtime files and zeromq, nothing else, and its zeromq loads', () => {
  const vsix = path.join(dir, 'stampede.vsix');
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const packed = run([vsce, 'package', '--skip-license', '--target', 'linux-x64', '-o', vsix]);
  assert.equal(packed.status, 0, packed.out);

  const unpacked = path.join(dir, 'unpacked');
  const checked = run([path.join(root, 'scripts/check-vsix.mjs'), vsix, '--extract-to', unpacked]);
  assert.equal(checked.status, 0, checked.out);
  assert.match(checked.out, /zeromq Linux x64 binaries: .*glibc-\d+-Release\/addon\.node/);

  // The unpacked extension's own zeromq (not the repository's) binds a socket on loopback.
  const ext = path.join(unpacked, 'extension');
  const probe =
    "const z = require('./node_modules/zeromq'); const s = new z.Router();" +
    "s.bind('tcp://127.0.0.1:*').then(() => { console.log(require.resolve('./node_modules/zeromq'), s.lastEndpoint); s.close(); });";
  const loaded = run(['-e', probe], ext);
  assert.equal(loaded.status, 0, loaded.out);
  assert.ok(loaded.out.startsWith(ext), loaded.out);
  assert.match(loaded.out, /tcp:\/\/127\.0\.0\.1:\d+/);
});
