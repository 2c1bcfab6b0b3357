// `stampede import` as a command: standard input, no overwrite, clear errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli as cli } from '../cli/runCli';
import { FIXTURES, tmp } from './helpers';

test('import reads standard input, refuses to overwrite a file, and says what is wrong with bad input', async () => {
  const fromStdin = await cli(['import', '-', '--from', 'curl'], {
    input: "curl 'http://127.0.0.1:9/x' -H 'X-Api-Key: abc123456' --retry 2\n",
  });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.match(fromStdin.stdout, /X-Api-Key: "\{\{ env\.X_API_KEY \}\}"/);
  assert.match(fromStdin.stderr, /not imported: GET \/x: curl: --retry 2 has no equivalent/);
  assert.match(fromStdin.stderr, /secret X_API_KEY/);
  assert.ok(!fromStdin.stdout.includes('abc123456') && !fromStdin.stderr.includes('abc123456'));

  const existing = path.join(tmp, 'exists.load.yaml');
  fs.writeFileSync(existing, 'keep me');
  const refused = await cli(['import', path.join(FIXTURES, 'demo-shop.http'), '-o', existing]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /exists; nothing was written/);
  assert.equal(fs.readFileSync(existing, 'utf8'), 'keep me');

  const unknown = await cli(['import', '-'], { input: 'hello there\n' });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /cannot tell what kind of file this is\n {2}give --from/);
  const badKind = await cli(['import', '-', '--from', 'soap'], { input: 'x' });
  assert.equal(badKind.code, 2);
  assert.match(badKind.stderr, /--from must be one of curl, http, har, postman, openapi/);
  const missing = await cli(['import', path.join(tmp, 'nope.har')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  assert.doesNotMatch(unknown.stderr + badKind.stderr + missing.stderr, /at .*\.js:\d+/);
});
