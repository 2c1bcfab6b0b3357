// Own sparse histogram vs hdr-histogram-js (JS and WASM): recording cost, encoded size, and the
// master's cost of merging one encoded report into a total. Run through scripts/bench-merge.ts --histograms.
import * as hdr from 'hdr-histogram-js';
import { Histogram } from '../engine/stats/histogram';

function lognormal(n: number): number[] {
  let s = 1;
  const r = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return Array.from({ length: n }, () => 20 * Math.exp(0.8 * Math.sqrt(-2 * Math.log(r())) * Math.cos(2 * Math.PI * r())));
}

/**
 * ns per operation of `fn` doing `n` operations: the best of 5 timed calls after a warm-up (the
 * machine is shared, so the minimum is the least disturbed measurement).
 */
function nsPerOp(fn: () => void, n: number): number {
  fn();
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / n);
  }
  return best;
}

function each(values: number[], f: (v: number) => void): () => void {
  return () => {
    for (let i = 0; i < values.length; i++) f(values[i]);
  };
}

export async function compareHistograms(): Promise<void> {
  await hdr.initWebAssembly();
  const ms = lognormal(1_000_000);
  const us = ms.map((v) => Math.max(1, Math.round(v * 1000)));
  const mk = (wasm: boolean): hdr.Histogram =>
    hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: wasm, bitBucketSize: 32 });
  const own = new Histogram();
  const hj = mk(false);
  const hw = mk(true);
  console.log('record, ns per value:');
  console.log(`  own ${nsPerOp(each(ms, (v) => own.record(v)), ms.length).toFixed(1)}`);
  console.log(`  hdr-histogram-js (JS) ${nsPerOp(each(us, (v) => hj.recordValue(v)), us.length).toFixed(1)}`);
  console.log(`  hdr-histogram-js (WASM) ${nsPerOp(each(us, (v) => hw.recordValue(v)), us.length).toFixed(1)}`);
  console.log('merge one encoded interval into a total (decode + add), us; encoded size:');
  for (const n of [10, 100, 1000, 10_000]) {
    const o = new Histogram();
    const j = mk(false);
    for (let i = 0; i < n; i++) {
      o.record(ms[i]);
      j.recordValue(us[i]);
    }
    const oe = o.encode();
    const je = hdr.encodeIntoCompressedBase64(j);
    const ot = new Histogram();
    const jt = mk(false);
    const wt = mk(true);
    const reps = 200;
    const a = nsPerOp(() => {
      for (let r = 0; r < reps; r++) ot.addEncoded(oe);
    }, reps) / 1000;
    const b = nsPerOp(() => {
      for (let r = 0; r < reps; r++) jt.add(hdr.decodeFromCompressedBase64(je, 32, false));
    }, reps) / 1000;
    const c = nsPerOp(() => {
      for (let r = 0; r < reps; r++) {
        const d = hdr.decodeFromCompressedBase64(je, 32, true);
        wt.add(d);
        d.destroy();
      }
    }, reps) / 1000;
    console.log(`  ${n} samples: own ${a.toFixed(1)} us (${oe.length} B binary) | HDR JS ${b.toFixed(1)} us, WASM ${c.toFixed(1)} us (${je.length} B base64)`);
  }
  hw.destroy();
}
