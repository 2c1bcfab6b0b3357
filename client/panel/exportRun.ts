// The "export" of the results panel: the run as JSON (snapshot + history) or as CSV (per-entry
// stats with Locust's columns, the aggregated row last). Pure: the panel writes the text to disk.
// TODO(stats engineer): switch to engine/recorders' writers once they exist, so the CLI's files and
// the panel's exports are byte-for-byte the same format.
import type { HistoryPoint, PercentileKey, RunSnapshot, EntryStats } from '../../common/snapshot';
import { PERCENTILES } from '../../common/snapshot';

export interface RunExport {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
}

export function runToJson(run: RunExport): string {
  return (
    JSON.stringify(
      { format: 'stampede-run', version: 1, snapshot: run.snapshot, history: run.history },
      null,
      2,
    ) + '\n'
  );
}

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const PERCENTILE_COLUMNS = PERCENTILES.map((p) => `${p}%`);

export function entriesToCsv(snapshot: RunSnapshot): string {
  const header = [
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
  const row = (e: EntryStats): string[] => {
    const seconds = snapshot.elapsedMs / 1000;
    return [
      csvField(e.method),
      csvField(e.name),
      csvField(e.requests),
      csvField(e.failures),
      csvField(e.percentiles.p50),
      csvField(e.meanMs),
      csvField(e.requests ? e.minMs : 0),
      csvField(e.maxMs),
      csvField(e.requests ? e.bytes / e.requests : 0),
      csvField(e.rps),
      csvField(seconds > 0 ? e.failures / seconds : 0),
      ...PERCENTILES.map((p) => csvField(e.percentiles[`p${p}` as PercentileKey])),
    ];
  };
  const lines = [header.map(csvField), ...snapshot.entries.map(row), row(snapshot.total)];
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** A file name for the save dialog, e.g. `shop-checkout-2026-11-23T12-30-00.json`. */
export function exportFileName(snapshot: RunSnapshot, format: 'json' | 'csv'): string {
  const slug =
    snapshot.scenario
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'run';
  const time = new Date(snapshot.startedAt).toISOString().slice(0, 19).replace(/:/g, '-');
  return `${slug}-${time}.${format}`;
}
