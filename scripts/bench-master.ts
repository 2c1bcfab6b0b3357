// The whole master path under load (issue 5, "Performance"): the real master (startRun) with
// its ZeroMQ ROUTER, heartbeats, dedupe, merge and one snapshot per second, fed by simulated
// workers in another process (scripts/bench-master-workers.ts) that send a report per second each.
// Measures the master process's CPU over the run. scripts/bench-merge.ts measures the merge alone.
//
//   node --import tsx scripts/bench-master.ts [--workers 100] [--entries 50] [--seconds 15] [--rps 2000]
//     [--postgres postgres://user@host:port/db]   (also feeds the PostgreSQL recorder, PGPASSWORD from the environment)
//     [--prometheus]
// --prometheus adds the Prometheus output (remote write to a receiver in this process that drains
// each body and answers 204, and the /metrics listener), as a run with `output.prometheus` has it.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startRun } from '../engine/master/index';
import type { Recorder } from '../engine/recorders/types';
import { postgresTarget } from '../engine/recorders/postgresConfig';
import { checkPostgres } from '../engine/recorders/postgresConnect';
import { createPostgresRecorder } from '../engine/recorders/postgresRecorder';
import { openPrometheusOutput, type PrometheusOutput } from '../engine/recorders/prometheusRecorder';
import { silentLogger } from '../engine/log';
import type { RequestStep, Scenario } from '../scenario/model';

const BENCH_TOKEN = 'bench-master-token';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A remote-write receiver that only drains bodies (its parse cost is not the master's). */
async function sinkReceiver(): Promise<{ url: string; bytes: () => number; close: () => void }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (d: Buffer) => (bytes += d.length));
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/v1/write`, bytes: () => bytes, close: () => server.close() };
}

async function main(): Promise<void> {
  const workers = arg('workers', 100);
  const entries = arg('entries', 50);
  const seconds = arg('seconds', 15);
  const rps = arg('rps', 2000);
  const postgresAt = process.argv.indexOf('--postgres');
  let recorder: Recorder | undefined;
  if (postgresAt > 0) {
    const target = postgresTarget(process.argv[postgresAt + 1], {});
    const problem = await checkPostgres(target, {
      debug: () => undefined,
      info: () => undefined,
      warn: console.error,
      error: console.error,
    });
    if (problem) throw new Error(problem);
    recorder = createPostgresRecorder(target, {
      debug: () => undefined,
      info: () => undefined,
      warn: console.error,
      error: console.error,
    });
  }
  const scenario: Scenario = {
    name: 'bench',
    load: { model: 'closed', stages: [{ durationMs: seconds * 1000, users: workers * 10, spawnRate: 1e6 }] },
    workers: 0,
    defaults: { headers: {}, timeoutMs: 1000, cookies: true, insecure: false },
    variables: {},
    env: {},
    secrets: [],
    envUses: [],
    data: [],
    // The entries the simulated workers report (bench-master-workers.ts): the master merges only
    // entries its scenario names.
    users: [
      {
        name: 'bench',
        weight: 1,
        think: { kind: 'none' },
        tasks: [
          {
            name: 'all',
            weight: 1,
            steps: Array.from(
              { length: entries },
              (_, e) =>
                ({
                  kind: 'request',
                  name: `/api/endpoint-${e}`,
                  method: e % 3 === 0 ? 'POST' : 'GET',
                }) as RequestStep,
            ),
          },
        ],
        loops: [],
        start: [],
        stop: [],
      },
    ],
    trackers: [],
    thresholds: [],
    output: {},
  };
  const sink = process.argv.includes('--prometheus') ? await sinkReceiver() : undefined;
  let prometheus: PrometheusOutput | undefined;
  if (sink) {
    const opened = await openPrometheusOutput(
      { remoteWrite: sink.url, listen: { host: '127.0.0.1', port: 0 }, labels: { team: 'bench' } },
      silentLogger,
    );
    if ('problem' in opened) throw new Error(opened.problem);
    prometheus = opened;
  }
  let address!: (a: string) => void;
  const bound = new Promise<string>((r) => (address = r));
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let wallAtStart = 0;
  let snapshots = 0;
  const handle = startRun({
    scenarioPath: 'bench',
    source: '{}',
    scenario,
    // Every ZeroMQ connection is CURVE-encrypted with keys from this token (the simulated workers get it in their environment).
    overrides: { expectWorkers: workers, token: BENCH_TOKEN },
    log: {
      debug: () => undefined,
      info: (m) => /listening on (\S+)/.exec(m)?.[1] && address(/listening on (\S+)/.exec(m)![1]),
      warn: (m) => console.error(m),
      error: (m) => console.error(m),
    },
    onSnapshot: (s, point) => {
      if (s.state !== 'starting') {
        recorder?.onSnapshot(s, point);
        prometheus?.onSnapshot(s, point);
      }
      // Measure from the first running snapshot: the handshakes are not the steady state.
      if (s.state === 'running' && !cpuAtStart) {
        cpuAtStart = process.cpuUsage();
        wallAtStart = performance.now();
      }
      snapshots++;
    },
  });
  const sims = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      process.env.BENCH_WORKERS ?? path.join(__dirname, 'bench-master-workers.ts'),
      await bound,
      String(workers),
      String(entries),
      String(rps),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, STAMPEDE_TOKEN: BENCH_TOKEN } },
  );
  let out = '';
  sims.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  // Simulated workers that die before the run ends would leave the master waiting for them forever.
  let simsFailed: string | undefined;
  sims.once('exit', (code, signal) => {
    if (code === 0) return;
    simsFailed = `the simulated workers exited (${signal ?? `code ${code}`})`;
    void handle.stop({ now: true });
  });
  const result = await handle.done;
  const written = await recorder?.finish(result);
  if (prometheus) await prometheus.finish(result);
  const cpu = process.cpuUsage(cpuAtStart);
  const wall = performance.now() - wallAtStart;
  if (sims.exitCode === null && sims.signalCode === null) await new Promise((r) => sims.once('exit', r));
  if (simsFailed) throw new Error(simsFailed);
  const { bytesPerReport } = JSON.parse(out) as { bytesPerReport: number };
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const merged = result.snapshot.workers.reduce((a, w) => a + w.requests, 0);
  console.log(
    `${workers} simulated workers x ${entries} entries, ${rps} req/s each, ${(wall / 1000).toFixed(1)} s measured, ${snapshots} snapshots`,
  );
  console.log(
    `master process: ${cpuMs.toFixed(0)} ms CPU = ${((cpuMs / wall) * 100).toFixed(1)} % of a core (zmq receive + decode + dedupe + merge + heartbeats + snapshots)`,
  );
  console.log(
    `per report: ${((cpuMs * 1000) / ((workers * wall) / 1000)).toFixed(0)} us master CPU, ${bytesPerReport.toFixed(0)} bytes on the wire`,
  );
  if (sink) {
    console.log(
      `prometheus: ${(sink.bytes() / snapshots / 1024).toFixed(1)} KiB remote-write body per snapshot`,
    );
    sink.close();
  }
  console.log(
    `merged ${merged} requests (total ${result.snapshot.total.requests}); error: ${result.error ?? 'none'}`,
  );
  if (recorder) console.log(`PostgreSQL recorder wrote: ${written?.join(', ') || 'nothing'}`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(3);
});
