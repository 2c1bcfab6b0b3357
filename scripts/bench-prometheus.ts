// What the Prometheus output costs the master per snapshot (one a second), at 50 entries (the
// snapshot does not grow with workers; its workers list is not exported): building the samples,
// the /metrics text, the remote-write series with their protobuf + Snappy body, and the POST to a
// receiver on loopback (in this process, draining the body: its share is included, so the POST
// figure is an upper bound).
// CPU time (process.cpuUsage), not wall time, so a busy machine skews it less; medians of 5 runs.
//
//   node --import tsx scripts/bench-prometheus.ts [--entries 50] [--snapshots 200]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PERCENTILES, type EntryStats, type Percentiles, type RunSnapshot } from '../common/snapshot';
import { postWriteRequest } from '../engine/recorders/prometheusPusher';
import { toTimeSeries } from '../engine/recorders/prometheusRecorder';
import { writeRequestBody } from '../engine/recorders/prometheusRemoteWrite';
import { snapshotSamples } from '../engine/recorders/prometheusSeries';
import { formatExposition } from '../engine/recorders/prometheusText';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function entry(name: string, method: string, i: number): EntryStats {
  const p = Object.fromEntries(PERCENTILES.map((q) => [`p${q}`, 1 + q * 0.37 + i])) as Percentiles;
  return {
    name,
    method,
    requests: 100_000 + i,
    failures: i,
    minMs: 0.5,
    maxMs: 900,
    meanMs: 12.5,
    bytes: 1e7,
    rps: 2000,
    currentRps: 2000,
    currentFailuresPerSec: 1,
    percentiles: p,
    current: p,
  };
}

function snapshot(entries: number, second: number): RunSnapshot {
  const list = Array.from({ length: entries }, (_, e) =>
    entry(`/api/endpoint-${e}`, e % 3 ? 'GET' : 'POST', e + second),
  );
  return {
    runId: '5b0e4b55-0d77-4a39-9a51-62c0b8a4cd1e',
    scenario: 'bench',
    state: 'running',
    startedAt: Date.now(),
    elapsedMs: second * 1000,
    stage: { index: 0, count: 1 },
    users: 1000,
    targetUsers: 1000,
    total: entry('Aggregated', '', 0),
    entries: list,
    errors: [],
    workers: Array.from({ length: 100 }, (_, w) => ({
      id: `w${w}`,
      host: 'h',
      pid: w,
      state: 'running' as const,
      users: 10,
      requests: 1e5,
      cpu: 0.5,
      loopDelayMs: 1,
    })),
    trackers: [
      {
        metric: 'job latency',
        stage: 0,
        users: 1000,
        count: 5000,
        min: 1,
        mean: 300,
        p50: 300,
        p90: 320,
        p95: 330,
        p99: 360,
        max: 400,
        incomplete: 3,
        dropped: 0,
      },
    ],
    generator: { cpu: 0.5, loopDelayMs: 1, saturated: false },
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuUs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};

async function main(): Promise<void> {
  const entries = arg('entries', 50);
  const n = arg('snapshots', 200);
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (d: Buffer) => (bytes += d.length));
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`;
  const base: Array<[string, string]> = [
    ['run', 'r'],
    ['team', 'bench'],
  ];
  const snaps = Array.from({ length: n }, (_, i) => snapshot(entries, i));
  const build: number[] = [];
  const text: number[] = [];
  const body: number[] = [];
  const post: number[] = [];
  let series = 0;
  for (let run = 0; run < 6; run++) {
    let t = process.cpuUsage();
    const all = snaps.map((s) => snapshotSamples(s, base));
    const b = cpuUs(t) / n;
    t = process.cpuUsage();
    for (const s of all) formatExposition(s);
    const x = cpuUs(t) / n;
    t = process.cpuUsage();
    const ts = all.map((s, i) => toTimeSeries(s, 1e12 + i));
    for (const s of ts) writeRequestBody({ timeseries: s });
    const w = cpuUs(t) / n;
    t = process.cpuUsage();
    for (const s of ts.slice(0, 50)) await postWriteRequest(url, s);
    const p = cpuUs(t) / 50; // the POST builds its body again: this figure includes `body`
    series = all[0].length;
    if (run === 0) continue; // warm-up
    build.push(b);
    text.push(x);
    body.push(w);
    post.push(p);
  }
  server.close();
  const total = median(build) + median(text) + median(post);
  console.log(
    `${entries} entries: ${series} series per snapshot, ${(bytes / (50 * 6) / 1024).toFixed(1)} KiB remote-write body`,
  );
  console.log(
    `per snapshot (us CPU, medians of 5): samples ${median(build).toFixed(0)}, /metrics text ${median(text).toFixed(0)}, ` +
      `protobuf + snappy ${median(body).toFixed(0)}, the POST with its body ${median(post).toFixed(0)}; ` +
      `in all ${total.toFixed(0)} us = ` +
      `${(total / 1e4).toFixed(2)} % of a core at one snapshot a second`,
  );
}

void main();
