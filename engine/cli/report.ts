// The final report on a terminal, like Locust's: per entry and total, percentiles, errors,
// workers, duration trackers and thresholds. Input is the master's final snapshot; nothing here
// computes a statistic.
import type { EntryStats, RunSnapshot } from '../../common/snapshot';
import { trackerCells } from '../recorders/trackerCells';
import { WORKER_HEADERS, WORKER_NUMERIC, workerCells } from '../recorders/workerCells';
import { formatMs, formatPercent, formatRate, renderTable } from './format';
import { failureSamplesSection } from './sampleReport';

function entryRows(s: RunSnapshot): EntryStats[] {
  return [...s.entries, s.total];
}

function label(e: EntryStats): [string, string] {
  return [e.method, e.name];
}

export function statsTable(s: RunSnapshot): string {
  const rows = entryRows(s).map((e) => [
    ...label(e),
    String(e.requests),
    `${e.failures} (${formatPercent(e.failures, e.requests)})`,
    formatMs(e.meanMs),
    formatMs(e.requests ? e.minMs : NaN),
    formatMs(e.requests ? e.maxMs : NaN),
    formatMs(e.percentiles.p50),
    e.requests ? String(Math.round(e.bytes / e.requests)) : '0',
    formatRate(e.rps),
    formatRate(e.failures && s.elapsedMs ? e.failures / (s.elapsedMs / 1000) : 0),
  ]);
  return renderTable(
    ['Type', 'Name', '# reqs', '# fails', 'Avg', 'Min', 'Max', 'Med', 'Size', 'req/s', 'fail/s'],
    rows,
    [false, false, true, true, true, true, true, true, true, true, true],
  );
}

export function percentileTable(s: RunSnapshot): string {
  const keys = ['p50', 'p66', 'p75', 'p80', 'p90', 'p95', 'p98', 'p99', 'p99.9', 'p99.99', 'p100'] as const;
  const rows = entryRows(s).map((e) => [
    ...label(e),
    ...keys.map((k) => formatMs(e.percentiles[k])),
    String(e.requests),
  ]);
  return renderTable(['Type', 'Name', ...keys.map((k) => `${k.slice(1)}%`), '# reqs'], rows, [
    false,
    false,
    ...keys.map(() => true),
    true,
  ]);
}

export function errorTable(s: RunSnapshot): string {
  const rows = s.errors.map((e) => [String(e.count), e.method, e.name, e.error]);
  return renderTable(['# occurrences', 'Type', 'Name', 'Error'], rows, [true, false, false, false]);
}

export function workerTable(s: RunSnapshot): string {
  return renderTable([...WORKER_HEADERS], s.workers.map(workerCells), [...WORKER_NUMERIC]);
}

export function trackerTable(s: RunSnapshot): string {
  const t = trackerCells(s);
  return renderTable(t.headers, t.rows, t.numeric);
}

/** Iterations starting a median this much later than their responses take mean a generator behind schedule. */
const LATE_START_MS = 10;

/** The whole final report, sections separated by blank lines; empty sections are left out. */
export function finalReport(s: RunSnapshot): string {
  const parts = [
    `Response times in ms; ${s.total.requests} requests in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    statsTable(s),
    percentileTable(s),
  ];
  if (s.errors.length) parts.push(`Errors\n${errorTable(s)}`);
  const samples = failureSamplesSection(s.errors);
  if (samples) parts.push(samples);
  if (s.workers.length > 1 || s.workers.some((w) => w.state === 'missing'))
    parts.push(`Workers\n${workerTable(s)}`);
  if (s.trackers.length) parts.push(`Duration trackers (ms, per stage)\n${trackerTable(s)}`);
  if (s.eventSources?.length)
    parts.push(
      `Events from outside: ${s.eventSources.map((e) => `\`${e.name}\` ${e.received} received, ${e.malformed} malformed${e.reconnects ? `, ${e.reconnects} reconnects` : ''}`).join('; ')}`,
    );
  if (s.arrival) {
    const a = s.arrival;
    parts.push(
      `Open model: ${a.started} iterations started, ${a.dropped} dropped (no free user). ` +
        `Latency from intended start: p50 ${formatMs(a.intended.p50)}, p95 ${formatMs(a.intended.p95)}, p99 ${formatMs(a.intended.p99)}, max ${formatMs(a.intended.max)} ms`,
    );
    if (a.dropped > 0) parts.push(droppedWarning(s));
  }
  if (s.usersOutOfData) {
    const n = s.usersOutOfData;
    parts.push(
      `Test data: ${n} user${n === 1 ? '' : 's'} stopped for want of data (a \`pick: unique\` data set ran out; \`onExhausted: wrap\` reuses rows, a larger file gives more)`,
    );
  }
  if (s.cancelledAtStop)
    parts.push(
      `Cancelled at stop: ${s.cancelledAtStop} request(s) were still in flight when the grace period (load.gracefulStop) ran out; they are not counted as requests or failures.`,
    );
  if (s.generator.saturated) {
    parts.push(
      `WARNING: the load generator was saturated (${s.generator.reason ?? 'CPU or event-loop delay'}); the server may be faster than these figures show.`,
    );
  }
  if (s.thresholds?.length) {
    const lines = s.thresholds.map(
      (t) =>
        `  ${t.ok ? 'PASS' : 'FAIL'}  ${t.source}  (actual ${Number.isFinite(t.actual) ? +t.actual.toFixed(3) : 'n/a'})`,
    );
    parts.push(`Thresholds\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

/**
 * Why iterations were dropped and what to change. Every user was busy when they were due; users
 * needed is about the arrival rate x the time from intended start to the end of an iteration
 * (Little's law). When iterations also started late (from-intended-start p50 well above the
 * response p50), the load generator fell behind its schedule: more users would not help.
 */
export function droppedWarning(s: RunSnapshot): string {
  const a = s.arrival!;
  const all = a.started + a.dropped;
  const share = all > 0 ? (100 * a.dropped) / all : 0;
  const cap = a.maxUsers !== undefined ? `all ${a.maxUsers} users (maxUsers)` : 'every user (maxUsers)';
  const lateMs = a.intended.p50 - s.total.percentiles.p50;
  const fix =
    s.generator.saturated || lateMs > LATE_START_MS
      ? `the load generator fell behind its schedule (iterations started a median ${formatMs(Math.max(0, lateMs))} ms late): add workers or cores for the generator, then raise \`maxUsers\` if drops remain`
      : 'raise `maxUsers` (about arrival rate x p99 from intended start, in seconds, with headroom) or give the target more capacity';
  return `WARNING: ${a.dropped} of ${all} iterations (${share.toFixed(share < 1 ? 2 : 1)} %) were dropped: ${cap} were busy when they were due. Fix: ${fix}.`;
}
