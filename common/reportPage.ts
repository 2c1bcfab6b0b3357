// What the HTML report's page script (webview/report/, bundled to dist/report.js) reads from the
// report: the run's data, embedded by the engine (engine/recorders/htmlReport.ts) as a JSON block
// the script parses. One type for the writer and the reader, as for any message between two sides.
import type { HistoryPoint, RunSnapshot } from './snapshot';

/** A stage change seen during the run: elapsed ms when the master moved to stage `index` (0-based). */
export interface StageMark {
  t: number;
  index: number;
  label: string;
}

export interface ReportPageData {
  snapshot: RunSnapshot;
  history: HistoryPoint[];
  stages: StageMark[];
}

/** The id of the `<script type="application/json">` element that holds the ReportPageData. */
export const REPORT_DATA_ID = 'report-data';
/** The id of the element the charts are drawn into. */
export const REPORT_CHARTS_ID = 'charts';
/** The theme button: cycles the page between the system's theme, light and dark. */
export const REPORT_THEME_BUTTON_ID = 'theme-toggle';

/** Is this what the report embeds? Checks what the page script reads. */
export function isReportPageData(v: unknown): v is ReportPageData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<ReportPageData>;
  return (
    typeof d.snapshot === 'object' &&
    d.snapshot !== null &&
    Array.isArray(d.history) &&
    d.history.every((p) => typeof p?.t === 'number') &&
    Array.isArray(d.stages) &&
    d.stages.every((s) => typeof s?.t === 'number' && typeof s.label === 'string')
  );
}
