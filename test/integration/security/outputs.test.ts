// Hostile scenario files (as if from a cloned repository) and bad results folders, through the
// bundled CLI: output paths stay in the scenario's folder unless the person allows otherwise, a
// file that is not a Stampede result is never replaced without --force, an unwritable results
// folder stops the run before any load (exit 2, path and reason), and CSV cells cannot run formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCountingServer, type CountingServer } from '../distributed/helpers';
import { runCli as cli } from '../cli/runCli';

/** A scenario in a fresh folder of its own; `output` is the YAML of its `output:` mapping. */
function scenario(target: string, output: string, name = 'hello'): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-outputs-'));
  const file = path.join(dir, 'hostile.load.yaml');
  fs.writeFileSync(
    file,
    `name: hostile\ntarget: ${target}\nworkers: 0\nload: { users: 1, duration: 1s }\nusers:\n  - think: 50ms\n    tasks:\n      - name: ${JSON.stringify(name)}\n        get: /\noutput: ${output}\n`,
  );
  return { dir, file };
}

let server: CountingServer;
test.before(async () => (server = await startCountingServer()));
test.after(() => server.close());

test('output paths that leave the folder are errors in check and run; --allow-output-outside lets the person allow them', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-outside-'));
  const escape = path.join(outside, 'escaped.json');
  // Counted from here, not from 0: the server is the file's, and a test run before this one (or
  // alone, with --test-name-pattern) must not change what this one checks.
  const before = server.arrivals.length;
  for (const output of [`{ json: ../${path.basename(outside)}/escaped.json }`, `{ json: ${escape} }`]) {
    const { file } = scenario(server.url, output);
    const checked = await cli(['check', file]);
    assert.equal(checked.code, 2, checked.stdout);
    assert.match(
      checked.stdout,
      /error: `output\.json` (climbs out of the folder with `\.\.`|is absolute): results stay inside/,
    );
    const run = await cli(['run', file, '--quiet']);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(fs.existsSync(escape), false);
    assert.equal(server.arrivals.length, before, 'no load before the refusal');
  }
  const { file } = scenario(server.url, `{ json: ${escape} }`);
  const allowed = await cli(['run', file, '--quiet', '--allow-output-outside']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(fs.readFileSync(escape, 'utf8'), /"format": "stampede-run\/1"/);
});

test('a symbolic link out of the folder is refused before the load', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-outside-'));
  const { dir, file } = scenario(server.url, '{ ndjson: results/run.ndjson }');
  fs.symlinkSync(outside, path.join(dir, 'results'));
  const before = server.arrivals.length;
  const run = await cli(['run', file, '--quiet']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /results\/run\.ndjson is outside the scenario's folder/);
  assert.deepEqual(fs.readdirSync(outside), []);
  assert.equal(server.arrivals.length, before);
});

test('a file that is not a Stampede result is never replaced without --force; a Stampede result is', async () => {
  const { dir, file } = scenario(server.url, '{ ndjson: bashrc, json: results.json }');
  const bashrc = path.join(dir, 'bashrc');
  fs.writeFileSync(bashrc, 'export PATH=$HOME/bin:$PATH\n');
  const refused = await cli(['run', file, '--quiet']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /bashrc exists and is not a Stampede ndjson result: .*--force/);
  assert.equal(fs.readFileSync(bashrc, 'utf8'), 'export PATH=$HOME/bin:$PATH\n');

  const forced = await cli(['run', file, '--quiet', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(fs.readFileSync(bashrc, 'utf8'), /^\{"point":/);
  // Both files are Stampede results now: the next run replaces them without --force.
  const again = await cli(['run', file, '--quiet']);
  assert.equal(again.code, 0, again.stderr);
});

test('an unwritable results folder stops the run before the load, with the path and the reason', async () => {
  const { dir, file } = scenario(server.url, '{}');
  const blocker = path.join(dir, 'a-file');
  fs.writeFileSync(blocker, 'not a folder');
  const cases: Array<[string, RegExp]> = [
    ['/proc/x/res', /cannot create the folder \/proc\/x: /],
    [path.join(blocker, 'res'), /cannot create the folder .*a-file\/res: .*a-file is a file/],
  ];
  const before = server.arrivals.length;
  for (const [results, expected] of cases) {
    const run = await cli(['run', file, '--quiet', '--results', results]);
    assert.equal(run.code, 2, `${results}: ${run.stderr}`);
    assert.match(run.stderr, expected);
  }
  assert.equal(server.arrivals.length, before, 'no load was sent');
});

test('CSV cells from request names cannot run formulas in a spreadsheet', async () => {
  const { dir, file } = scenario(server.url, '{ csv: out }', '=HYPERLINK("http://evil.example","x")');
  const run = await cli(['run', file, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const stats = fs.readFileSync(path.join(dir, 'out_stats.csv'), 'utf8');
  assert.match(stats, /^GET,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",/m);
  assert.doesNotMatch(stats, /,=HYPERLINK|,"=HYPERLINK/);
});
