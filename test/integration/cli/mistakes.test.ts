// The CLI's answers to what cannot run: a master that cannot bind (exit 3), `check` on a file with
// errors (exit 2), and a person's mistakes on the command line (exit 2, never a stack trace).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tmpScenario } from './countingTarget';
import { runCli as cli } from './runCli';

test('a run that cannot start says why and exits 3, with no table of zeros and no verdicts', async () => {
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const { port } = busy.address() as net.AddressInfo;
  try {
    const file = tmpScenario(`name: never started
target: http://127.0.0.1:9
load: { users: 1, duration: 1s }
users:
  - tasks:
      - get: /
thresholds:
  - failures < 1%
output: { json: never.json }
`);
    const r = await cli([
      'master',
      file,
      '--bind',
      `tcp://127.0.0.1:${port}`,
      '--expect-workers',
      '1',
      '--token',
      'cli-test',
      '--quiet',
    ]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`cannot bind the master to tcp://127.0.0.1:${port}: Address already in use`),
    );
    assert.doesNotMatch(r.stdout + r.stderr, /Aggregated|PASS|FAIL|wrote /);
    assert.equal(fs.existsSync(path.join(path.dirname(file), 'never.json')), false);
  } finally {
    await new Promise((r) => busy.close(r));
  }
});

test('check: FILE:LINE:COL: severity: message, exit 2 on errors, 0 on a clean file', async () => {
  const bad = tmpScenario(
    'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - name: u\n    thnik: 1s\n    tasks:\n      - get: http://127.0.0.1:1/\n',
  );
  const r = await cli(['check', bad]);
  assert.equal(r.code, 2);
  assert.ok(r.stdout.includes(`${bad}:5:5: error: unknown key \`thnik\``), r.stdout);
  assert.match(r.stdout, /did you mean `think`/);
  const good = tmpScenario(
    'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - name: u\n    tasks:\n      - get: http://127.0.0.1:1/\n',
  );
  const ok = await cli(['check', good]);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.stdout, '');
});

test("a person's mistakes get a message and exit 2, never a stack trace", async () => {
  const cases: Array<[string[], RegExp]> = [
    [['run', '/no/such/file.load.yaml'], /cannot read \/no\/such\/file\.load\.yaml: no such file/],
    [['run'], /run needs a scenario file/],
    [['run', 'x.load.yaml', '--users', 'many'], /--users needs a number/],
    [['quick', 'not a url'], /is not a URL/],
    [['quick', 'ftp://127.0.0.1/'], /http and https/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', tmpScenario('{{{{ not yaml')], /error/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout + r.stderr, pattern, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `no stack trace for ${args.join(' ')}`);
  }
});
