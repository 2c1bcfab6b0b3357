// The PostgreSQL recorder's cost on the master (issue 20): what it adds to the master's process
// per second of a run whose snapshot has 50 entries (100 workers change nothing for a recorder:
// it sees one merged snapshot a second). Alternates rounds without and with the recorder in one
// process, each feeding one snapshot a second for --seconds, and prints the process's CPU per
// second of each round; a round with the recorder ends with its final write (50 entry rows).
//
//   PGPASSWORD=... node --import tsx scripts/bench-postgres-recorder.ts --postgres postgres://user@host:port/db [--rounds 3] [--seconds 10]
import type { EntryStats, HistoryPoint, Percentiles, RunSnapshot } from '../common/snapshot';
import type { RunResult } from '../engine/master/types';
import type { Logger } from '../engine/log';
import { postgresTarget } from '../engine/recorders/postgresConfig';
import { checkPostgres } from '../engine/recorders/postgresConnect';
import { createPostgresRecorder } from '../engine/recorders/postgresRecorder';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

function entry(name: string, method: string, i: number): EntryStats {
  const p = (x: number): number => x + (i % 7);
  const percentiles: Percentiles = {
    p50: p(10),
    p66: p(14),
    p75: p(18),
    p80: p(20),
    p90: p(40),
    p95: p(60),
    p98: p(90),
    p99: p(120),
    'p99.9': p(300),
    'p99.99': p(600),
    p100: p(900),
  };
  return {
    name,
    method,
    requests: 20_000 + i,
    failures: i,
    minMs: 0.3,
    maxMs: p(900),
    meanMs: p(20),
    bytes: 4_000_000,
    rps: 2000,
    currentRps: 2000,
    currentFailuresPerSec: 1,
    percentiles,
    // The recorder writes the whole run's figures only; the current window's may be the same object.
    current: percentiles,
  };
}

function snapshot(runId: string, startedAt: number, second: number): RunSnapshot {
  const entries = Array.from({ length: 50 }, (_, e) =>
    entry(`/api/endpoint-${e}`, e % 3 === 0 ? 'POST' : 'GET', e + second),
  );
  return {
    runId,
    scenario: 'bench',
    state: 'running',
    startedAt,
    elapsedMs: second * 1000,
    stage: { index: 0, count: 1 },
    users: 1000,
    targetUsers: 1000,
    total: entry('Aggregated', '', second),
    entries,
    errors: entries.slice(0, 5).map((e) => ({ name: e.name, method: e.method, error: 'HTTP 500', count: 3 })),
    workers: [],
    trackers: [],
    generator: { cpu: 0.5, loopDelayMs: 2, saturated: false },
  };
}

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: console.error,
  error: console.error,
};

async function round(withRecorder: boolean, seconds: number, url: string): Promise<number> {
  const target = postgresTarget(url, {});
  const recorder = withRecorder ? createPostgresRecorder(target, quiet) : undefined;
  const runId = `bench-${Date.now()}-${withRecorder}`;
  const startedAt = Date.now();
  const history: HistoryPoint[] = [];
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let last: RunSnapshot = snapshot(runId, startedAt, 0);
  for (let s = 1; s <= seconds; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    last = snapshot(runId, startedAt, s);
    const point: HistoryPoint = {
      t: s * 1000,
      rps: 2000,
      failuresPerSec: 1,
      p50: 10,
      p95: 60,
      p99: 120,
      users: 1000,
    };
    history.push(point);
    recorder?.onSnapshot(last, point);
  }
  const result: RunResult = { snapshot: { ...last, state: 'stopped' }, history, started: true };
  const written = await recorder?.finish(result);
  if (recorder && !written?.length) throw new Error('the recorder wrote nothing');
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  return (cpu.user + cpu.system) / 1000 / (wall / 1000);
}

async function main(): Promise<void> {
  const url = arg('postgres', '');
  const rounds = Number(arg('rounds', '3'));
  const seconds = Number(arg('seconds', '10'));
  const problem = await checkPostgres(postgresTarget(url, {}), quiet);
  if (problem) throw new Error(problem);
  const without: number[] = [];
  const withPg: number[] = [];
  for (let i = 0; i < rounds; i++) {
    without.push(await round(false, seconds, url));
    withPg.push(await round(true, seconds, url));
    console.log(
      `round ${i + 1}: without ${without[i].toFixed(2)} ms CPU/s, with the recorder ${withPg[i].toFixed(2)} ms CPU/s`,
    );
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [a, b] = [median(without), median(withPg)];
  console.log(
    `medians: without ${a.toFixed(2)}, with ${b.toFixed(2)} ms CPU per second; the recorder adds ${(b - a).toFixed(2)} ms/s = ${((b - a) / 10).toFixed(3)} % of a core`,
  );
}

void main();
