// Test data at scale: a 1,000,000-row, ~60 MB CSV. Measures, each in a fresh process, the master's
// load (read + parse once) and the slicing + msgpack encoding of every row for one worker, and a
// worker decoding those slices (through the protocol guard) and holding all rows (a sequential
// set), plus a worker holding unique leases only. Prints the median of 3 runs of each.
//   npx tsx scripts/bench-data.ts            (writes the CSV to a temporary folder first)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDataSets, MasterData } from '../engine/data/masterData';
import { WorkerData } from '../engine/data/workerData';
import { decodeMasterToWorker, encodeMessage } from '../engine/transport/codec';
import type { DataSetSpec, Scenario } from '../scenario/model';

const ROWS = 1_000_000;

function writeCsv(file: string): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'id,email,password,name,city\r\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += `${i},user${i}@example.test,pw-${(i * 7919) % 1000003},"Customer, ${i}",City ${i % 500}\r\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(out, chunk);
      chunk = '';
    }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

function spec(pick: DataSetSpec['pick']): DataSetSpec {
  return { name: 'accounts', file: 'accounts.csv', pick, per: 'iteration', onExhausted: 'stop' };
}

/** CPU time of this process (user + system): wall time means little on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Heap still in use after a full collection: what the process holds, not what it passed through. */
function retainedMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

function peakMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** One measurement in this process; prints a JSON line. */
function child(role: string, dir: string): void {
  const scenarioPath = path.join(dir, 's.load.yaml');
  const t0 = performance.now();
  if (role === 'master') {
    const sets = loadDataSets({ data: [spec('sequential')] } as Scenario, scenarioPath);
    const loadedMs = performance.now() - t0;
    const loadCpuMs = cpuMs();
    const loadPeakMiB = peakMiB();
    const loadRetainedMiB = retainedMiB();
    const master = new MasterData(sets);
    let bytes = 0;
    const parts: Buffer[] = [];
    for (const m of master.rowMessages()) {
      const b = encodeMessage(m);
      bytes += b.length;
      parts.push(b);
    }
    // The encoded slices (what one worker is sent), for the worker measurement: length-prefixed frames.
    const frames = fs.openSync(path.join(dir, 'frames.bin'), 'w');
    for (const p of parts) {
      const len = Buffer.alloc(4);
      len.writeUInt32LE(p.length);
      fs.writeSync(frames, len);
      fs.writeSync(frames, p);
    }
    fs.closeSync(frames);
    const sendMs = performance.now() - t0 - loadedMs;
    console.log(
      JSON.stringify({
        loadMs: loadedMs,
        loadCpuMs,
        loadPeakMiB,
        loadRetainedMiB,
        encodeMs: sendMs,
        wireMiB: bytes / 2 ** 20,
        slices: parts.length,
        peakMiB: peakMiB(),
      }),
    );
  } else if (role === 'worker') {
    const all = fs.readFileSync(path.join(dir, 'frames.bin'));
    const data = new WorkerData(
      [{ name: 'accounts', columns: ['id', 'email', 'password', 'name', 'city'], rows: ROWS, unique: false }],
      new Set(),
      new Set(),
      () => undefined,
      0,
    );
    for (let at = 0; at < all.length;) {
      const len = all.readUInt32LE(at);
      const msg = decodeMasterToWorker(all.subarray(at + 4, at + 4 + len));
      if (msg?.kind !== 'dataRows') throw new Error('not a dataRows message');
      data.addRows(msg);
      at += 4 + len;
    }
    const row = data.take('accounts');
    if (!Array.isArray(row)) throw new Error('no row');
    const receiveMs = performance.now() - t0;
    const cpu = cpuMs();
    console.log(JSON.stringify({ receiveMs, cpuMs: cpu, peakMiB: peakMiB(), retainedMiB: retainedMiB() }));
  } else if (role === 'master-unique') {
    // The master for a unique set: it keeps the rows and sends only leased blocks.
    const sets = loadDataSets({ data: [spec('unique')] } as Scenario, scenarioPath);
    const master = new MasterData(sets);
    let leased = 0;
    for (;;) {
      const out = master.lease('accounts', 1000);
      if (out.kind !== 'grant' || out.message.exhausted) break;
      leased += out.message.rows.length;
      encodeMessage(out.message);
    }
    if (leased !== ROWS) throw new Error(`leased ${leased}`);
    console.log(
      JSON.stringify({ loadAndLeaseAllMs: performance.now() - t0, cpuMs: cpuMs(), peakMiB: peakMiB() }),
    );
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const [, , role, dir] = process.argv;
  if (role) return child(role, dir);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-bench-data-'));
  try {
    writeCsv(path.join(tmp, 'accounts.csv'));
    const size = fs.statSync(path.join(tmp, 'accounts.csv')).size;
    console.log(`file: ${ROWS} rows, ${(size / 2 ** 20).toFixed(1)} MiB`);
    for (const r of ['master', 'worker', 'master-unique']) {
      const runs: Array<Record<string, number>> = [];
      for (let i = 0; i < 3; i++) {
        const p = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, r, tmp], {
          encoding: 'utf8',
        });
        if (p.status !== 0) throw new Error(p.stderr);
        runs.push(JSON.parse(p.stdout.trim().split('\n').pop()!) as Record<string, number>);
      }
      const keys = Object.keys(runs[0]);
      console.log(
        `${r}: ${keys.map((k) => `${k} ${median(runs.map((x) => x[k])).toFixed(1)} (${runs.map((x) => x[k].toFixed(0)).join(', ')})`).join('; ')}`,
      );
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
