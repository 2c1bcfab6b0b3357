// Prints a comparison: aligned columns for the terminal, or a markdown table fit for a pull
// request comment. Every cell is `base → new (change)`; the broken `--fail-if` rules follow.
import { formatMs, formatRate, renderTable } from '../cli/format';
import type { Comparison, FigureDeltas, Metric, MetricDelta, RunEntryFigures } from '../../common/compare';
import { failurePercent } from '../../common/compare';
import { printable } from '../../common/untrustedText';
import type { BrokenRule } from './rules';

const COLUMNS: ReadonlyArray<[Metric, string]> = [
  ['rps', 'req/s'],
  ['failures', 'failures'],
  ['p50', 'p50 ms'],
  ['p95', 'p95 ms'],
  ['p99', 'p99 ms'],
];

function value(m: Metric, v: number): string {
  if (m === 'rps') return formatRate(v);
  if (m === 'failures') return `${v.toFixed(2)}%`;
  return formatMs(v);
}

function signed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return n > 0 ? `+${s}` : s;
}

/** The change as a person reads it: relative for rates and times, percentage points for failures. */
export function changeText(m: Metric, d: MetricDelta): string {
  if (m === 'failures') return `${signed(d.change, 2)}pp`;
  if (!Number.isFinite(d.relative)) return 'new';
  return `${signed(d.relative, 1)}%`;
}

function cell(m: Metric, d: MetricDelta): string {
  return `${value(m, d.base)} → ${value(m, d.new)} (${changeText(m, d)})`;
}

function row(label: string, deltas: FigureDeltas): string[] {
  return [label, ...COLUMNS.map(([m]) => cell(m, deltas[m]))];
}

function onlyIn(e: RunEntryFigures): string {
  return `${printable(`${e.method} ${e.name}`)}: ${formatRate(e.rps)} req/s, ${failurePercent(e).toFixed(2)}% failed, p95 ${formatMs(e.p95)} ms`;
}

function ruleUnit(b: BrokenRule): string {
  return b.rule.unit === '/s' ? ' req/s' : b.rule.unit;
}

/** One line per broken rule: which, and by how much. */
export function brokenText(broken: readonly BrokenRule[]): string[] {
  return broken.map((b) => {
    const m = b.rule.metric;
    const actual = Number.isFinite(b.actual) ? `${signed(b.actual, 2)}${ruleUnit(b)}` : 'from 0';
    return `${b.rule.source} broken: ${m} changed ${actual} (${value(m, b.base)} → ${value(m, b.new)}), limit ${signed(b.rule.limit, 2)}${ruleUnit(b)}`;
  });
}

export function comparisonText(c: Comparison, broken: readonly BrokenRule[]): string {
  const header = ['request', ...COLUMNS.map(([, h]) => h)];
  const rows = [...c.entries.map((e) => row(printable(`${e.method} ${e.name}`), e.deltas)), row('Total', c.total)];
  const out = [
    renderTable(
      header,
      rows,
      header.map((_, i) => i > 0),
    ),
  ];
  if (c.added.length > 0)
    out.push('', 'added (only in the new run):', ...c.added.map((e) => `  ${onlyIn(e)}`));
  if (c.removed.length > 0)
    out.push('', 'removed (only in the base run):', ...c.removed.map((e) => `  ${onlyIn(e)}`));
  if (broken.length > 0) out.push('', ...brokenText(broken));
  return out.join('\n');
}

/** Markdown cells must not break the table: pipes and line breaks in request names are escaped. */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

export function comparisonMarkdown(c: Comparison, broken: readonly BrokenRule[]): string {
  const header = ['Request', ...COLUMNS.map(([, h]) => h)];
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const out = [
    '### Stampede: run comparison',
    '',
    line(header),
    line(header.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...c.entries.map((e) => line(row(md(printable(`${e.method} ${e.name}`)), e.deltas))),
    line(row('**Total**', c.total)),
  ];
  if (c.added.length > 0) out.push('', '**Added:**', ...c.added.map((e) => `- ${md(onlyIn(e))}`));
  if (c.removed.length > 0) out.push('', '**Removed:**', ...c.removed.map((e) => `- ${md(onlyIn(e))}`));
  if (broken.length > 0) out.push('', '**Failed rules:**', ...brokenText(broken).map((t) => `- ❌ ${md(t)}`));
  return out.join('\n');
}
