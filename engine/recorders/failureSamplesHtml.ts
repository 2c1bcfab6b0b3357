// The failure samples of the HTML report: under each error row that has some, a collapsed
// <details> per sample (no script needed) with the request and the response as text. Kept apart
// from htmlReport.ts so the report's layout can move it. Every text is escaped for HTML after
// its control characters are made visible (the response is the server's, not ours).
import { SAMPLE_LIMITS } from '../../common/protocol/engine';
import type { ErrorStats, FailureSample } from '../../common/snapshot';
import { printable } from '../../common/untrustedText';
import { escapeHtml } from './htmlReportSections';

/** The server's text, safe in HTML: control characters made visible, then HTML-escaped. */
function escapeHtmlText(s: string): string {
  return escapeHtml(printable(s));
}

/** Bodies longer than a sample holds were cut: say how long they were. */
const cutNote = (bytes: number): string =>
  bytes > SAMPLE_LIMITS.bodyBytes ? `\n… (${bytes} bytes in all)` : '';

function exchangeText(s: FailureSample): string {
  const q = s.request;
  const lines = [`${q.method} ${q.url}`];
  if (q.headers) lines.push(q.headers);
  if (q.body) lines.push('', q.body + cutNote(q.bodyBytes));
  lines.push('', s.response ? '' : '(no response)');
  const r = s.response;
  if (r) {
    lines.push(r.headers || `HTTP ${r.status}`);
    if (r.body) lines.push('', r.body + cutNote(r.bodyBytes));
  }
  return lines.join('\n');
}

function sampleHtml(s: FailureSample): string {
  const when = new Date(s.time).toISOString();
  const check = s.check ? ` · check ${s.check.check} saw ${s.check.saw}` : '';
  return `<details class="sample"><summary>${escapeHtmlText(`${when}${check}`)}</summary><pre>${escapeHtmlText(exchangeText(s))}</pre></details>`;
}

/** The section (a heading and one block per error row with samples), or '' when there are none. */
export function failureSamplesHtml(errors: ErrorStats[]): string {
  const rows = errors.filter((e) => e.samples?.length);
  if (rows.length === 0) return '';
  const blocks = rows.map(
    (e) =>
      `<div class="samples"><p>${escapeHtmlText(`${e.method} ${e.name}: ${e.error}`)}</p>${e.samples!.map(sampleHtml).join('')}</div>`,
  );
  // Styled by the report's one stylesheet (htmlReportStyle.ts): its CSP admits no other.
  return ['<h3>Failure samples</h3>', ...blocks].join('\n');
}
