// A self-contained HTML report of a finished run: tables and an inline SVG chart of requests/s
// and p95 over time. No scripts, no remote resources: it opens anywhere, offline, and can be
// attached to a CI run as it is.
import type { EntryStats, HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Logger } from '../log';
import { failureSamplesHtml } from './failureSamplesHtml';
import { writeWhole } from './fileWriter';
import type { Recorder } from './types';

/** Marks a file as a Stampede report, so a later run may replace it (formatMarkers.ts). */
export const HTML_GENERATOR_META = '<meta name="generator" content="Stampede">';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(3));

/** A table of text cells (escaped); `bad(i)` marks row i in the failure colour. */
function table(head: string[], rows: string[][], bad: (i: number) => boolean = () => false): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const trs = rows
    .map(
      (r, i) =>
        `<tr${bad(i) ? ' class="bad"' : ''}>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

function entryRow(e: EntryStats): string[] {
  const p = e.percentiles;
  return [
    e.method,
    e.name,
    String(e.requests),
    String(e.failures),
    ms(e.meanMs),
    ms(e.minMs),
    ms(e.maxMs),
    ms(p.p50),
    ms(p.p90),
    ms(p.p95),
    ms(p.p99),
    ms(p['p99.9']),
    fmt(e.rps),
  ];
}

/** Two lines on one chart, each scaled to its own axis (rps left, p95 right). */
export function historyChart(history: HistoryPoint[], width = 860, height = 260): string {
  if (history.length === 0)
    return '<p class="muted">No history (the run ended before its first snapshot).</p>';
  const pad = { l: 56, r: 64, t: 16, b: 28 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const tMax = Math.max(1, history[history.length - 1].t);
  const rpsMax = Math.max(1, ...history.map((p) => p.rps));
  const p95Max = Math.max(1, ...history.map((p) => p.p95));
  const x = (t: number): string => (pad.l + (t / tMax) * w).toFixed(1);
  const y = (v: number, max: number): string => (pad.t + h - (v / max) * h).toFixed(1);
  const line = (pick: (p: HistoryPoint) => number, max: number): string =>
    history.map((p) => `${x(p.t)},${y(pick(p), max)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="requests per second and p95 over time">
<rect x="${pad.l}" y="${pad.t}" width="${w}" height="${h}" fill="none" stroke="#8884"/>
<polyline fill="none" stroke="#2a7ae2" stroke-width="2" points="${line((p) => p.rps, rpsMax)}"/>
<polyline fill="none" stroke="#e2662a" stroke-width="2" points="${line((p) => p.p95, p95Max)}"/>
<text x="${pad.l - 6}" y="${pad.t + 10}" text-anchor="end" fill="#2a7ae2">${fmt(rpsMax, 0)}</text>
<text x="${pad.l - 6}" y="${pad.t + h}" text-anchor="end" fill="#2a7ae2">0</text>
<text x="${pad.l + w + 6}" y="${pad.t + 10}" fill="#e2662a">${ms(p95Max)} ms</text>
<text x="${pad.l + w + 6}" y="${pad.t + h}" fill="#e2662a">0</text>
<text x="${pad.l}" y="${height - 8}" fill="currentColor">0 s</text>
<text x="${pad.l + w}" y="${height - 8}" text-anchor="end" fill="currentColor">${fmt(tMax / 1000, 0)} s</text>
<text x="${pad.l + w / 2}" y="${height - 8}" text-anchor="middle"><tspan fill="#2a7ae2">requests/s (each second)</tspan> <tspan fill="#e2662a">p95 over the last 10 s (ms)</tspan></text>
</svg>`;
}

export function renderHtmlReport(s: RunSnapshot, history: HistoryPoint[], error?: string): string {
  const parts: string[] = [];
  const started = new Date(s.startedAt)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  parts.push(`<h1>${escapeHtml(s.scenario)}</h1>`);
  parts.push(
    `<p class="muted">run ${escapeHtml(s.runId)} · started ${started} · ${fmt(s.elapsedMs / 1000)} s · ${s.targetUsers} users · ${escapeHtml(s.state)}</p>`,
  );
  if (error) parts.push(`<p class="bad">The run did not complete: ${escapeHtml(error)}</p>`);
  if (s.thresholds?.length) {
    parts.push('<h2>Thresholds</h2>');
    const thresholds = s.thresholds;
    parts.push(
      table(
        ['', 'threshold', 'actual'],
        thresholds.map((t) => [t.ok ? 'pass' : 'FAIL', t.source, fmt(t.actual, 2)]),
        (i) => !thresholds[i].ok,
      ),
    );
  }
  parts.push('<h2>Requests</h2>');
  parts.push(
    table(
      [
        'Method',
        'Name',
        'Requests',
        'Fails',
        'Mean',
        'Min',
        'Max',
        'p50',
        'p90',
        'p95',
        'p99',
        'p99.9',
        'RPS',
      ],
      [...s.entries.map(entryRow), entryRow(s.total)],
    ),
  );
  parts.push('<p class="muted">Times in milliseconds.</p>');
  parts.push('<h2>Over time</h2>', historyChart(history));
  if (s.errors.length) {
    parts.push('<h2>Errors</h2>');
    parts.push(
      table(
        ['Count', 'Method', 'Name', 'Error'],
        s.errors.map((e) => [String(e.count), e.method, e.name, e.error]),
      ),
    );
    parts.push(failureSamplesHtml(s.errors));
  }
  if (s.trackers.length) {
    parts.push('<h2>Duration trackers</h2>');
    parts.push(
      table(
        ['Metric', 'Stage', 'Users', 'Count', 'Min', 'Mean', 'p50', 'p90', 'p95', 'p99', 'Max', 'Incomplete'],
        s.trackers.map((t) => [
          t.metric,
          String(t.stage),
          String(t.users),
          String(t.count),
          ms(t.min),
          ms(t.mean),
          ms(t.p50),
          ms(t.p90),
          ms(t.p95),
          ms(t.p99),
          ms(t.max),
          String(t.incomplete),
        ]),
      ),
    );
  }
  if (s.arrival) {
    const a = s.arrival;
    parts.push('<h2>Arrivals (open model)</h2>');
    parts.push(
      table(
        ['Started', 'Dropped', 'p50 from intended start', 'p95', 'p99', 'Max'],
        [
          [
            String(a.started),
            String(a.dropped),
            ms(a.intended.p50),
            ms(a.intended.p95),
            ms(a.intended.p99),
            ms(a.intended.max),
          ],
        ],
      ),
    );
  }
  if (s.workers.length) {
    parts.push('<h2>Workers</h2>');
    parts.push(
      table(
        ['Id', 'Host', 'PID', 'State', 'Users', 'Requests', 'CPU'],
        s.workers.map((w) => [
          w.id,
          w.host,
          String(w.pid),
          w.state,
          String(w.users),
          String(w.requests),
          `${fmt(w.cpu * 100, 0)} %`,
        ]),
      ),
    );
  }
  if (s.generator.saturated)
    parts.push(
      `<p class="bad">The load generator was saturated: ${escapeHtml(s.generator.reason ?? 'high CPU')}. Latencies may be the generator's, not the server's.</p>`,
    );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
${HTML_GENERATOR_META}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(s.scenario)} · Stampede report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#1e1e1e}}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;border-bottom:1px solid #8884;text-align:right}
th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}.muted{opacity:.7}.bad{color:#d33;font-weight:600}
svg text{font-size:12px}
</style></head><body>
${parts.join('\n')}
</body></html>
`;
}

export function createHtmlRecorder(file: string, log: Logger): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      const html = renderHtmlReport(result.snapshot, result.history, result.error);
      return (await writeWhole(log, 'HTML report', file, html)) ? [file] : [];
    },
  };
}
