// A self-contained HTML report of a finished run, as complete as Locust's report and k6's
// dashboard export: charts per second (requests and failures, percentiles, users; stage
// boundaries marked), every table, the settings and the scenario's text. One file with no
// network: the page script (chart.js included) and the stylesheet are inline, admitted by a CSP
// of their hashes only (`default-src 'none'`), and the run's data is a JSON block the script
// reads. Light and dark themes follow the system, and a button switches them.
import crypto from 'node:crypto';
import { formatCount, formatPercent, formatRate } from '../../common/format';
import {
  REPORT_CHARTS_ID,
  REPORT_DATA_ID,
  REPORT_THEME_BUTTON_ID,
  type ReportPageData,
  type StageMark,
} from '../../common/reportPage';
import type { Logger } from '../log';
import { writeWhole } from './fileWriter';
import {
  arrivalSection,
  checksSection,
  errorsSection,
  escapeHtml,
  requestsSection,
  scenarioSection,
  settingsSection,
  thresholdsSection,
  trackersSection,
  workersSection,
} from './htmlReportSections';
import { REPORT_CSS } from './htmlReportStyle';
import { reportPageScript } from './reportScript';
import { buildRunReport, stageLabel, type RunReport } from './runReport';
import type { Recorder, RecorderContext } from './types';

export { escapeHtml } from './htmlReportSections';

/** Marks a file as a Stampede report, so a later run may replace it (formatMarkers.ts). */
export const HTML_GENERATOR_META = '<meta name="generator" content="Stampede">';

const sha256 = (text: string): string =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The report's CSP: nothing but its own inline script and stylesheet (by hash); no request of any kind. */
export function reportCsp(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function header(r: RunReport): string {
  const s = r.snapshot;
  const started = new Date(r.startedAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const passed = r.outcome.exitCode === 0;
  const tiles: Array<[string, string]> = [
    ['Requests', formatCount(s.total.requests)],
    [
      'Failures',
      `${formatCount(s.total.failures)} (${formatPercent(s.total.requests ? s.total.failures / s.total.requests : 0)})`,
    ],
    ['req/s', formatRate(s.total.rps)],
    ['p95 (ms)', s.total.requests ? String(+s.total.percentiles.p95.toFixed(2)) : '–'],
    ['Users', formatCount(s.targetUsers)],
    ['Duration', `${(r.elapsedMs / 1000).toFixed(1)} s`],
  ];
  const nav = [
    ['over-time', 'Charts'],
    ['requests', 'Requests'],
    ...(r.thresholds.length ? [['thresholds', 'Thresholds']] : []),
    ...(r.checks.length ? [['checks', 'Checks']] : []),
    ...(s.errors.length ? [['errors', 'Errors']] : []),
    ...(s.trackers.length ? [['trackers', 'Trackers']] : []),
    ...(s.workers.length ? [['workers', 'Workers']] : []),
    ...(r.settings.length ? [['settings', 'Settings']] : []),
    ...(r.source !== undefined ? [['scenario', 'Scenario']] : []),
  ];
  return `<header><div><h1>${escapeHtml(r.scenario)}</h1>
<p class="muted">run ${escapeHtml(r.runId)} · started ${started} · ${escapeHtml(s.state)}</p></div>
<button id="${REPORT_THEME_BUTTON_ID}" type="button">Theme: system</button></header>
<p class="verdict${passed ? '' : ' fail'}" id="verdict">${passed ? 'Passed' : 'Failed'}: ${escapeHtml(r.outcome.message)}</p>
<div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><span class="muted">${k}</span><b>${escapeHtml(v)}</b></div>`).join('')}</div>
<nav>${nav.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav>`;
}

/** JSON inside `<script type="application/json">`: `<` escaped, so no text can close the element. */
function jsonBlock(data: ReportPageData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function renderHtmlReport(r: RunReport): string {
  const s = r.snapshot;
  const script = reportPageScript();
  const data: ReportPageData = { snapshot: s, history: r.history, stages: r.stages };
  const warnings = [
    s.generator.saturated
      ? `The load generator was saturated: ${s.generator.reason ?? 'high CPU'}. Latencies may be the generator's, not the server's.`
      : '',
    s.cancelledAtStop
      ? `${s.cancelledAtStop} request(s) were still in flight when the grace period ran out; they are not counted.`
      : '',
    s.usersOutOfData ? `${s.usersOutOfData} user(s) stopped for want of test data.` : '',
  ].filter(Boolean);
  const body = [
    header(r),
    ...warnings.map((w) => `<p class="verdict fail">${escapeHtml(w)}</p>`),
    `<h2 id="over-time">Over time</h2><div id="${REPORT_CHARTS_ID}"></div>`,
    r.history.length ? '' : '<p class="muted">No history (the run ended before its first second).</p>',
    requestsSection(s),
    thresholdsSection(r),
    checksSection(r),
    errorsSection(s),
    trackersSection(s),
    arrivalSection(s),
    workersSection(s),
    settingsSection(r),
    scenarioSection(r),
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
${HTML_GENERATOR_META}
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(script, REPORT_CSS))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.scenario)} · Stampede report</title>
<style>${REPORT_CSS}</style>
</head><body>
${body.join('\n')}
<script type="application/json" id="${REPORT_DATA_ID}">${jsonBlock(data)}</script>
<script>${script}</script>
</body></html>
`;
}

export function createHtmlRecorder(file: string, log: Logger, ctx: RecorderContext): Recorder {
  // Stage changes as the master published them, so the charts mark when each stage really began.
  const stages: StageMark[] = [];
  return {
    onSnapshot(snapshot, point) {
      const { index, count } = snapshot.stage;
      if (index > 0 && stages[stages.length - 1]?.index !== index)
        stages.push({ t: point.t, index, label: stageLabel(ctx.about?.scenario, index, count) });
    },
    async finish(result) {
      let html: string;
      try {
        html = renderHtmlReport(buildRunReport(result, ctx.about, stages));
      } catch (err) {
        log.error(
          `could not write the HTML report to ${file}: ${err instanceof Error ? err.message : String(err)}`,
        );
        return [];
      }
      return (await writeWhole(log, 'HTML report', file, html)) ? [file] : [];
    },
  };
}
