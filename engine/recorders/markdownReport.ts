// A Markdown summary of a run for a pull request or a CI page (GitHub's job summary): the verdict,
// totals, a per-request table (p50/p95/p99), thresholds, checks, the commonest errors and the
// trackers. Names and error texts come from the scenario and the server: every cell escapes
// Markdown's punctuation, `|` and line breaks, so a name can neither break a table nor become a
// link, an image or HTML.
import fs from 'node:fs';
import { formatCount, formatMs, formatPercent, formatRate } from '../../common/format';
import type { EntryStats } from '../../common/snapshot';
import type { Logger } from '../log';
import { logWriteError, writeWhole } from './fileWriter';
import { buildRunReport, type RunReport } from './runReport';
import type { Recorder, RecorderContext } from './types';

/** The first line of every summary: marks the file as Stampede's (formatMarkers.ts), invisible when rendered. */
export const MARKDOWN_MARKER = '<!-- stampede summary -->';

/** How many error rows the summary lists (the rest are counted). */
export const MARKDOWN_TOP_ERRORS = 10;

/** Untrusted text as one table cell: punctuation escaped, line breaks as spaces, long text cut. */
export function mdCell(s: string, max = 200): string {
  const flat = s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

function table(head: string[], right: boolean[], rows: string[][]): string {
  const rule = right.map((r) => (r ? '---:' : '---'));
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(rule), ...rows.map(line)].join('\n');
}

function entryRow(e: EntryStats, name: string): string[] {
  return [
    mdCell(e.method),
    name,
    formatCount(e.requests),
    `${formatCount(e.failures)} (${formatPercent(e.requests ? e.failures / e.requests : 0)})`,
    formatMs(e.percentiles.p50),
    formatMs(e.percentiles.p95),
    formatMs(e.percentiles.p99),
    formatMs(e.requests ? e.maxMs : NaN),
    formatRate(e.rps),
  ];
}

export function renderMarkdown(r: RunReport): string {
  const s = r.snapshot;
  const passed = r.outcome.exitCode === 0;
  const out: string[] = [
    MARKDOWN_MARKER,
    `## ${passed ? '✅' : '❌'} Stampede: ${mdCell(r.scenario)} ${passed ? 'passed' : 'failed'}`,
  ];
  out.push(`> ${mdCell(r.outcome.message, 500)}`);
  const failShare = formatPercent(s.total.requests ? s.total.failures / s.total.requests : 0);
  out.push(
    `**${formatCount(s.total.requests)} requests**, ${formatCount(s.total.failures)} failures (${failShare}), ${formatRate(s.total.rps)} req/s over ${(r.elapsedMs / 1000).toFixed(1)} s with ${formatCount(s.targetUsers)} users · run \`${mdCell(r.runId).replace(/`/g, '')}\``,
  );
  out.push('### Requests (ms)');
  out.push(
    table(
      ['Method', 'Name', 'Requests', 'Failures', 'p50', 'p95', 'p99', 'Max', 'req/s'],
      [false, false, true, true, true, true, true, true, true],
      [...s.entries.map((e) => entryRow(e, mdCell(e.name))), entryRow(s.total, '**Total**')],
    ),
  );
  if (r.thresholds.length) {
    out.push('### Thresholds');
    out.push(
      table(
        ['', 'Threshold', 'Measured', 'Limit'],
        [false, false, true, false],
        r.thresholds.map((t) => [
          t.ok ? '✅ pass' : '❌ fail',
          mdCell(t.source),
          mdCell(t.measured),
          mdCell(t.limit),
        ]),
      ),
    );
  }
  if (r.checks.length) {
    out.push('### Checks');
    out.push(
      table(
        ['', 'Request', 'Check', 'Failed', 'First failure'],
        [false, false, false, true, false],
        r.checks.map((c) => [
          c.failures ? '❌' : '✅',
          `${mdCell(c.method)} ${mdCell(c.request)}`,
          mdCell(c.check),
          `${formatCount(c.failures)} of ${formatCount(c.requests)}`,
          c.first ? mdCell(c.first) : '',
        ]),
      ),
    );
  }
  if (s.errors.length) {
    const top = [...s.errors].sort((a, b) => b.count - a.count).slice(0, MARKDOWN_TOP_ERRORS);
    const rest = s.errors.length - top.length;
    out.push(`### Errors${rest > 0 ? ` (top ${top.length} of ${s.errors.length})` : ''}`);
    out.push(
      table(
        ['Count', 'Request', 'Error'],
        [true, false, false],
        top.map((e) => [formatCount(e.count), `${mdCell(e.method)} ${mdCell(e.name)}`, mdCell(e.error)]),
      ),
    );
  }
  if (s.trackers.length) {
    out.push('### Duration trackers (ms)');
    out.push(
      table(
        ['Tracker', 'Stage', 'Users', 'Count', 'p50', 'p95', 'p99', 'Max', 'Incomplete'],
        [false, true, true, true, true, true, true, true, true],
        s.trackers.map((t) => [
          mdCell(t.metric),
          String(t.stage + 1),
          formatCount(t.users),
          formatCount(t.count),
          formatMs(t.p50),
          formatMs(t.p95),
          formatMs(t.p99),
          formatMs(t.count ? t.max : NaN),
          formatCount(t.incomplete),
        ]),
      ),
    );
  }
  if (s.generator.saturated)
    out.push(
      `> ⚠️ The load generator was saturated (${mdCell(s.generator.reason ?? 'high CPU')}): latencies may be the generator's, not the server's.`,
    );
  return `${out.join('\n\n')}\n`;
}

export function createMarkdownRecorder(file: string, log: Logger, ctx: RecorderContext): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      const md = renderMarkdown(buildRunReport(result, ctx.about));
      return (await writeWhole(log, 'Markdown summary', file, md)) ? [file] : [];
    },
  };
}

/**
 * Appends the summary to GitHub's job summary file (`GITHUB_STEP_SUMMARY`, set by the runner for
 * each step). The file is the CI's, not the scenario's: it is appended to, never replaced, and it
 * is not held to the result files' folder; a failure is logged without changing the run's verdict.
 */
export function createStepSummaryRecorder(file: string, log: Logger, ctx: RecorderContext): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      const md = renderMarkdown(buildRunReport(result, ctx.about));
      try {
        await fs.promises.appendFile(file, `${md}\n`);
        return [file];
      } catch (err) {
        logWriteError(log, 'GitHub step summary (GITHUB_STEP_SUMMARY)', file, err);
        return [];
      }
    },
  };
}
