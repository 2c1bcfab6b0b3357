// The parts of a scenario about results: `trackers`, `thresholds`, `output`. They refer to names
// defined elsewhere (request names, emitted events), so they compile after the users.
import type { Node, YAMLMap } from 'yaml';
import { checkEventFilter, parseEventFilter } from '../filters';
import type { FilterContext } from '../filters';
import type { EventFilter, OutputSpec, ThresholdSpec, TrackerSpec } from '../model';
import { closest, didYouMean } from '../suggest';
import { parseThreshold, TRACKER_THRESHOLD_METRICS } from '../thresholds';
import type { Ctx } from './context';
import {
  normalOutputPath,
  OUTPUT_EXTENSIONS,
  OUTPUT_OUTSIDE_CODE,
  outputFileTemplates,
  outputPathProblem,
} from '../outputPaths';
import { EXTERNAL_EVENT } from '../events';
import { externalEnd } from './externalEnd';
import { innerRange } from '../document';
import { checkPostgresUrl } from '../postgresUrl';
import { compilePrometheusOutput } from './prometheusOutput';

function filterAt(
  ctx: Ctx,
  map: YAMLMap,
  key: 'start' | 'end',
  context: FilterContext,
): EventFilter | undefined {
  const s = ctx.str(map, key);
  if (!s) return undefined;
  if (key === 'end' && s.value.trimStart().startsWith(`${EXTERNAL_EVENT}[`)) ctx.templated.add(s.node);
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
    if (start?.eventType === EXTERNAL_EVENT) {
      ctx.report.error(
        ctx.value(map, 'start')!,
        'external-start',
        `an \`${EXTERNAL_EVENT}[...]\` from outside can only end a tracker: start it with a request or an \`emit\` event`,
      );
      continue;
    }
    const external = end?.eventType === EXTERNAL_EVENT ? externalEnd(ctx, map, end, context) : undefined;
    if (end && end.eventType !== EXTERNAL_EVENT && ctx.pair(map, 'timeout'))
      ctx.report.warning(
        ctx.pair(map, 'timeout')!.key as Node,
        'unused-timeout',
        `\`timeout\` applies to trackers that end with an \`${EXTERNAL_EVENT}[...]\` from outside; this one pairs its own events per stage`,
      );
    if (metric && start && end && (external || end.eventType !== EXTERNAL_EVENT))
      out.push({ metric: metric.value, start, end, ...(external ? { external } : {}) });
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
  const postgres = compilePostgresOutput(ctx, map);
  if (postgres) out.postgres = postgres;
  const writers = new Map<string, string>(); // file template -> the output key that writes it
  for (const key of ['json', 'csv', 'ndjson', 'sqlite', 'html', 'junit', 'markdown'] as const) {
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
    const clash = outputFileTemplates(key, s.value)
      .map((f) => writers.get(normalOutputPath(f)))
      .find((other) => other !== undefined);
    if (clash) {
      ctx.report.error(
        s.node,
        'output-clash',
        `\`output.${key}\` writes the same file as \`output.${clash}\`: give each output its own path`,
      );
      continue;
    }
    for (const f of outputFileTemplates(key, s.value)) writers.set(normalOutputPath(f), key);
    const endings = OUTPUT_EXTENSIONS[key];
    if (endings && !endings.some((e) => s.value.toLowerCase().endsWith(e)))
      ctx.report.warning(
        s.node,
        'output-extension',
        `\`output.${key}\` should end in ${endings.map((e) => `\`${e}\``).join(' or ')}: CI tools find these files by their ending`,
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

/** `output.postgres`: a database URL, not a path; it may read `{{ env.NAME }}` (the password). */
function compilePostgresOutput(ctx: Ctx, map: YAMLMap): string | undefined {
  const s = ctx.str(map, 'postgres');
  if (!s) return undefined;
  ctx.templated.add(s.node); // its `{{ env.NAME }}` are filled in by the run (engine/recorders/postgresConfig.ts)
  const { env, problems } = checkPostgresUrl(s.value);
  for (const use of env)
    ctx.index.env.push({ name: use.name, range: innerRange(ctx.parsed, s.node, use.start, use.end) });
  for (const p of problems)
    ctx.report.errorInside(s.node, p.start, p.end, p.code, p.message, undefined, p.severity);
  return problems.some((p) => p.severity === 'error') ? undefined : s.value;
}
