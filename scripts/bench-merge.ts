// Master merge cost (issue 5, "Performance"): feeds a StatsAggregator the reports of simulated
// workers (default 100 workers x 50 entries, 1 report per second, 20 s of data) and measures the
// master's CPU per second of run, the bytes per report on the wire (msgpack), and the worker's
// cost of building a report. Reports are generated first (not measured), then merged as the
// master does: decode each message with the engine's codec (msgpack), add it, and build one
// view per second.
//
//   node --import tsx scripts/bench-merge.ts [--workers 100] [--entries 50] [--seconds 20] [--rps 2000]
//   node --import tsx scripts/bench-merge.ts --histograms   (own histogram vs hdr-histogram-js)
//   ... --profile FILE.cpuprofile   (a V8 CPU profile of the merge loop alone, not the generation)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { WorkerToMaster } from '../common/protocol/engine';
import { decodeWorkerToMaster, encodeMessage } from '../engine/transport/codec';
import { checkWorkerNumbers, reportLimitsFor } from '../engine/master/reportLimits';
import { createStatsAggregator } from '../engine/stats/aggregator';
import type { Scenario } from '../scenario/model';
import { createStatsCollector } from '../engine/stats/collector';
import { EntryTable } from '../engine/stats/entryTable';
import { toWireStats } from '../engine/stats/wireStats';
import { compareHistograms } from './bench-merge.histograms';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A fast seeded PRNG (the benchmark must be repeatable). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `work` under the V8 profiler and writes the profile to `file` (the inspector's calls are synchronous in-process). */
function profiled(file: string | undefined, work: () => void): void {
  if (!file) return work();
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  try {
    work();
  } finally {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(file, JSON.stringify(result.profile));
      session.disconnect();
    });
  }
}

/** The request entries the simulated workers report, as a scenario's steps: the master's report checks accept only those. */
function benchScenario(names: string[]): Scenario {
  return {
    users: [
      {
        tasks: [
          {
            steps: names.map((name, e) => ({ kind: 'request', name, method: e % 3 === 0 ? 'POST' : 'GET' })),
          },
        ],
        start: [],
        stop: [],
        loops: [],
      },
    ],
    trackers: [],
  } as unknown as Scenario;
}

function mergeBench(): void {
  const workers = arg('workers', 100);
  const entries = arg('entries', 50);
  const seconds = arg('seconds', 20);
  const rpsPerWorker = arg('rps', 2000);
  const profileAt = process.argv.indexOf('--profile');
  const profileFile = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
  const t0 = 1_700_000_000_000;
  const names = Array.from({ length: entries }, (_, i) => `/api/endpoint-${i}`);
  const limits = reportLimitsFor(benchScenario(names));
  // The workers' request table, built from the same scenario as the master's (protocol 3).
  const workerTable = EntryTable.forScenario(benchScenario(names));

  // Generate: one collector per worker (reused across its seconds, as a real worker does), fed a
  // second of samples, drained and packed by the engine's codec.
  const wire: Buffer[][] = Array.from({ length: seconds }, () => []); // [second][worker]
  let drainCpu = 0;
  let bytes = 0;
  for (let w = 0; w < workers; w++) {
    let now = t0;
    const c = createStatsCollector({ now: () => now });
    for (let sec = 0; sec < seconds; sec++) {
      const r = rng(sec * 7919 + w);
      for (let i = 0; i < rpsPerWorker; i++) {
        now = t0 + sec * 1000 + Math.floor((i / rpsPerWorker) * 1000);
        const e = Math.floor(r() * entries);
        // Lognormal-ish latency, a different median per entry, 1 % failures.
        const ms = (2 + e) * Math.exp(0.6 * (r() + r() + r() - 1.5));
        const rec = c.entry(names[e], e % 3 === 0 ? 'POST' : 'GET');
        if (r() < 0.01) rec.failure(ms, 0, r() < 0.5 ? 'HTTP 500' : 'ECONNRESET');
        else rec.success(ms, 512);
      }
      const before = cpuMs();
      const stats = toWireStats({ ...c.drain(), trackers: [] }, workerTable);
      const msg = encodeMessage({
        kind: 'report',
        workerId: `w${w}`,
        seq: sec,
        final: false,
        users: 10,
        cpu: 0.5,
        loopDelayMs: 1,
        stats,
      });
      drainCpu += cpuMs() - before;
      bytes += msg.length;
      wire[sec].push(msg);
    }
  }

  // The decoding share alone (a separate pass, for the breakdown).
  const decodeBefore = cpuMs();
  for (const row of wire) for (const msg of row) decodeWorkerToMaster(msg);
  const decodeCpu = cpuMs() - decodeBefore;

  // The master's report checks (engine/master/reportLimits.ts) alone, also a separate pass: the
  // whole master runs them before each merge (scripts/bench-master.ts measures that path).
  const decoded = wire.flat().map((msg) => decodeWorkerToMaster(msg) as WorkerToMaster);
  const checksBefore = cpuMs();
  for (const m of decoded) {
    const problem = checkWorkerNumbers(m, limits);
    if (problem) throw new Error(`the master would drop a report: ${problem}`);
  }
  const checksCpu = cpuMs() - checksBefore;

  // Merge as the master does, one simulated second at a time, with one view per second.
  const agg = createStatsAggregator(limits.table);
  let requests = 0;
  let mergeCpu = 0;
  let wall = 0;
  profiled(profileFile, () => {
    const before = cpuMs();
    const wallBefore = process.hrtime.bigint();
    for (let sec = 0; sec < seconds; sec++) {
      for (const msg of wire[sec]) {
        const m = decodeWorkerToMaster(msg) as Extract<WorkerToMaster, { kind: 'report' }>;
        agg.addWire(m.stats, m.workerId);
      }
      requests = agg.view((sec + 1) * 1000, t0 + (sec + 1) * 1000 + 500).total.requests;
    }
    mergeCpu = cpuMs() - before;
    wall = Number(process.hrtime.bigint() - wallBefore) / 1e6;
  });
  if (requests !== workers * rpsPerWorker * seconds)
    throw new Error(`merged ${requests} requests, expected ${workers * rpsPerWorker * seconds}`);

  const reports = workers * seconds;
  const cpuPct = (mergeCpu / (seconds * 1000)) * 100;
  const bytesPerReport = bytes / reports;
  console.log(
    `workers ${workers} x entries ${entries}, ${rpsPerWorker} req/s per worker, ${seconds} s of reports (${reports} reports, ${requests} requests)`,
  );
  console.log(
    `master: merge + 1 view/s = ${mergeCpu.toFixed(0)} ms CPU for ${seconds} s of run = ${cpuPct.toFixed(2)} % of a core (wall ${wall.toFixed(0)} ms)`,
  );
  console.log(
    `master: ${((mergeCpu * 1000) / reports).toFixed(0)} us CPU per report, of which msgpack decoding ${((decodeCpu * 1000) / reports).toFixed(0)} us`,
  );
  console.log(
    `master: report checks (reportLimits, run before each merge; not in the figure above) ${((checksCpu * 1000) / reports).toFixed(0)} us CPU per report`,
  );
  const wholeUs = ((mergeCpu + checksCpu) * 1000) / reports;
  console.log(
    `master: whole per-report path (decode + checks + merge + view) ${wholeUs.toFixed(0)} us CPU per report = ${(wholeUs / 10).toFixed(1)} % of a core at 1,000 reports/s`,
  );
  console.log(
    `wire: ${bytesPerReport.toFixed(0)} bytes per report (msgpack), ${((bytesPerReport * workers) / 1024).toFixed(0)} KiB/s into the master`,
  );
  console.log(`worker: drain + pack ${((drainCpu * 1000) / reports).toFixed(0)} us CPU per report`);
  console.log(
    `x10 workers on paper: ${(cpuPct * 10).toFixed(1)} % of a core, ${((bytesPerReport * workers * 10) / 1024 / 1024).toFixed(2)} MiB/s`,
  );
}

if (process.argv.includes('--histograms')) void compareHistograms();
else mergeBench();
