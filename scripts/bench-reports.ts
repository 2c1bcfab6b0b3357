// What writing the reports costs the master at the end of a run (issue 20): the HTML report, JUnit
// XML and the Markdown summary for a run with 50 request entries (each with a check and an error
// row), 3 thresholds, 2 workers and 10 minutes of per-second history, through the real recorders
// (projection, masking with one secret, rendering, writing to a temporary folder). Wall time of
// `finish` per format and its CPU time (user + system, less disturbed by a busy machine), medians
// of REPS, and the file's size.
//   usage: npx tsx scripts/bench-reports.ts [REPS=7] [ENTRIES=50] [SECONDS=600]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EntryStats, HistoryPoint, Percentiles, RunSnapshot } from '../common/snapshot';
import { analyzeScenario } from '../scenario/index';
import { createHtmlRecorder } from '../engine/recorders/htmlReport';
import { createJunitRecorder } from '../engine/recorders/junitReport';
import { createMarkdownRecorder } from '../engine/recorders/markdownReport';
import type { Recorder, RecorderContext } from '../engine/recorders/types';
import { createSecretMask } from '../engine/secrets/mask';

const reps = Number(process.argv[2] ?? 7);
const entries = Number(process.argv[3] ?? 50);
const seconds = Number(process.argv[4] ?? 600);

const names = Array.from({ length: entries }, (_, i) => `request ${i}`);
const source = `name: bench reports
target: http://127.0.0.1:9
secrets: [TOKEN]
load: { users: 100, duration: ${seconds}s }
users:
  - name: u
    tasks:
${names.map((n) => `      - { name: "${n}", get: "/r/${n.replace(' ', '-')}?t={{ env.TOKEN }}", check: { status: 200 } }`).join('\n')}
thresholds: [p95 < 300ms, failures < 1%, rps > 10]
`;
const analysis = analyzeScenario(source);
if (!analysis.scenario) throw new Error(JSON.stringify(analysis.diagnostics.slice(0, 3)));
const scenario = analysis.scenario;

const percentiles = (p50: number): Percentiles => ({
  p50,
  p66: p50 * 1.2,
  p75: p50 * 1.4,
  p80: p50 * 1.5,
  p90: p50 * 2,
  p95: p50 * 2.5,
  p98: p50 * 3,
  p99: p50 * 3.5,
  'p99.9': p50 * 5,
  'p99.99': p50 * 6,
  p100: p50 * 7,
});
const entry = (
  name: string,
  method: string,
  requests: number,
  failures: number,
  p50: number,
): EntryStats => ({
  name,
  method,
  requests,
  failures,
  minMs: 1,
  maxMs: p50 * 7,
  meanMs: p50 * 1.2,
  bytes: requests * 512,
  rps: requests / seconds,
  currentRps: requests / seconds,
  currentFailuresPerSec: 0,
  percentiles: percentiles(p50),
  current: percentiles(p50),
});
const final: RunSnapshot = {
  runId: 'bench',
  scenario: scenario.name,
  state: 'stopped',
  startedAt: Date.now(),
  elapsedMs: seconds * 1000,
  stage: { index: 0, count: 1 },
  users: 0,
  targetUsers: 100,
  total: entry('Aggregated', '', 500_000, 1275, 40),
  trackers: [],
  generator: { cpu: 0.4, loopDelayMs: 2, saturated: false },
  entries: names.map((n, i) => entry(n, 'GET', 10_000 + i, i, 50 + i)),
  errors: names.map((n, i) => ({
    name: n,
    method: 'GET',
    error: `check status: expected 200, got ${500 + (i % 4)}`,
    count: i + 1,
  })),
  workers: [0, 1].map((i) => ({
    id: `w${i}`,
    host: 'h',
    pid: 100 + i,
    state: 'stopped' as const,
    users: 50,
    requests: 250_000,
    cpu: 0.4,
    loopDelayMs: 2,
  })),
  thresholds: [
    { source: 'p95 < 300ms', ok: true, actual: 120 },
    { source: 'failures < 1%', ok: true, actual: 0.2 },
    { source: 'rps > 10', ok: true, actual: 800 },
  ],
};
const history: HistoryPoint[] = Array.from({ length: seconds }, (_, i) => ({
  t: (i + 1) * 1000,
  rps: 800 + (i % 50),
  failuresPerSec: i % 3,
  p50: 20 + (i % 7),
  p95: 80 + (i % 11),
  p99: 120 + (i % 13),
  users: 100,
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-bench-reports-'));
const ctx: RecorderContext = {
  scenarioPath: path.join(dir, 'bench.load.yaml'),
  scenarioName: scenario.name,
  startedAt: Date.now(),
  about: {
    scenario,
    source,
    settings: [['Target', 'http://127.0.0.1:9']],
    mask: createSecretMask(['tok-secret-value']),
  },
};
const log = { debug() {}, info() {}, warn() {}, error: (m: string) => console.error(m) };
const formats: Array<[string, (file: string) => Recorder]> = [
  ['html', (f) => createHtmlRecorder(f, log, ctx)],
  ['junit', (f) => createJunitRecorder(f, log, ctx)],
  ['markdown', (f) => createMarkdownRecorder(f, log, ctx)],
];

async function main(): Promise<void> {
  for (const [kind, make] of formats) {
    const file = path.join(dir, `report.${kind}`);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < reps + 1; r++) {
      const recorder = make(file);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await recorder.finish({ snapshot: final, history, started: true });
      const c = process.cpuUsage(c0);
      // The first run warms the page script's cache and the JIT.
      if (r > 0) {
        wall.push(performance.now() - t0);
        cpu.push((c.user + c.system) / 1000);
      }
    }
    const median = (xs: number[]): string =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
    const kib = fs.statSync(file).size / 1024;
    console.log(
      `${kind.padEnd(8)} CPU ${median(cpu)} ms, wall ${median(wall)} ms (medians of ${reps}), ${kib.toFixed(0)} KiB`,
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
