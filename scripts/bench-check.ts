// `stampede check` on large inputs (issue 15, "Inputs of any size"): time and peak RSS of
// `node dist/cli.js check FILE` on 1 MB and 5 MB of unknown keys and on valid 1 MB and 5 MB scenarios,
// median of REPS runs each. Build first (`node esbuild.mjs`).
//   usage: npx tsx scripts/bench-check.ts [REPS=3] [CASE-FILTER]
//   STAMPEDE_CLI=/path/to/other/dist/cli.js measures another build (e.g. the commit before).
// Peak RSS is /usr/bin/time's %M (the one process `check` is); CPU is its user + system seconds,
// which a busy shared machine disturbs less than the wall clock.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const cli = process.env.STAMPEDE_CLI ?? path.join(root, 'dist', 'cli.js');
const reps = Number(process.argv[2] ?? 3);
const only = process.argv[3];

const head = `name: big
target: http://127.0.0.1:8080
load: { users: 1, duration: 1s }
users:
  - name: visitor
    tasks:
`;

/** A valid scenario with `keys` unknown top-level keys after it (one line each). */
function unknownKeys(bytes: number): string {
  let text = `${head}      - get: /\n`;
  for (let i = 0; text.length < bytes; i++) text += `unknownKey${i}: ${i}\n`;
  return text;
}

/** A valid scenario of about `bytes`: one user kind with many small tasks. */
function validScenario(bytes: number): string {
  let text = head;
  for (let i = 0; text.length < bytes; i++)
    text += `      - name: task ${i}\n        get: /items/${i}\n        check: { status: 200 }\n`;
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-bench-check-'));
const cases: Array<[string, string]> = [
  ['1 MB of unknown keys', unknownKeys(1 << 20)],
  ['5 MB of unknown keys', unknownKeys(5 << 20)],
  ['valid 1 MB scenario', validScenario(1 << 20)],
  ['valid 5 MB scenario', validScenario(5 << 20)],
];
console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${reps} runs each, commit ${commit()}`);
console.log(`cli ${cli}`);
console.log(
  '| input | exit | wall s (median; runs) | CPU s (median) | peak RSS MiB (median) | lines printed |',
);
console.log('|---|---|---|---|---|---|');
try {
  for (const [label, text] of cases) {
    if (only !== undefined && !label.includes(only)) continue;
    const file = path.join(dir, `${label.replace(/\W+/g, '-')}.load.yaml`);
    fs.writeFileSync(file, text);
    const seconds: number[] = [];
    const rss: number[] = [];
    const cpu: number[] = [];
    let exit = 0;
    let lines = 0;
    for (let r = 0; r < reps; r++) {
      const t0 = process.hrtime.bigint();
      const run = spawnSync(
        '/usr/bin/time',
        ['-f', 'RSS_KB=%M CPU=%U+%S', process.execPath, cli, 'check', file],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        },
      );
      seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
      const kb = /RSS_KB=(\d+)/.exec(run.stderr)?.[1];
      rss.push(Number(kb) / 1024);
      const [user, sys] = (/CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr) ?? ['', '0', '0']).slice(1).map(Number);
      cpu.push(user + sys);
      exit = run.status ?? -1;
      lines = run.stdout.split('\n').filter(Boolean).length;
    }
    const secs = seconds.map((s) => s.toFixed(2)).join(' / ');
    console.log(
      `| ${label} (${(text.length / 1048576).toFixed(1)} MB) | ${exit} | ${median(seconds).toFixed(2)} (${secs}) | **${median(cpu).toFixed(2)}** | ${median(rss).toFixed(0)} | ${lines} |`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
