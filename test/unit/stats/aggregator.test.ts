import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode as unpack, encode as pack } from '@msgpack/msgpack';
import { createStatsCollector } from '../../../engine/stats/collector';
import { createStatsAggregator } from '../../../engine/stats/aggregator';
import type { StatsReport } from '../../../common/protocol/engine';
import { rng, samples } from './samples';

const T0 = 1_700_000_000_000; // epoch ms, a whole second

interface Sample {
  at: number;
  name: string;
  method: string;
  ms: number;
  error?: string;
}

function workload(n: number): Sample[] {
  const r = rng(11);
  const lat = samples('lognormal around 20 ms', n, 12);
  const names: Array<[string, string]> = [['/products', 'GET'], ['/cart', 'POST'], ['/cart', 'GET'], ['login', 'POST']];
  return lat.map((ms, i) => {
    const [name, method] = names[Math.floor(r() * names.length)];
    const fail = r() < 0.05;
    return { at: T0 + Math.floor((i / n) * 30_000), name, method, ms, error: fail ? (r() < 0.5 ? 'HTTP 500' : 'ECONNRESET') : undefined };
  });
}

/** Feeds samples into a collector with a fake clock, draining every 1 s of fake time. */
function collect(list: Sample[]): Array<Omit<StatsReport, 'trackers'>> {
  let now = T0;
  const c = createStatsCollector({ now: () => now });
  const reports = [];
  let nextDrain = T0 + 1000;
  for (const s of list) {
    while (s.at >= nextDrain) {
      reports.push(c.drain());
      nextDrain += 1000;
    }
    now = s.at;
    const rec = c.entry(s.name, s.method);
    if (s.error) rec.failure(s.ms, 10, s.error);
    else rec.success(s.ms, 100);
  }
  reports.push(c.drain());
  // Every report crosses the wire as msgpack, like between processes.
  return reports.map((r) => unpack(pack(r)) as Omit<StatsReport, 'trackers'>);
}

test('two workers merged by the aggregator equal one collector fed every sample', () => {
  const all = workload(40_000);
  const single = createStatsAggregator();
  for (const r of collect(all)) single.add(r);
  const merged = createStatsAggregator();
  const a = collect(all.filter((_, i) => i % 2 === 0));
  const b = collect(all.filter((_, i) => i % 2 === 1));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (b[i]) merged.add(b[i]);
    if (a[i]) merged.add(a[i]);
  }
  const now = T0 + 30_500;
  const want = single.view(30_500, now);
  const got = merged.view(30_500, now);
  // Means are float sums added in another order: compare them with a tolerance, the rest exactly.
  const strip = (v: typeof want) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'meanMs' ? Math.round(x * 1e6) : x)));
  assert.deepEqual(strip(got), strip(want));

  assert.equal(got.total.requests, all.length);
  assert.equal(got.total.failures, all.filter((s) => s.error).length);
  assert.deepEqual(got.entries.map((e) => `${e.name} ${e.method}`), ['/cart GET', '/cart POST', '/products GET', 'login POST']);
  assert.equal(got.total.name, 'Aggregated');
  assert.equal(got.total.method, '');
  assert.equal(got.entries.reduce((n, e) => n + e.requests, 0), all.length);
  assert.equal(got.errors.reduce((n, e) => n + e.count, 0), got.total.failures);
  for (let i = 1; i < got.errors.length; i++) assert.ok(got.errors[i - 1].count >= got.errors[i].count);
  const sorted = all.map((s) => s.ms).sort((x, y) => x - y);
  assert.equal(got.total.maxMs, sorted[sorted.length - 1]);
  assert.equal(got.total.minMs, sorted[0]);
  assert.ok(Math.abs(got.total.percentiles.p95 - sorted[Math.ceil(0.95 * sorted.length) - 1]) <= sorted[Math.ceil(0.95 * sorted.length) - 1] * 0.001);
  assert.equal(got.total.percentiles.p100, got.total.maxMs);
  assert.ok(Math.abs(got.total.rps - all.length / 30.5) < 1e-9);
  assert.equal(got.total.bytes, all.reduce((n, s) => n + (s.error ? 10 : 100), 0));
});

test('the current window holds the last 10 s only: rps, failures/s and percentiles', () => {
  const agg = createStatsAggregator();
  let now = T0;
  const c = createStatsCollector({ now: () => now });
  const rec = c.entry('/slow-then-fast', 'GET');
  // 20 s: the first 10 s at 100 ms and 10 req/s, the last 10 s at 5 ms and 20 req/s with 2 failures/s.
  for (let sec = 0; sec < 20; sec++) {
    const fast = sec >= 10;
    for (let i = 0; i < (fast ? 20 : 10); i++) {
      now = T0 + sec * 1000 + i * 10;
      if (fast && i < 2) rec.failure(5, 0, 'HTTP 503');
      else rec.success(fast ? 5 : 100, 0);
    }
    now = T0 + (sec + 1) * 1000; // the worker drains as the second ends
    agg.add(c.drain());
  }
  const v = agg.view(20_500, T0 + 20_500);
  const e = v.entries[0];
  assert.equal(e.requests, 300);
  assert.equal(e.currentRps, 20);
  assert.equal(e.currentFailuresPerSec, 2);
  assert.equal(e.current.p99, 5);
  // The whole run mixes both halves (within the histogram's 0.1 %); the window holds only the fast one.
  assert.ok(Math.abs(e.percentiles.p50 - 5) <= 0.005);
  assert.ok(Math.abs(e.percentiles.p75 - 100) <= 0.1);
  assert.equal(v.total.currentRps, 20);
  assert.equal(v.total.current.p95, 5);

  // Later, with no new reports, the window empties.
  const later = agg.view(40_000, T0 + 40_000);
  assert.equal(later.entries[0].currentRps, 0);
  assert.equal(later.entries[0].current.p50, 0);
  assert.equal(later.entries[0].requests, 300);
});

test('early in a run current rps divides by the seconds run so far, not by 10', () => {
  const agg = createStatsAggregator();
  let now = T0;
  const c = createStatsCollector({ now: () => now });
  for (let sec = 0; sec < 3; sec++) {
    for (let i = 0; i < 50; i++) {
      now = T0 + sec * 1000 + i;
      c.entry('x', 'GET').success(1, 0);
    }
    agg.add(c.drain());
  }
  assert.equal(agg.view(3_200, T0 + 3_200).total.currentRps, 50);
});

test('a run that starts mid-second: current rps is the true rate from the second second on', () => {
  // 100 requests/s, evenly spaced, from T0 + 0.5 s; the worker drains every second from its start.
  const start = T0 + 500;
  let now = start;
  const c = createStatsCollector({ now: () => now });
  const agg = createStatsAggregator();
  const rec = c.entry('x', 'GET');
  let next = start;
  for (let drainAt = start + 1000; drainAt <= start + 12_000; drainAt += 1000) {
    for (; next < drainAt; next += 10) {
      now = next;
      rec.success(1, 0);
    }
    now = drainAt;
    agg.add(c.drain(), 'w1');
    // The master's snapshot comes a little after the report.
    const viewAt = drainAt + 300;
    const rps = agg.view(viewAt - start, viewAt).total.currentRps;
    if (viewAt - start >= 2000) assert.ok(Math.abs(rps - 100) <= 3, `at ${viewAt - start} ms: ${rps} req/s, want 100 within 3 %`);
  }
});

test('current rates count only the seconds every worker has reported', () => {
  // Two workers at 50 req/s each; w2's report for the latest second has not arrived yet.
  const agg = createStatsAggregator();
  const clocks = { w1: T0, w2: T0 };
  const collectors = {
    w1: createStatsCollector({ now: () => clocks.w1 }),
    w2: createStatsCollector({ now: () => clocks.w2 }),
  };
  const runFor = (id: 'w1' | 'w2', fromSec: number, toSec: number): void => {
    for (let sec = fromSec; sec < toSec; sec++) {
      for (let i = 0; i < 50; i++) {
        clocks[id] = T0 + sec * 1000 + i * 20;
        collectors[id].entry('x', 'GET').success(1, 0);
      }
      clocks[id] = T0 + (sec + 1) * 1000;
      agg.add(collectors[id].drain(), id);
    }
  };
  runFor('w1', 0, 5);
  runFor('w2', 0, 4);
  const v = agg.view(5_200, T0 + 5_200);
  assert.equal(v.total.currentRps, 100, 'seconds 0-3 from both workers; second 4 waits for w2');
  assert.equal(v.lastSecond.rps, 100);
});

test('the chart point is the last complete second: a step in load shows as a step', () => {
  const agg = createStatsAggregator();
  let now = T0;
  const c = createStatsCollector({ now: () => now });
  const points: number[] = [];
  const windowed: number[] = [];
  for (let sec = 0; sec < 20; sec++) {
    const perSecond = sec < 10 ? 20 : 40; // the users double at 10 s
    for (let i = 0; i < perSecond; i++) {
      now = T0 + sec * 1000 + i;
      c.entry('x', 'GET').success(1, 0);
    }
    now = T0 + (sec + 1) * 1000;
    agg.add(c.drain(), 'w1');
    const v = agg.view(now + 100 - T0, now + 100);
    points.push(v.lastSecond.rps);
    windowed.push(v.total.currentRps);
  }
  assert.deepEqual(points.slice(8, 12), [20, 20, 40, 40]);
  // The 10-second window (the live "current rps") ramps instead: 22 req/s one second after the step.
  assert.equal(windowed[10], 22);
});

test('a late report for a second that left the window still counts in the totals', () => {
  const agg = createStatsAggregator();
  let now = T0;
  const c = createStatsCollector({ now: () => now });
  c.entry('x', 'GET').success(7, 0);
  const late = c.drain();
  now = T0 + 30_000;
  c.entry('x', 'GET').success(3, 0);
  agg.add(c.drain());
  assert.equal(agg.view(30_500, T0 + 30_500).total.current.p50, 3);
  agg.add(late);
  const v = agg.view(31_000, T0 + 31_000);
  assert.equal(v.total.requests, 2);
  assert.equal(v.total.maxMs, 7);
  assert.equal(v.total.current.p99, 3);
});

test('open model: iterations started/dropped and intended latency are merged', () => {
  const agg = createStatsAggregator();
  for (let w = 0; w < 2; w++) {
    const c = createStatsCollector({ now: () => T0 });
    for (let i = 1; i <= 100; i++) {
      c.iterationStarted();
      c.recordIntended(i + w * 100);
    }
    c.iterationDropped();
    agg.add(c.drain());
  }
  const v = agg.view(1000, T0 + 1000);
  assert.ok(v.arrival);
  assert.equal(v.arrival.started, 200);
  assert.equal(v.arrival.dropped, 2);
  assert.equal(v.arrival.intended.max, 200);
  assert.ok(Math.abs(v.arrival.intended.p50 - 100) <= 0.1);
  assert.equal(createStatsAggregator().view(0, T0).arrival, undefined);
});

test('a drain resets the collector; an idle collector reports nothing', () => {
  const c = createStatsCollector({ now: () => T0 });
  const rec = c.entry('a', 'GET');
  assert.equal(c.entry('a', 'GET'), rec);
  rec.failure(3, 1, 'boom');
  const first = c.drain();
  assert.equal(first.entries.length, 1);
  assert.deepEqual(first.entries[0].perSecond, [[T0 / 1000, 1, 1]]);
  assert.deepEqual(first.errors, [{ name: 'a', method: 'GET', error: 'boom', count: 1 }]);
  const second = c.drain();
  assert.deepEqual(second, { entries: [], errors: [], intervalStartMs: T0, intervalEndMs: T0 });
});
