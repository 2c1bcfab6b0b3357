// The HTML report's sections as static, escaped HTML (readable with scripts off): the requests
// with every percentile, thresholds, checks, errors with their failure samples, duration trackers
// per stage, arrivals, workers, settings and the scenario's text. Every text from the scenario,
// the server or a worker goes through escapeHtml.
import { formatBytes, formatCount, formatMs, formatPercent, formatRate } from '../../common/format';
import { PERCENTILES, type EntryStats, type RunSnapshot } from '../../common/snapshot';
import { failureSamplesHtml } from './failureSamplesHtml';
import type { RunReport } from './runReport';
import { trackerCells } from './trackerCells';
import { WORKER_HEADERS, WORKER_NUMERIC, workerCells } from './workerCells';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A cell: text (escaped) with the columns it belongs to; `text` cells are left-aligned and wrap. */
interface Cell {
  v: string;
  text?: boolean;
  cls?: string;
}

const num = (v: string): Cell => ({ v });
const txt = (v: string): Cell => ({ v, text: true });

function table(
  id: string,
  head: Array<string | Cell>,
  rows: Cell[][],
  rowClass: (i: number) => string = () => '',
): string {
  const th = head
    .map((h) => (typeof h === 'string' ? { v: h } : h))
    .map((h) => `<th${h.text ? ' class="text"' : ''}>${escapeHtml(h.v)}</th>`)
    .join('');
  const trs = rows.map((r, i) => {
    const cls = rowClass(i);
    const tds = r.map((c) => {
      const classes = [c.text ? 'text' : '', c.cls ?? ''].filter(Boolean).join(' ');
      return `<td${classes ? ` class="${classes}"` : ''}>${escapeHtml(c.v)}</td>`;
    });
    return `<tr${cls ? ` class="${cls}"` : ''}>${tds.join('')}</tr>`;
  });
  return `<div class="scroll"><table id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${trs.join('\n')}\n</tbody></table></div>`;
}

const PERCENTILE_KEYS = PERCENTILES.map((p) => `p${p}` as const);

function entryCells(e: EntryStats): Cell[] {
  return [
    txt(e.method),
    txt(e.name),
    num(formatCount(e.requests)),
    num(formatCount(e.failures)),
    num(formatPercent(e.requests ? e.failures / e.requests : 0)),
    num(formatMs(e.meanMs)),
    num(formatMs(e.requests ? e.minMs : NaN)),
    ...PERCENTILE_KEYS.map((k) => num(formatMs(e.percentiles[k]))),
    num(formatBytes(e.requests ? e.bytes / e.requests : NaN)),
    num(formatRate(e.rps)),
  ];
}

export function requestsSection(s: RunSnapshot): string {
  const head = [
    txt('Method'),
    txt('Name'),
    'Requests',
    'Fails',
    'Fail %',
    'Mean',
    'Min',
    ...PERCENTILE_KEYS.map((k) => (k === 'p100' ? 'Max' : k)),
    'Size',
    'req/s',
  ];
  const rows = [...s.entries, s.total].map(entryCells);
  return `<h2 id="requests">Requests</h2>${table('requests-table', head, rows, (i) => (i === rows.length - 1 ? 'total' : ''))}<p class="muted">Times in milliseconds over the whole run; size is the mean response body.</p>`;
}

export function thresholdsSection(r: RunReport): string {
  if (!r.thresholds.length) return '';
  const rows = r.thresholds.map((t) => [
    { v: t.ok ? 'pass' : 'FAIL', cls: t.ok ? 'good' : 'bad' },
    txt(t.source),
    num(t.measured),
    txt(t.limit),
  ]);
  return `<h2 id="thresholds">Thresholds</h2>${table('thresholds-table', ['', txt('Threshold'), 'Measured', txt('Limit')], rows)}`;
}

export function checksSection(r: RunReport): string {
  if (!r.checks.length) return '';
  const rows = r.checks.map((c) => [
    { v: c.failures ? 'FAIL' : 'pass', cls: c.failures ? 'bad' : 'good' },
    txt(`${c.method} ${c.request}`),
    txt(c.check),
    num(`${formatCount(c.failures)} of ${formatCount(c.requests)}`),
    txt(c.first ?? ''),
  ]);
  return `<h2 id="checks">Checks</h2>${table('checks-table', ['', txt('Request'), txt('Check'), 'Failed', txt('First failure')], rows)}`;
}

export function errorsSection(s: RunSnapshot): string {
  if (!s.errors.length) return '';
  const sorted = [...s.errors].sort((a, b) => b.count - a.count);
  const rows = sorted.map((e) => [num(formatCount(e.count)), txt(e.method), txt(e.name), txt(e.error)]);
  const table_ = table('errors-table', ['Count', txt('Method'), txt('Name'), txt('Error')], rows);
  // The failing exchanges the workers kept (when the run has them) go below the table.
  return `<h2 id="errors">Errors</h2>${table_}${failureSamplesHtml(sorted)}`;
}

export function trackersSection(s: RunSnapshot): string {
  if (!s.trackers.length) return '';
  const t = trackerCells(s);
  const cell = (v: string, i: number): Cell => (t.numeric[i] ? num(v) : txt(v));
  const head = t.headers.map((h, i) => (t.numeric[i] ? h : txt(h)));
  const rows = t.rows.map((r) => r.map(cell));
  return `<h2 id="trackers">Duration trackers</h2>${table('trackers-table', head, rows)}<p class="muted">Milliseconds from each start event to its end event, per stage.</p>`;
}

export function arrivalSection(s: RunSnapshot): string {
  const a = s.arrival;
  if (!a) return '';
  const row = [
    num(formatCount(a.started)),
    num(formatCount(a.dropped)),
    ...[a.intended.p50, a.intended.p95, a.intended.p99, a.intended.max].map((v) => num(formatMs(v))),
  ];
  return `<h2 id="arrivals">Arrivals (open model)</h2>${table('arrival-table', ['Started', 'Dropped', 'p50 from intended start', 'p95', 'p99', 'Max'], [row])}`;
}

export function workersSection(s: RunSnapshot): string {
  if (!s.workers.length) return '';
  const head = WORKER_HEADERS.map((h, i) => (WORKER_NUMERIC[i] ? h : txt(h)));
  const rows = s.workers.map((w) => workerCells(w).map((v, i) => (WORKER_NUMERIC[i] ? num(v) : txt(v))));
  return `<h2 id="workers">Workers</h2>${table('workers-table', head, rows, (i) => (s.workers[i].state === 'missing' ? 'bad' : ''))}`;
}

export function settingsSection(r: RunReport): string {
  if (!r.settings.length) return '';
  const rows = r.settings.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  return `<h2 id="settings">Settings</h2><dl class="settings" id="settings-list">${rows}</dl>`;
}

export function scenarioSection(r: RunReport): string {
  if (r.source === undefined) return '';
  return `<h2 id="scenario">Scenario</h2><pre id="scenario-source"><code>${escapeHtml(r.source)}</code></pre>`;
}
