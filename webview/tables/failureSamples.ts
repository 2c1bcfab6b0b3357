// The failure samples of one error row, shown when the row is opened: for each sample the request
// (line, headers, body) and the response (status line, headers, body) as text, and the check that
// failed with the value it saw. The server's text is only ever set as textContent, with its
// control characters made visible first (common/untrustedText.ts).
import { SAMPLE_LIMITS } from '../../common/protocol/engine';
import type { ErrorStats, FailureSample } from '../../common/snapshot';
import { printable } from '../../common/untrustedText';

function block(label: string, text: string): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'sample-part';
  const h = document.createElement('div');
  h.className = 'sample-label';
  h.textContent = label;
  const pre = document.createElement('pre');
  pre.textContent = printable(text);
  wrap.append(h, pre);
  return wrap;
}

function withBody(head: string, body: string, bytes: number): string {
  if (!body) return head;
  const cut = bytes > SAMPLE_LIMITS.bodyBytes ? `\n… (${bytes} bytes in all)` : '';
  return `${head}\n\n${body}${cut}`;
}

function sampleElement(s: FailureSample, index: number): HTMLElement {
  const el = document.createElement('article');
  el.className = 'failure-sample';
  const title = document.createElement('div');
  title.className = 'sample-title';
  title.textContent = printable(
    `Sample ${index + 1} · ${new Date(s.time).toLocaleTimeString()}${s.check ? ` · check ${s.check.check} saw ${s.check.saw}` : ''}`,
  );
  const q = s.request;
  const r = s.response;
  el.append(
    title,
    block(
      'Request',
      withBody([`${q.method} ${q.url}`, q.headers].filter(Boolean).join('\n'), q.body, q.bodyBytes),
    ),
    block('Response', r ? withBody(r.headers || `HTTP ${r.status}`, r.body, r.bodyBytes) : '(no response)'),
  );
  return el;
}

/** The samples of an error row, or undefined when it has none (the row then does not open). */
export function failureSamplesElement(row: ErrorStats): HTMLElement | undefined {
  if (!row.samples?.length) return undefined;
  const el = document.createElement('div');
  el.className = 'failure-samples';
  el.append(...row.samples.map(sampleElement));
  return el;
}
