// The editor's Try runs the bundled CLI in a child process and reads its JSON through the guard:
// here with node as the runtime, against the embedded demo target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTry } from '../../../client/tryRunner';
import { tryDocument } from '../../../common/tryText';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-tryrunner-'));
const file = path.join(dir, 'shop.load.yaml');
fs.writeFileSync(
  file,
  'name: shop\nload: { users: 1, duration: 1s }\nusers:\n  - name: shopper\n    tasks:\n      - name: browse\n        get: /products\n        check: { status: 200 }\n      - name: health\n        get: /health\n',
);
const cliPath = path.resolve('dist/cli.js');

test('Try in a child process: the exchanges of the task asked for, each linked to its line', async () => {
  const outcome = await runTry({ cliPath, file, user: 'shopper', task: 'browse', demoTarget: true });
  assert.equal(outcome.kind, 'result');
  if (outcome.kind !== 'result') return;
  assert.equal(outcome.exitCode, 0);
  assert.deepEqual(outcome.result.iterations, [{ user: 'shopper', task: 'browse' }]);
  assert.equal(outcome.result.exchanges[0].response?.status, 200);
  const doc = tryDocument(outcome.result);
  assert.deepEqual(doc.anchors, [{ textLine: 0, scenarioLine: 6 }]);
  assert.match(doc.text.split('\n')[0], /^✓ browse {2}\[shopper · task "browse"\]/);
  assert.match(doc.text, /check status 200: pass \(saw 200\)/);
});

test('a task that does not exist comes back as the CLI message, not a result', async () => {
  const outcome = await runTry({ cliPath, file, task: 'checkout', demoTarget: true });
  assert.deepEqual(outcome, {
    kind: 'error',
    message: 'no task named "checkout"\n  tasks: browse, health',
    exitCode: 2,
  });
});
