// The "export" of the results panel: the run as JSON (the JSON recorder's document: snapshot +
// history) or as CSV (the CSV recorder's per-entry stats with Locust's columns, aggregate last).
// The formats come from engine/recorders, so a panel export and the CLI's files are the same.
// Pure: the panel writes the text where the person chose.
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import { statsCsv } from '../../engine/recorders/csvRecorder';
import { JSON_RESULT_FORMAT } from '../../engine/recorders/jsonRecorder';

export interface RunExport {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
}

export function runToJson(run: RunExport): string {
  return `${JSON.stringify({ format: JSON_RESULT_FORMAT, snapshot: run.snapshot, history: run.history }, null, 1)}\n`;
}

export function entriesToCsv(snapshot: RunSnapshot): string {
  return statsCsv(snapshot);
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
