// `per: user` rows stay with their user (its connection) and are unique across users on 4
// workers; `pick: random` rows come from a JSON file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startCli } from '../cli/runCli';
import { accountsCsv, folderWith, recordingServer, scenarioText } from './helpers';

test('per: user rows stay with their user; unique across users; random rows from a JSON file', async () => {
  const server = await recordingServer();
  const products = JSON.stringify([{ sku: 'A1' }, { sku: 'B2' }, { sku: 'C3' }]);
  const dir = folderWith({ 'data/accounts.csv': accountsCsv(100), 'data/products.json': products });
  try {
    const file = path.join(dir, 'per-user.load.yaml');
    const data = [
      '  accounts: { file: data/accounts.csv, pick: unique, per: user }',
      '  products: { file: data/products.json, pick: random }',
    ].join('\n');
    fs.writeFileSync(file, scenarioText(server.url, data, 8, '100s', '/p/{{ products.sku }}'));
    const cli = startCli(['run', file]);
    // Every user has sent several requests: then stop the run.
    await server.until((seen) => {
      const perAccount = new Map<string | undefined, number>();
      for (const s of seen) perAccount.set(s.account, (perAccount.get(s.account) ?? 0) + 1);
      return perAccount.size >= 8 && [...perAccount.values()].every((n) => n >= 3);
    });
    cli.interrupt();
    const r = await cli.exited;
    assert.equal(r.code, 0, r.stderr);
    const byConnection = new Map<number, Set<string | undefined>>();
    for (const s of server.seen) {
      const set = byConnection.get(s.port) ?? new Set();
      set.add(s.account);
      byConnection.set(s.port, set);
    }
    for (const [port, set] of byConnection) assert.equal(set.size, 1, `connection ${port} kept one account`);
    const accounts = new Set(server.seen.map((s) => s.account));
    assert.equal(accounts.size, 8, 'one account per user, none shared');
    assert.deepEqual(new Set(server.seen.map((s) => s.url)), new Set(['/p/A1', '/p/B2', '/p/C3']));
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
