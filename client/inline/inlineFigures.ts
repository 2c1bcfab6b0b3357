// What a run's figures look like beside the scenario's request lines: the one-line summary, the
// hover's full row with the request's top errors (and a failure sample when the snapshot carries
// one), and which line shows which entry. Pure (no vscode, no Node), so unit tests cover it; the
// numbers go through common/format.ts, as in the panel and the status bar.
import type { RequestLinesRequest } from '../../common/protocol/lsp';
import type { EntryStats, ErrorStats, RunSnapshot } from '../../common/snapshot';
import {
  failureRatio,
  formatCompactCount,
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
} from '../../common/format';

/** How many error kinds a hover lists (the most frequent first). */
export const HOVER_ERRORS = 3;
/** A failure sample's text in a hover is cut here: it is the target's response, of any size. */
const SAMPLE_CHARS = 1_500;

/** The key of a stats entry: what a request line and a snapshot entry share. */
export function entryKey(method: string, name: string): string {
  return `${method.toUpperCase()} ${name}`;
}

/** One request line with the figures it shows. */
export interface LineFigures {
  line: number;
  /** The text after the line: `1.2k req · p95 43.0 ms · 0.30% failed`. */
  label: string;
  /** Markdown for the hover: the full percentile row and the top errors. */
  hover: string;
}

/** `1.2k req · p95 43.0 ms · 0.30% failed`. */
export function inlineLabel(e: EntryStats): string {
  const failed = formatPercent(failureRatio(e.requests, e.failures));
  return `${formatCompactCount(e.requests)} req · p95 ${formatMs(e.percentiles.p95)} ms · ${failed} failed`;
}

/**
 * The figures for every request line whose entry the snapshot has. Lines of requests the run has
 * not reached yet (or that are not in this run's scenario any more) get none.
 */
export function figuresForLines(
  lines: readonly RequestLinesRequest.RequestLine[],
  snapshot: RunSnapshot,
): LineFigures[] {
  const entries = new Map(snapshot.entries.map((e) => [entryKey(e.method, e.name), e]));
  const out: LineFigures[] = [];
  for (const l of lines) {
    const entry = entries.get(entryKey(l.method, l.name));
    if (entry) out.push({ line: l.line, label: inlineLabel(entry), hover: hoverMarkdown(entry, snapshot) });
  }
  return out;
}

/** The hover of a request line: the full row as a table, the top errors, a failure sample. */
export function hoverMarkdown(e: EntryStats, snapshot: RunSnapshot): string {
  const p = e.percentiles;
  const state = snapshot.state === 'stopped' ? 'finished run' : 'run in progress';
  const parts = [
    `**${escapeMarkdown(`${e.method} ${e.name}`)}** (${state}, ${escapeMarkdown(snapshot.scenario)})`,
    '',
    '| requests | failed | rps | p50 | p90 | p95 | p99 | max |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${formatCount(e.requests)} | ${formatCount(e.failures)} (${formatPercent(failureRatio(e.requests, e.failures))}) | ${formatRate(e.rps)} | ${formatMs(p.p50)} ms | ${formatMs(p.p90)} ms | ${formatMs(p.p95)} ms | ${formatMs(p.p99)} ms | ${formatMs(e.maxMs)} ms |`,
  ];
  const errors = topErrors(snapshot.errors, e, HOVER_ERRORS);
  if (errors.length) {
    parts.push('', '**Top errors**', '');
    for (const err of errors) parts.push(`- ${formatCount(err.count)} × ${escapeMarkdown(err.error)}`);
    const sample = failureSampleText(errors[0]);
    if (sample) parts.push('', '**A failing exchange**', '', fenced(sample));
  }
  return parts.join('\n');
}

/** The entry's error rows, most frequent first. */
export function topErrors(errors: readonly ErrorStats[], e: EntryStats, n: number): ErrorStats[] {
  const key = entryKey(e.method, e.name);
  return errors
    .filter((err) => entryKey(err.method, err.name) === key)
    .sort((a, b) => b.count - a.count)
    .slice(0, n);
}

/**
 * The first failure sample of an error row as text (request line, the check and what it saw, the
 * response's status line and the head of its body), or undefined when the row has none.
 */
export function failureSampleText(err: ErrorStats): string | undefined {
  const first = Array.isArray(err.samples) ? err.samples[0] : undefined;
  if (first === undefined || first === null || typeof first !== 'object') return undefined;
  const lines = [`> ${first.request.method} ${first.request.url}`];
  if (first.check) lines.push(`check ${first.check.check} saw ${first.check.saw}`);
  const r = first.response;
  if (r === undefined) lines.push('< no response');
  else {
    lines.push(`< ${r.headers.split('\n', 1)[0] || `HTTP ${r.status}`}`);
    if (r.body) lines.push(r.body);
  }
  const text = lines.join('\n');
  return text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS)}…` : text;
}

/** Text shown as Markdown literally: the scenario's names and the target's errors are not markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A code block whose fence no line of the text can close (the text is the target's response). */
function fenced(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
