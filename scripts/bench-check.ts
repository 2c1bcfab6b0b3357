// `stampede check` on large inputs (issue 15, "Inputs of any size"): time and peak RSS of
// `node dist/cli.js check FILE` on 1 MB and 5 MB of unknown keys and on valid 1 MB and 5 MB scenarios,
// median of REPS runs each. Build first (`node esbuild.mjs`).
//   usage: npx tsx scripts/bench-check.ts [REPS=3] [CASE-FILTER[,CASE-FILTER...]]
//   STAMPEDE_CLI=/path/to/other/dist/cli.js measures another build (e.g. the commit before);
//   STAMPEDE_CLI=/old/dist/cli.js,/new/dist/cli.js measures both, their runs interleaved, so a
//   shared machine's load falls on both alike.
//   BENCH_CHECK_DIR=/some/dir keeps the generated inputs there (for scripts/check-memory-phases.ts).
// Peak RSS is /usr/bin/time's %M (the one process `check` is); CPU is its user + system seconds,
// which a busy shared machine disturbs less than the wall clock.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const clis = (process.env.STAMPEDE_CLI ?? path.join(root, 'dist', 'cli.js')).split(',');
const reps = Number(process.argv[2] ?? 3);
const only = process.argv[3]?.split(',');

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

const keptDir = process.env.BENCH_CHECK_DIR;
if (keptDir) fs.mkdirSync(keptDir, { recursive: true });
const dir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-bench-check-'));
const cases: Array<[string, string]> = [
  ['1 MB of unknown keys', unknownKeys(1 << 20)],
  ['5 MB of unknown keys', unknownKeys(5 << 20)],
  // What a `check` costs with next to no input: the baseline for bytes of RSS per byte of YAML.
  ['valid 3 KB scenario', validScenario(3 << 10)],
  ['valid 1 MB scenario', validScenario(1 << 20)],
  ['valid 5 MB scenario', validScenario(5 << 20)],
];
console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${reps} runs each, commit ${commit()}`);
clis.forEach((cli, i) => console.log(`cli ${i + 1}: ${cli}`));
console.log(
  '| input | cli | exit | wall s (median; runs) | CPU s (median) | peak RSS MiB (median; runs) | lines printed |',
);
console.log('|---|---|---|---|---|---|---|');

interface Runs {
  seconds: number[];
  cpu: number[];
  rss: number[];
  exit: number;
  lines: number;
}

function measure(cli: string, file: string, runs: Runs): void {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'RSS_KB=%M CPU=%U+%S', process.execPath, cli, 'check', file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  runs.seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const kb = /RSS_KB=(\d+)/.exec(run.stderr)?.[1];
  runs.rss.push(Number(kb) / 1024);
  const [user, sys] = (/CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr) ?? ['', '0', '0']).slice(1).map(Number);
  runs.cpu.push(user + sys);
  runs.exit = run.status ?? -1;
  runs.lines = run.stdout.split('\n').filter(Boolean).length;
}

try {
  for (const [label, text] of cases) {
    if (only !== undefined && !only.some((o) => label.includes(o))) continue;
    const file = path.join(dir, `${label.replace(/\W+/g, '-')}.load.yaml`);
    fs.writeFileSync(file, text);
    const all: Runs[] = clis.map(() => ({ seconds: [], cpu: [], rss: [], exit: 0, lines: 0 }));
    for (let r = 0; r < reps; r++) clis.forEach((cli, i) => measure(cli, file, all[i]));
    all.forEach((runs, i) => {
      const secs = runs.seconds.map((s) => s.toFixed(2)).join(' / ');
      const rss = runs.rss.map((m) => m.toFixed(0)).join(' / ');
      console.log(
        `| ${label} (${(text.length / 1048576).toFixed(1)} MB) | ${i + 1} | ${runs.exit} | ${median(runs.seconds).toFixed(2)} (${secs}) | **${median(runs.cpu).toFixed(2)}** | ${median(runs.rss).toFixed(0)} (${rss}) | ${runs.lines} |`,
      );
    });
  }
} finally {
  if (!keptDir) fs.rmSync(dir, { recursive: true, force: true });
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
