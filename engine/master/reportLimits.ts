// What the master accepts from an authenticated worker before it merges anything. A worker holds
// the token, but its numbers still cross a process boundary: a bug, a mismatched build or a
// compromised load machine must not poison the run's summary (negative counts, NaN, 1e308 ms,
// 100,000 invented entry names, a histogram that does not decode). A report or heartbeat that
// breaks a rule is dropped whole (the master logs which worker sent it and why) and the run goes on.
// Pure: no I/O, so every rule is unit-tested on its own.
import type {
  ExternalStarts,
  TrackerReport,
  WireEntry,
  WireError,
  WireStatsReport,
  WorkerToMaster,
} from '../../common/protocol/engine';
import type { Scenario } from '../../scenario/model';
import { EntryTable } from '../stats/entryTable';
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
  /** The request table: a report's entries and errors name an index into it (protocol 3). */
  table: EntryTable;
  /** `METHOD name` of every request step (failure samples name their entry). */
  entries: Set<string>;
  trackerMetrics: Set<string>;
  /** Metrics of trackers that end with an event from outside (their starts go to the master). */
  externalMetrics: Set<string>;
}

export function reportLimitsFor(scenario: Scenario): ReportLimits {
  const table = EntryTable.forScenario(scenario);
  const entries = new Set<string>();
  for (let i = 0; i < table.size; i++) {
    const { name, method } = table.at(i)!;
    entries.add(`${method} ${name}`);
  }
  return {
    table,
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

/** `METHOD name` of the table's entry at `index`, or undefined when the table has none there. */
function entryName(index: unknown, limits: ReportLimits): string | undefined {
  if (!Number.isSafeInteger(index) || (index as number) < 0 || (index as number) >= limits.table.size)
    return undefined;
  const { name, method } = limits.table.at(index as number)!;
  return `${method} ${name}`;
}

const noSuchEntry = (what: string, index: unknown, limits: ReportLimits): string =>
  `${what} names entry ${quoted(index)}, which is not a request of the scenario (it has ${limits.table.size})`;

/** Entry indices already seen in the report being checked (stamped with the report's number: no clearing). */
let seenStamp = new Uint32Array(0);
let stamp = 0;

function checkEntry(e: WireEntry, limits: ReportLimits): Problem {
  if (!Array.isArray(e) || e.length !== 9) return 'an entry that is not a list of 9 fields';
  const index = e[0];
  const name = entryName(index, limits);
  if (name === undefined) return noSuchEntry('an entry', index, limits);
  const where = `entry ${quoted(name)}`;
  if (seenStamp[index] === stamp) return `${where} appears twice in one report`;
  seenStamp[index] = stamp;
  const requests = e[1];
  const failures = e[2];
  // The object for the message is built only when a count is bad (50,000 entries a second pass here).
  if (!isCount(requests) || !isCount(failures) || !isCount(e[6]))
    return checkCounts(where, { requests, failures, bytes: e[6] });
  if (failures > requests) return `${where}: more failures than requests`;
  // Protocol 3 carries entries' histograms as bytes only (no base64 text).
  if (!(e[7] instanceof Uint8Array)) return `${where}: the histogram is missing`;
  const problem = checkRange(where, requests, e[4], e[5], e[3]) ?? checkHistogram(where, e[7], requests);
  if (problem) return problem;
  const perSecond = e[8];
  if (!Array.isArray(perSecond) || perSecond.length % 3 !== 0 || perSecond.length > 3 * MAX_SECONDS_PER_ENTRY)
    return `${where}: bad per-second rows`;
  for (let k = 0; k < perSecond.length; k += 3) {
    const r = perSecond[k + 1];
    const f = perSecond[k + 2];
    if (!isCount(perSecond[k]) || !isCount(r) || !isCount(f) || f > r || r > requests)
      return `${where}: a per-second row ${quoted(JSON.stringify(perSecond.slice(k, k + 3)))} does not add up`;
  }
  return undefined;
}

function checkError(e: WireError, limits: ReportLimits): Problem {
  if (!Array.isArray(e) || e.length !== 3) return 'an error that is not a list of 3 fields';
  if (entryName(e[0], limits) === undefined) return noSuchEntry('an error', e[0], limits);
  if (!isString(e[1], MAX_ERROR_TEXT)) return `an error text longer than ${MAX_ERROR_TEXT} characters`;
  return checkCounts('an error', { count: e[2] });
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

function checkStats(stats: WireStatsReport, limits: ReportLimits): Problem {
  if (!Array.isArray(stats.entries) || !Array.isArray(stats.errors) || !Array.isArray(stats.trackers))
    return 'entries, errors or trackers are not lists';
  if (stats.entries.length > limits.table.size)
    return `${stats.entries.length} entries for a scenario of ${limits.table.size} requests`;
  if (stats.errors.length > MAX_ERRORS_PER_REPORT)
    return `${stats.errors.length} distinct errors (at most ${MAX_ERRORS_PER_REPORT})`;
  if (seenStamp.length < limits.table.size) seenStamp = new Uint32Array(limits.table.size);
  // A new stamp per report; on wrap-around the marks of 4 billion reports ago are cleared once.
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
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
