// What the master accepts from an authenticated worker before it merges anything. A worker holds
// the token, but its numbers still cross a process boundary: a bug, a mismatched build or a
// compromised load machine must not poison the run's summary (negative counts, NaN, 1e308 ms,
// 100,000 invented entry names, a histogram that does not decode). A report or heartbeat that
// breaks a rule is dropped whole (the master logs which worker sent it and why) and the run goes on.
// Pure: no I/O, so every rule is unit-tested on its own.
import type {
  EntryReport,
  ExternalStarts,
  StatsReport,
  TrackerReport,
  WorkerToMaster,
} from '../../common/protocol/engine';
import type { ErrorStats } from '../../common/snapshot';
import { allSteps } from '../../scenario/index';
import type { Scenario } from '../../scenario/model';
import { checkEncoded } from '../stats/histogram';
import { checkSamples } from './sampleLimits';

/** A response time or tracked duration above a day is no measurement. */
export const MAX_DURATION_MS = 24 * 3600 * 1000;
/** Distinct error texts one report may carry, and their length. */
export const MAX_ERRORS_PER_REPORT = 1000;
export const MAX_ERROR_TEXT = 2000;
/** Per-second rows per entry in one report (reports come every second; a slow one may span more). */
export const MAX_SECONDS_PER_ENTRY = 600;
/** Users and counts one worker may claim. */
export const MAX_USERS = 1_000_000;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/** External tracker starts one report may carry (the worker keeps no more per interval), and a key's length. */
export const MAX_EXTERNAL_STARTS_PER_REPORT = 50_000;
export const MAX_EXTERNAL_KEY = 512;

/** What a report may name: taken from the scenario the master sent. */
export interface ReportLimits {
  /** `METHOD name` of every request step. */
  entries: Set<string>;
  trackerMetrics: Set<string>;
  /** Metrics of trackers that end with an event from outside (their starts go to the master). */
  externalMetrics: Set<string>;
}

export function reportLimitsFor(scenario: Scenario): ReportLimits {
  const entries = new Set<string>();
  for (const step of allSteps(scenario))
    if (step.kind === 'request') entries.add(`${step.method} ${step.name}`);
  return {
    entries,
    trackerMetrics: new Set(scenario.trackers.map((t) => t.metric)),
    externalMetrics: new Set(scenario.trackers.filter((t) => t.external).map((t) => t.metric)),
  };
}

type Problem = string | undefined;

const isCount = (v: unknown): boolean =>
  Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_COUNT;
const isDuration = (v: unknown): boolean =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_DURATION_MS;
const isShare = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1024;
const isString = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const quoted = (v: unknown): string => JSON.stringify(String(v).slice(0, 60));

function checkCounts(where: string, fields: Record<string, unknown>): Problem {
  for (const [name, v] of Object.entries(fields))
    if (!isCount(v)) return `${where}: ${name} ${quoted(v)} is not a non-negative integer`;
  return undefined;
}

/** min and max of something that counted `count` values: durations, or ±Infinity when it counted none. */
function checkRange(where: string, count: number, min: unknown, max: unknown, total: unknown): Problem {
  if (count === 0) return undefined;
  if (!isDuration(min) || !isDuration(max) || (min as number) > (max as number))
    return `${where}: min/max ${quoted(min)}/${quoted(max)} are not durations of at most ${MAX_DURATION_MS} ms`;
  if (typeof total !== 'number' || !Number.isFinite(total) || total < 0 || total > count * MAX_DURATION_MS)
    return `${where}: total ${quoted(total)} is not a sum of ${count} durations`;
  return undefined;
}

function checkHistogram(where: string, encoded: unknown, count: number): Problem {
  if (!(encoded instanceof Uint8Array) && typeof encoded !== 'string')
    return `${where}: the histogram is missing`;
  try {
    // Walks the buckets in place: decoding them into arrays cost as much as the merge itself.
    const h = checkEncoded(encoded);
    if (h.count !== count)
      return `${where}: the histogram holds ${h.count} values, the counters say ${count}`;
    if (h.bucketTotal !== count)
      return `${where}: the histogram's buckets hold ${h.bucketTotal} values, its header says ${count}`;
  } catch (err) {
    return `${where}: the histogram does not decode (${(err as Error).message})`;
  }
  return undefined;
}

function checkEntry(e: EntryReport, limits: ReportLimits): Problem {
  if (!isString(e?.name, 10_000) || !isString(e?.method, 16)) return 'an entry without a name or method';
  const where = `entry ${quoted(`${e.method} ${e.name}`)}`;
  if (!limits.entries.has(`${e.method} ${e.name}`)) return `${where} is not a request of the scenario`;
  const problem =
    checkCounts(where, { requests: e.requests, failures: e.failures, bytes: e.bytes }) ??
    (e.failures > e.requests ? `${where}: more failures than requests` : undefined) ??
    checkRange(where, e.requests, e.minMs, e.maxMs, e.totalMs) ??
    checkHistogram(where, e.histogram, e.requests);
  if (problem) return problem;
  if (!Array.isArray(e.perSecond) || e.perSecond.length > MAX_SECONDS_PER_ENTRY)
    return `${where}: bad per-second rows`;
  for (const row of e.perSecond) {
    if (
      !Array.isArray(row) ||
      row.length !== 3 ||
      !row.every(isCount) ||
      row[2] > row[1] ||
      row[1] > e.requests
    )
      return `${where}: a per-second row ${quoted(JSON.stringify(row))} does not add up`;
  }
  return undefined;
}

function checkError(e: ErrorStats, limits: ReportLimits): Problem {
  if (!isString(e?.name, 10_000) || !isString(e?.method, 16) || !limits.entries.has(`${e.method} ${e.name}`))
    return `an error of ${quoted(`${e?.method} ${e?.name}`)}, which is not a request of the scenario`;
  if (!isString(e.error, MAX_ERROR_TEXT)) return `an error text longer than ${MAX_ERROR_TEXT} characters`;
  return checkCounts('an error', { count: e.count });
}

function checkTracker(t: TrackerReport, limits: ReportLimits): Problem {
  if (!isString(t?.metric, 10_000) || !limits.trackerMetrics.has(t.metric))
    return `tracker ${quoted(t?.metric)} is not a tracker of the scenario`;
  const where = `tracker ${quoted(t.metric)}`;
  return (
    checkCounts(where, {
      stage: t.stage,
      users: t.users,
      count: t.count,
      incomplete: t.incomplete,
      dropped: t.dropped,
    }) ??
    checkRange(where, t.count, t.minMs, t.maxMs, t.totalMs) ??
    checkHistogram(where, t.histogram, t.count)
  );
}

function checkStats(stats: StatsReport, limits: ReportLimits): Problem {
  if (!Array.isArray(stats.entries) || !Array.isArray(stats.errors) || !Array.isArray(stats.trackers))
    return 'entries, errors or trackers are not lists';
  if (stats.entries.length > limits.entries.size)
    return `${stats.entries.length} entries for a scenario of ${limits.entries.size} requests`;
  if (stats.errors.length > MAX_ERRORS_PER_REPORT)
    return `${stats.errors.length} distinct errors (at most ${MAX_ERRORS_PER_REPORT})`;
  for (const e of stats.entries) {
    const p = checkEntry(e, limits);
    if (p) return p;
  }
  for (const e of stats.errors) {
    const p = checkError(e, limits);
    if (p) return p;
  }
  for (const t of stats.trackers) {
    const p = checkTracker(t, limits);
    if (p) return p;
  }
  const samples = checkSamples(stats.samples, limits.entries);
  if (samples) return samples;
  if (stats.externalStarts !== undefined) {
    const p = checkExternalStarts(stats.externalStarts, limits);
    if (p) return p;
  }
  if (stats.arrival !== undefined) {
    const a = stats.arrival;
    const p = checkCounts('arrival', { started: a?.started, dropped: a?.dropped });
    if (p) return p;
    return checkHistogram('arrival', a.intendedHistogram, decodedCount(a.intendedHistogram));
  }
  return undefined;
}

const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e15;

function checkExternalStarts(x: ExternalStarts, limits: ReportLimits): Problem {
  if (typeof x !== 'object' || x === null || !isTime(x.clockMs) || !Array.isArray(x.starts))
    return 'external starts without a clock or a list';
  if (x.starts.length > MAX_EXTERNAL_STARTS_PER_REPORT)
    return `${x.starts.length} external starts (at most ${MAX_EXTERNAL_STARTS_PER_REPORT})`;
  for (const s of x.starts) {
    if (!isString(s?.metric, 10_000) || !limits.externalMetrics.has(s.metric))
      return `external start of ${quoted(s?.metric)}, which is not a tracker ending with an event from outside`;
    if (!isCount(s.stage) || !isString(s.key, MAX_EXTERNAL_KEY) || !isTime(s.atMs))
      return `external start of ${quoted(s.metric)}: bad stage, key (at most ${MAX_EXTERNAL_KEY} characters) or time`;
  }
  return undefined;
}

/** The intended-start histogram has no counter beside it: only its own header must be sane. */
function decodedCount(encoded: unknown): number {
  try {
    const h = checkEncoded(encoded as Uint8Array);
    return h.count === h.bucketTotal ? h.count : -1;
  } catch {
    return -1;
  }
}

/** Why a worker's heartbeat or report must not be used, or undefined when it may be. */
export function checkWorkerNumbers(msg: WorkerToMaster, limits: ReportLimits): Problem {
  if (msg.kind !== 'heartbeat' && msg.kind !== 'report') return undefined;
  if (!isCount(msg.users) || msg.users > MAX_USERS) return `users ${quoted(msg.users)} is not a user count`;
  if (!isShare(msg.cpu) || !isDuration(msg.loopDelayMs)) return 'cpu or loop delay out of range';
  if (msg.kind === 'heartbeat') return undefined;
  if (!isCount(msg.seq) || typeof msg.final !== 'boolean') return 'a report without a sequence number';
  if (typeof msg.stats !== 'object' || msg.stats === null) return 'a report without stats';
  return checkStats(msg.stats, limits);
}
