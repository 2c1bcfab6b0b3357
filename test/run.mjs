// Runs every *.test.ts under test/unit and test/integration with node's test runner (TypeScript via tsx),
// so CI's log reader sees node's own summary. Pass paths or folders to run a subset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/integration'];
const files = [];
const walk = (p) => {
  if (!fs.existsSync(p)) return;
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
  else if (p.endsWith('.test.ts')) files.push(p);
};
roots.forEach(walk);
if (!files.length) {
  console.error('test/run.mjs: no test files found under', roots.join(', '));
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
