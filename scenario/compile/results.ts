// The parts of a scenario about results: `trackers`, `thresholds`, `output`. They refer to names
// defined elsewhere (request names, emitted events), so they compile after the users.
import type { Node, YAMLMap } from 'yaml';
import { checkEventFilter, parseEventFilter } from '../filters';
import type { FilterContext } from '../filters';
import type { EventFilter, OutputSpec, ThresholdSpec, TrackerSpec } from '../model';
import { closest, didYouMean } from '../suggest';
import { parseThreshold, TRACKER_THRESHOLD_METRICS } from '../thresholds';
import type { Ctx } from './context';
import { OUTPUT_OUTSIDE_CODE, outputPathProblem } from '../outputPaths';
import { compilePrometheusOutput } from './prometheusOutput';

function filterAt(
  ctx: Ctx,
  map: YAMLMap,
  key: 'start' | 'end',
  context: FilterContext,
): EventFilter | undefined {
  const s = ctx.str(map, key);
  if (!s) return undefined;
  const parsed = parseEventFilter(s.value);
  if ('errors' in parsed) {
    for (const e of parsed.errors)
      ctx.report.errorInside(s.node, e.start, e.end, e.code, `\`${key}\`: ${e.message}`, e.suggestion);
    return undefined;
  }
  const problems = checkEventFilter(parsed.filter, parsed.conditionSpans, context);
  for (const p of problems)
    ctx.report.errorInside(s.node, p.start, p.end, p.code, `\`${key}\`: ${p.message}`, p.suggestion);
  return problems.length ? undefined : parsed.filter;
}

export function compileTrackers(ctx: Ctx, node: Node | null, context: FilterContext): TrackerSpec[] {
  const out: TrackerSpec[] = [];
  const seen = new Set<string>();
  for (const item of ctx.seqItems(node)) {
    const map = ctx.map(item);
    if (!map) continue;
    const metric = ctx.str(map, 'metric');
    if (metric && seen.has(metric.value))
      ctx.report.warning(metric.node, 'duplicate-name', `another tracker also measures \`${metric.value}\``);
    if (metric) seen.add(metric.value);
    const start = filterAt(ctx, map, 'start', context);
    const end = filterAt(ctx, map, 'end', context);
    if (metric && start && end) out.push({ metric: metric.value, start, end });
  }
  return out;
}

export function compileThresholds(
  ctx: Ctx,
  node: Node | null,
  requestNames: readonly string[],
  trackerMetrics: readonly string[] = [],
): ThresholdSpec[] {
  const out: ThresholdSpec[] = [];
  for (const item of ctx.seqItems(node)) {
    const s = ctx.scalar(item);
    if (!s || typeof s.value !== 'string') continue;
    const parsed = parseThreshold(s.value);
    if ('error' in parsed) {
      ctx.report.errorInside(
        s,
        parsed.error.start,
        parsed.error.end,
        parsed.error.code,
        parsed.error.message,
        parsed.error.suggestion,
      );
      continue;
    }
    const { threshold, entrySpan } = parsed;
    const entry = threshold.entry;
    // A request of that name comes first; else a tracker's metric (`p95[job latency] < 2s`).
    if (entry !== undefined && entrySpan && !requestNames.includes(entry)) {
      if (!trackerMetrics.includes(entry)) {
        const suggestion = closest(entry, [...requestNames, ...trackerMetrics]);
        ctx.report.errorInside(
          s,
          entrySpan[0],
          entrySpan[1],
          'unknown-request',
          `no request or tracker is named \`${entry}\`${didYouMean(suggestion)}`,
          suggestion,
        );
        continue;
      }
      if (!TRACKER_THRESHOLD_METRICS.includes(threshold.metric)) {
        ctx.report.errorInside(
          s,
          entrySpan[0],
          entrySpan[1],
          'bad-threshold',
          `\`${entry}\` is a tracker: its thresholds can use ${TRACKER_THRESHOLD_METRICS.map((m) => `\`${m}\``).join(', ')}, not \`${threshold.metric}\``,
        );
        continue;
      }
      threshold.tracker = true;
    }
    out.push(threshold);
  }
  return out;
}

const PLACEHOLDERS = ['name', 'time'];

export function compileOutput(ctx: Ctx, node: Node | null): OutputSpec {
  const out: OutputSpec = {};
  const map = ctx.map(node);
  if (!map) return out;
  for (const key of ['json', 'csv', 'ndjson', 'sqlite', 'html'] as const) {
    const s = ctx.str(map, key);
    if (!s) continue;
    if (!s.value.trim()) {
      ctx.report.error(s.node, 'bad-output', `\`output.${key}\` needs a path`);
      continue;
    }
    let ok = true;
    for (const m of s.value.matchAll(/\{([^{}]*)\}/g)) {
      if (PLACEHOLDERS.includes(m[1])) continue;
      ok = false;
      const suggestion = closest(m[1], PLACEHOLDERS);
      const start = m.index ?? 0;
      ctx.report.errorInside(
        s.node,
        start,
        start + m[0].length,
        'bad-placeholder',
        `unknown placeholder \`{${m[1]}}\`; use \`{name}\` or \`{time}\`${didYouMean(suggestion && `{${suggestion}}`)}`,
        suggestion && `{${suggestion}}`,
      );
    }
    const outside = outputPathProblem(s.value);
    if (outside)
      ctx.report.error(
        s.node,
        OUTPUT_OUTSIDE_CODE,
        `\`output.${key}\` ${outside}: results stay inside the scenario's folder (e.g. \`results/{name}-{time}\`), unless the person running it passes --allow-output-outside`,
      );
    if (ok) out[key] = s.value;
  }
  const prometheus = ctx.pair(map, 'prometheus');
  if (prometheus) {
    const spec = compilePrometheusOutput(ctx, prometheus.key, ctx.value(map, 'prometheus'));
    if (spec) out.prometheus = spec;
  }
  return out;
}
