// The one projection of a finished run that the reports (HTML, JUnit, Markdown, the GitHub step
// summary) render: the verdict, thresholds with their limits, each check of each request with its
// failures, stage boundaries, settings and the scenario's text. Built once and masked once, so the
// three renderers only format, and a secret cannot reach one of them by a path the others lack.
import type { HistoryPoint, RunSnapshot, ThresholdResult } from '../../common/snapshot';
import { formatMs } from '../../common/format';
import type { StageMark } from '../../common/reportPage';
import type { Check, RequestStep, Scenario, Step, ThresholdSpec } from '../../scenario/model';
import type { RunResult } from '../master/types';
import { checkLabel } from '../runner/responseChecks';
import { runFailure, runOutcome } from '../session/outcome';
import type { RunAbout } from './types';

export interface ThresholdRow {
  source: string;
  ok: boolean;
  /** The measured value with its unit (`412 ms`, `2.50 %`), or `n/a` when nothing was measured. */
  measured: string;
  /** The limit as written (`< 300 ms`); empty when the scenario is not at hand. */
  limit: string;
}

export interface CheckRow {
  method: string;
  /** The request's stats entry name. */
  request: string;
  /** What is checked, e.g. `status 200`, `json.state = "done"`. */
  check: string;
  /** Responses of this request that failed this check. */
  failures: number;
  /** Requests made under this entry (the responses the check could have seen). */
  requests: number;
  /** The first failure's detail (`expected 200, got 500`). */
  first?: string;
}

export interface RunReport {
  scenario: string;
  runId: string;
  startedAt: number;
  elapsedMs: number;
  /** The run's outcome, as the CLI and the editor report it (exit code and one sentence). */
  outcome: { exitCode: number; message: string };
  /** Why the run itself failed apart from thresholds (not completed, worker lost, nothing succeeded). */
  runFailure?: string;
  snapshot: RunSnapshot;
  history: HistoryPoint[];
  thresholds: ThresholdRow[];
  checks: CheckRow[];
  stages: StageMark[];
  settings: Array<[string, string]>;
  /** The scenario file's text (masked); absent when not at hand. */
  source?: string;
}

function unitText(spec: ThresholdSpec, v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  switch (spec.unit) {
    case 'ms':
      return `${formatMs(v)} ms`;
    case '%':
      return `${+v.toFixed(3)} %`;
    case 'rps':
      return `${+v.toFixed(2)} req/s`;
    case 'count':
      return String(+v.toFixed(3));
  }
}

function thresholdRows(
  results: readonly ThresholdResult[],
  specs: readonly ThresholdSpec[] | undefined,
): ThresholdRow[] {
  // Results come in the order of the specs (engine/stats/thresholds.ts maps one to one).
  const aligned = specs?.length === results.length ? specs : undefined;
  return results.map((t, i) => {
    const spec = aligned?.[i];
    return {
      source: t.source,
      ok: t.ok,
      measured: spec
        ? unitText(spec, t.actual)
        : Number.isFinite(t.actual)
          ? String(+t.actual.toFixed(3))
          : 'n/a',
      limit: spec ? `${spec.op} ${unitText(spec, spec.value)}` : '',
    };
  });
}

function requestSteps(scenario: Scenario): RequestStep[] {
  const steps: Step[] = [];
  for (const u of scenario.users) {
    steps.push(...u.start, ...u.stop);
    for (const t of u.tasks) steps.push(...t.steps);
    for (const l of u.loops) steps.push(...l.steps);
  }
  return steps.filter((s): s is RequestStep => s.kind === 'request');
}

/** `status 200`, `json.state = "done"`, `header.content-type matches /json/`, `body contains "ok"`. */
export function describeCheck(c: Check): string {
  const what = checkLabel(c).replace(/^check /, '');
  switch (c.kind) {
    case 'status':
      return `${what} ${c.oneOf.join(' or ')}`;
    case 'body':
      return `${what} contains ${JSON.stringify(c.contains)}`;
    case 'json':
    case 'header':
      if (c.match !== undefined) return `${what} matches /${c.match}/`;
      if (c.equalsTemplate) return `${what} = ${c.equalsTemplate.source}`;
      if (c.equals !== undefined) return `${what} = ${JSON.stringify(c.equals)}`;
      return `${what} exists`;
  }
}

/** One row per check of each request entry (a check shared by two steps of one entry counts once). */
function checkRows(snapshot: RunSnapshot, scenario: Scenario | undefined): CheckRow[] {
  if (!scenario) return [];
  const rows = new Map<string, CheckRow & { label: string }>();
  for (const step of requestSteps(scenario)) {
    for (const c of step.checks) {
      const label = checkLabel(c);
      const key = JSON.stringify([step.method, step.name, label]);
      if (rows.has(key)) continue;
      const entry = snapshot.entries.find((e) => e.name === step.name && e.method === step.method);
      rows.set(key, {
        label,
        method: step.method,
        request: step.name,
        check: describeCheck(c),
        failures: 0,
        requests: entry?.requests ?? 0,
      });
    }
  }
  for (const row of rows.values()) {
    const prefix = `${row.label}: `;
    for (const e of snapshot.errors) {
      if (e.name !== row.request || e.method !== row.method || !e.error.startsWith(prefix)) continue;
      row.failures += e.count;
      row.first ??= e.error.slice(prefix.length);
    }
  }
  return [...rows.values()].map(({ label: _label, ...row }) => row);
}

/** A stage's plan in a few words, from the scenario (`50 users`, `20 it/s`). */
export function stageLabel(scenario: Scenario | undefined, index: number, count: number): string {
  const stages = scenario?.load.stages;
  const stage = stages?.length === count ? stages[index] : undefined;
  const name = `stage ${index + 1}`;
  if (!stage) return name;
  return 'users' in stage ? `${name}: ${stage.users} users` : `${name}: ${stage.arrivalRate} it/s`;
}

export function buildRunReport(
  result: RunResult,
  about: RunAbout | undefined,
  stages: StageMark[] = [],
): RunReport {
  const s = result.snapshot;
  const outcome = runOutcome(result);
  const report: RunReport = {
    scenario: s.scenario,
    runId: s.runId,
    startedAt: s.startedAt,
    elapsedMs: s.elapsedMs,
    outcome: { exitCode: outcome.exitCode, message: outcome.message },
    runFailure: runFailure(result)?.message,
    snapshot: s,
    history: result.history,
    thresholds: thresholdRows(s.thresholds ?? [], about?.scenario.thresholds),
    checks: checkRows(s, about?.scenario),
    stages,
    settings: about?.settings ?? [],
    source: about?.source,
  };
  // The snapshot was masked by the master; the texts from the scenario and the settings were not.
  return about ? about.mask.value(report) : report;
}
