// The failure samples at the end of `stampede run`: one per error row, compact (request line,
// status line, the first lines of the body), so the person sees what failed without opening a
// file. Every sample is in the JSON result; the server's text is made printable first.
import { SAMPLE_LIMITS } from '../../common/protocol/engine';
import type { ErrorStats, FailureSample } from '../../common/snapshot';
import { printable } from '../../common/untrustedText';

/** Error rows shown, body lines per sample and characters per line. */
const MAX_ROWS = 10;
const BODY_LINES = 3;
const LINE_CHARS = 160;

const line = (s: string): string => {
  const p = printable(s);
  return p.length > LINE_CHARS ? `${p.slice(0, LINE_CHARS)}…` : p;
};

function sampleLines(s: FailureSample): string[] {
  const out = [`    > ${line(`${s.request.method} ${s.request.url}`)}`];
  if (s.check) out.push(`    check ${line(s.check.check)} saw ${line(s.check.saw)}`);
  const r = s.response;
  if (r === undefined) {
    out.push('    < no response');
    return out;
  }
  const statusLine = r.headers.split('\n', 1)[0] || `HTTP ${r.status}`;
  out.push(`    < ${line(statusLine)} (${r.bodyBytes} bytes of body)`);
  const body = r.body.split('\n').filter((l) => l.trim() !== '');
  for (const l of body.slice(0, BODY_LINES)) out.push(`    | ${line(l)}`);
  if (body.length > BODY_LINES || r.bodyBytes > SAMPLE_LIMITS.bodyBytes) out.push('    | …');
  return out;
}

/** The section, or undefined when no error row has a sample. */
export function failureSamplesSection(errors: ErrorStats[]): string | undefined {
  const rows = errors.filter((e) => e.samples?.length);
  if (rows.length === 0) return undefined;
  const parts = ['Failure samples (the first of each error; all of them are in the JSON result)'];
  for (const e of rows.slice(0, MAX_ROWS))
    parts.push(`  ${line(`${e.method} ${e.name}: ${e.error}`)}`, ...sampleLines(e.samples![0]));
  if (rows.length > MAX_ROWS)
    parts.push(`  (${rows.length - MAX_ROWS} more errors have samples in the JSON result)`);
  return parts.join('\n');
}
