// CSV files like Locust's `--csv`: BASE_stats.csv and BASE_failures.csv at the end, and
// BASE_stats_history.csv appended once per snapshot (the Aggregated row, Locust's default), with
// its percentiles over the current 10 s window, as Locust's are. Times in ms, as Locust writes them.
import { PERCENTILES, type EntryStats, type HistoryPoint, type RunSnapshot } from '../../common/snapshot';
import type { Logger } from '../log';
import { AppendFile, writeWhole } from './fileWriter';
import type { Recorder } from './types';

/** Locust's percentile headers (`50%` ... `99.9%` ... `100%`), one per PERCENTILES entry. */
const PERCENTILE_COLUMNS = PERCENTILES.map((p) => `${p}%`);

export const STATS_HEADER = [
  'Type',
  'Name',
  'Request Count',
  'Failure Count',
  'Median Response Time',
  'Average Response Time',
  'Min Response Time',
  'Max Response Time',
  'Average Content Size',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_COLUMNS,
];
export const FAILURES_HEADER = ['Method', 'Name', 'Error', 'Occurrences'];
export const HISTORY_HEADER = [
  'Timestamp',
  'User Count',
  'Type',
  'Name',
  'Requests/s',
  'Failures/s',
  ...PERCENTILE_COLUMNS,
  'Total Request Count',
  'Total Failure Count',
  'Total Median Response Time',
  'Total Average Response Time',
  'Total Min Response Time',
  'Total Max Response Time',
  'Total Average Content Size',
];

/**
 * RFC 4180 field: quoted when it holds a comma, a quote or a line break. Texts come from the
 * scenario and the target (request names, error messages): one that a spreadsheet would read as a
 * formula (a leading =, +, -, @, tab or carriage return) gets a leading ' (OWASP's CSV injection rule).
 */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '';
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: Array<string | number>): string => `${fields.map(csvField).join(',')}\n`;

function statsRow(e: EntryStats, elapsedMs: number): Array<string | number> {
  const secs = elapsedMs / 1000;
  return [
    e.method,
    e.name,
    e.requests,
    e.failures,
    e.percentiles.p50,
    e.meanMs,
    e.minMs,
    e.maxMs,
    e.requests > 0 ? e.bytes / e.requests : 0,
    e.rps,
    secs > 0 ? e.failures / secs : 0,
    ...Object.values(e.percentiles),
  ];
}

export function statsCsv(s: RunSnapshot): string {
  return [STATS_HEADER, ...s.entries.map((e) => statsRow(e, s.elapsedMs)), statsRow(s.total, s.elapsedMs)]
    .map(line)
    .join('');
}

export function failuresCsv(s: RunSnapshot): string {
  return [FAILURES_HEADER, ...s.errors.map((e) => [e.method, e.name, e.error, e.count])].map(line).join('');
}

/** Rates are the last complete second's (a step shows as a step); percentiles cover the last 10 s. */
function historyRow(s: RunSnapshot, point: HistoryPoint): string {
  const t = s.total;
  return line([
    Math.floor((s.startedAt + s.elapsedMs) / 1000),
    s.users,
    '',
    t.name,
    point.rps,
    point.failuresPerSec,
    ...PERCENTILES.map((p) => t.current[`p${p}`]),
    t.requests,
    t.failures,
    t.percentiles.p50,
    t.meanMs,
    t.minMs,
    t.maxMs,
    t.requests > 0 ? t.bytes / t.requests : 0,
  ]);
}

export function createCsvRecorder(base: string, log: Logger): Recorder {
  const history = new AppendFile(log, 'CSV history', `${base}_stats_history.csv`);
  let historyStarted = false;
  return {
    onSnapshot(snapshot, point) {
      if (!historyStarted) history.append(line(HISTORY_HEADER));
      historyStarted = true;
      history.append(historyRow(snapshot, point));
    },
    async finish(result) {
      const written: string[] = [];
      const stats = `${base}_stats.csv`;
      const failures = `${base}_failures.csv`;
      if (await writeWhole(log, 'CSV stats', stats, statsCsv(result.snapshot))) written.push(stats);
      if (await writeWhole(log, 'CSV failures', failures, failuresCsv(result.snapshot)))
        written.push(failures);
      if (!historyStarted) {
        history.append(line(HISTORY_HEADER));
        historyStarted = true;
      }
      if (await history.done()) written.push(history.file);
      return written;
    },
  };
}
