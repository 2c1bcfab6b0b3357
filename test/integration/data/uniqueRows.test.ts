// `pick: unique` across 4 forked workers: every row of a 1,000-row file is used exactly once,
// then every user stops for want of data (onExhausted: stop) and the summary says so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startCli } from '../cli/runCli';
import { accountsCsv, folderWith, recordingServer, scenarioText } from './helpers';

test('unique rows across 4 workers: each of 1,000 rows is used exactly once, then users stop', async () => {
  const server = await recordingServer();
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(1000) });
  try {
    const file = path.join(dir, 'unique.load.yaml');
    fs.writeFileSync(
      file,
      scenarioText(server.url, '  accounts: { file: data/accounts.csv, pick: unique }', 8, '100s', '/r'),
    );
    // Long enough: the run goes on until every user has stopped for want of rows (the progress
    // line says so), then it is stopped as a person would, with Ctrl-C.
    const cli = startCli(['run', file]);
    await cli.until(/out of data 8/);
    // Users that stopped for want of rows no longer count as running, and none is started again.
    await cli.until(/users 0\/8 .*out of data 8/);
    cli.interrupt();
    const r = await cli.exited;
    assert.equal(r.code, 0, r.stderr);
    const accounts = server.seen.map((s) => s.account);
    assert.equal(accounts.length, 1000, 'one request per row: no row twice, none left out');
    assert.equal(new Set(accounts).size, 1000);
    for (let i = 0; i < 1000; i++) assert.ok(accounts.includes(`user${i}@example.test`), `row ${i} used`);
    assert.match(r.stdout, /Test data: 8 users stopped for want of data/);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
