// When unique rows run out with `onExhausted: fail` the run ends with exit 3; a ragged CSV stops
// the run before it starts (exit 2), naming the line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../cli/runCli';
import { accountsCsv, folderWith, recordingServer, scenarioText } from './helpers';

test('onExhausted: fail ends the run with exit 3 once unique rows run out', async () => {
  const server = await recordingServer();
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(50) });
  try {
    const file = path.join(dir, 'fail.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText(
        server.url,
        '  accounts: { file: data/accounts.csv, pick: unique, onExhausted: fail }',
        4,
        '60s',
        '/f',
      ),
    );
    const r = await runCli(['run', file]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(
      r.stderr + r.stdout,
      /the data set `accounts` \(data\/accounts.csv\) ran out of unique rows: all 50 were used/,
    );
    const accounts = server.seen.map((s) => s.account);
    assert.equal(new Set(accounts).size, accounts.length, 'no row twice before the end');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a ragged CSV stops the run before it starts (exit 2), naming the line', async () => {
  const dir = folderWith({ 'data/accounts.csv': 'email,name\na,b\nc\n' });
  try {
    const file = path.join(dir, 'ragged.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText('http://127.0.0.1:9', '  accounts: { file: data/accounts.csv }', 1, '1s', '/'),
    );
    const r = await runCli(['run', file]);
    assert.equal(r.code, 2);
    assert.match(
      r.stdout + r.stderr,
      /ragged.load.yaml:6:\d+: error: cannot use `data\/accounts.csv`: line 3: this row has 1 fields but the header has 2/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
