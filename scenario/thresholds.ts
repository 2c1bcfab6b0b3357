// Thresholds: `p95 < 300ms`, `failures < 1%`, `rps > 100`, `p99[login] < 500ms`.
import { durationToMs } from './durations';
import type { ThresholdMetric, ThresholdSpec } from './model';
import { closest, didYouMean } from './suggest';

export const TIME_METRICS = [
  'p50',
  'p66',
  'p75',
  'p80',
  'p90',
  'p95',
  'p98',
  'p99',
  'p99.9',
  'max',
  'mean',
  'min',
] as const;
export const THRESHOLD_METRICS: readonly ThresholdMetric[] = [...TIME_METRICS, 'failures', 'rps', 'requests'];
/** What a duration tracker reports per stage, so what a threshold on one can read. */
export const TRACKER_THRESHOLD_METRICS: readonly ThresholdMetric[] = [
  'p50',
  'p90',
  'p95',
  'p99',
  'min',
  'mean',
  'max',
];

export interface ThresholdProblem {
  message: string;
  start: number;
  end: number;
  code: string;
  suggestion?: string;
}

export type ThresholdParse =
  { threshold: ThresholdSpec; entrySpan?: [number, number] } | { error: ThresholdProblem };

// The value is taken greedily and trimmed in code: a lazy `(.*?)\s*$` is quadratic on long blank runs.
const SHAPE = /^(\s*)([A-Za-z][A-Za-z0-9.]*)(\s*\[([^\]]*)\])?(\s*)(<=|>=|<|>|==|=|!=)?(\s*)(.*)$/s;

function problem(message: string, start: number, end: number, suggestion?: string): ThresholdParse {
  return { error: { message, start, end: Math.max(end, start + 1), code: 'bad-threshold', suggestion } };
}

/** Parses one threshold; errors carry offsets into the text. */
export function parseThreshold(text: string): ThresholdParse {
  const m = SHAPE.exec(text);
  if (!m || !m[2])
    return problem(
      'write a threshold as `metric op value`, e.g. `p95 < 300ms` or `failures < 1%`',
      0,
      text.length,
    );
  const [, lead, metricText, bracket = '', entryText, gap1, op, gap2, rawValue] = m;
  const valueText = rawValue.trimEnd();
  const metricStart = lead.length;
  const metric = THRESHOLD_METRICS.find((x) => x === metricText);
  if (!metric) {
    const suggestion = closest(metricText, THRESHOLD_METRICS);
    return problem(
      `unknown metric \`${metricText}\`; use ${THRESHOLD_METRICS.map((x) => `\`${x}\``).join(', ')}${didYouMean(suggestion)}`,
      metricStart,
      metricStart + metricText.length,
      suggestion,
    );
  }
  const opStart = metricStart + metricText.length + bracket.length + gap1.length;
  if (!op) return problem('expected `<`, `<=`, `>` or `>=` after the metric', opStart, opStart + 1);
  if (op === '=' || op === '==' || op === '!=')
    return problem(
      `\`${op}\` is not a threshold operator; use \`<\`, \`<=\`, \`>\` or \`>=\``,
      opStart,
      opStart + op.length,
    );
  const valueStart = opStart + op.length + gap2.length;
  const valueEnd = valueStart + valueText.length;
  let value: number | undefined;
  let unit: ThresholdSpec['unit'];
  if ((TIME_METRICS as readonly string[]).includes(metric)) {
    value = /^\d+(\.\d+)?$/.test(valueText) ? Number(valueText) : durationToMs(valueText);
    unit = 'ms';
    if (value === undefined)
      return problem(`\`${metric}\` is a time: write e.g. \`300ms\` or \`1.5s\``, valueStart, valueEnd);
  } else if (metric === 'failures') {
    const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(valueText);
    if (pct) {
      value = Number(pct[1]);
      unit = '%';
      if (value > 100) return problem('a failure rate cannot exceed 100%', valueStart, valueEnd);
    } else if (/^\d+$/.test(valueText)) {
      value = Number(valueText);
      unit = 'count';
    } else
      return problem('`failures` takes a rate such as `1%` or a count such as `10`', valueStart, valueEnd);
  } else {
    if (!/^\d+(\.\d+)?$/.test(valueText))
      return problem(`\`${metric}\` takes a number, e.g. \`${metric} > 100\``, valueStart, valueEnd);
    value = Number(valueText);
    unit = metric === 'rps' ? 'rps' : 'count';
  }
  const threshold: ThresholdSpec = { source: text, metric, op: op as ThresholdSpec['op'], value, unit };
  if (!bracket) return { threshold };
  const entry = (entryText ?? '').trim();
  const open = metricStart + metricText.length + bracket.indexOf('[') + 1;
  if (!entry)
    return problem(
      'write a request name inside `[ ]`, or drop the brackets',
      open - 1,
      open + (entryText ?? '').length + 1,
    );
  threshold.entry = entry;
  const entryStart = open + (entryText ?? '').indexOf(entry);
  return { threshold, entrySpan: [entryStart, entryStart + entry.length] };
}
