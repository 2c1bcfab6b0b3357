// The language's public surface. Pure: no I/O, no vscode, no Node APIs. The language server,
// the CLI and the engine all call analyzeScenario, so the editor and the CLI never disagree.
import type { Diagnostic } from './diagnostic';
import type { Scenario, Step } from './model';
import { parseScenarioDocument, rangeOfOffsets, unparsedScenario } from './document';
import { excessiveNesting, MAX_NESTING } from './nestingLimit';
import type { ParsedScenario } from './document';
import { Reporter } from './report';
import { checkAgainstSchema } from './schemaCheck';
import { Ctx, emptyIndex } from './compile/context';
import type { ScenarioIndex } from './compile/context';
import { compileScenario } from './compile/scenario';
import { OUTPUT_OUTSIDE_CODE } from './outputPaths';
import type { AnalyzeOptions } from './dataFiles';
import { reportStrayTemplates } from './compile/templateScope';
import { checkCleanItemwise } from './itemwise';

export interface Analysis {
  /** Present when there are no errors (warnings allowed; an `output-outside-folder` error allowed too, see outputPaths.ts). */
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

/** What `check` reads of a scenario with no errors: the env names it declares and uses. */
export type ScenarioEnv = Pick<Scenario, 'env' | 'secrets' | 'envUses'>;

/** Everything the language server needs from one pass: the document with positions and the name index. */
export interface DetailedAnalysis extends Analysis {
  parsed: ParsedScenario;
  index: ScenarioIndex;
  /** Present when there are no errors, as `scenario` (which purpose `check` leaves out). */
  env?: ScenarioEnv;
}

export type { Diagnostic, Position, Range, Severity } from './diagnostic';
export type * from './model';
export { DEFAULT_TIMEOUT_MS, HTTP_METHODS } from './model';
export type { AnalysisPurpose, AnalyzeOptions, DataFileInfo, DataFileReader } from './dataFiles';
export { dataReferenceOf, DATA_PICKS, DATA_PERS, DATA_EXHAUSTED } from './dataFiles';
export type {
  DataSetIndex,
  Definition,
  NamedRange,
  RequestRange,
  ScenarioIndex,
  TemplateReferenceInfo,
  TemplateScope,
} from './compile/context';
export {
  parseScenarioDocument,
  positionAt,
  offsetAt,
  rangeOfNode,
  rangeOfOffsets,
  nodeAtPath,
} from './document';
export type { ParsedScenario } from './document';
export { scenarioSchema } from './schema';
export { durationToMs, parseThink } from './durations';
export { compileTemplate, renderTemplate, templateReferences, templateProblems } from './templates';
export type { TemplateReference } from './templates';
export { parseTemplateExpr, exprText } from './templateExpression';
export type { TemplateExpr, PathExpr, CallExpr, LiteralExpr } from './templateExpression';
export { TEMPLATE_FUNCTIONS, templateFunction, signatureOf } from './templateFunctions';
export type { TemplateFunction, TemplateFunctionName } from './templateFunctions';
export { dottedRoots, ENV_ROOT } from './templateRoots';
export type { DataSetRoot, DottedRoot, DottedRootProblem } from './templateRoots';
export { parseEventFilter, checkEventFilter, attributesOf } from './filters';
export { BUILTIN_EVENT_TABLE, BUILTIN_EVENTS, builtinEvent } from './events';
export type { BuiltinEvent, EventAttribute } from './events';
export type { FilterProblem, FilterContext } from './filters';
export { parseThreshold, THRESHOLD_METRICS } from './thresholds';
export { closest, editDistance } from './suggest';

/** Parses and validates scenario text. Never throws: every problem is a diagnostic. */
export function analyzeScenario(text: string, options: AnalyzeOptions = {}): Analysis {
  // The index is not returned, so its editor-only lists are not built.
  const { scenario, diagnostics } = analyzeScenarioDetailed(text, { purpose: 'run', ...options });
  return scenario ? { scenario, diagnostics } : { diagnostics };
}

/** analyzeScenario plus the parsed document and the index of names (for the language server). */
export function analyzeScenarioDetailed(text: string, options: AnalyzeOptions = {}): DetailedAnalysis {
  let parsed: ParsedScenario | undefined;
  try {
    const deep = excessiveNesting(text);
    if (deep) return tooDeep(text, deep.offset);
    if (options.purpose === 'check') {
      const clean = checkCleanItemwise(text, options);
      if (clean) return clean;
    }
    parsed = parseScenarioDocument(text);
    return analyzeParsed(parsed, options);
  } catch (e) {
    // A bug of ours must not take the editor or the CLI down: it becomes one diagnostic.
    const message = e instanceof Error ? e.message : String(e);
    const fallback = parsed ?? unparsedScenario(text);
    return {
      parsed: fallback,
      index: emptyIndex(),
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 'error',
          code: 'internal-error',
          message: `Stampede could not analyse this file (internal error: ${message})`,
        },
      ],
    };
  }
}

/** Text nested deeper than any scenario is refused before the parser recurses into it. */
function tooDeep(text: string, offset: number): DetailedAnalysis {
  const parsed = unparsedScenario(text);
  const diagnostic: Diagnostic = {
    range: rangeOfOffsets(parsed, offset, offset + 1),
    severity: 'error',
    code: 'too-deep',
    message: `the text nests deeper than ${MAX_NESTING} levels here; no scenario needs that (look for unclosed \`[\` or \`{\`)`,
  };
  return { parsed, index: emptyIndex(), diagnostics: [diagnostic] };
}

function analyzeParsed(parsed: ParsedScenario, options: AnalyzeOptions): DetailedAnalysis {
  const report = new Reporter(parsed);
  const { doc } = parsed;
  for (const e of doc.errors) {
    let end = e.pos[1];
    // yaml points at the first character of a repeated key: underline the whole key.
    if (e.code === 'DUPLICATE_KEY')
      end =
        e.pos[0] +
        (/^[^:\n]*?(?=\s*:(\s|$))/.exec(parsed.text.slice(e.pos[0], e.pos[0] + 512))?.[0].length ?? 1);
    report.add(
      rangeOfOffsets(parsed, e.pos[0], Math.max(end, e.pos[1])),
      'error',
      'yaml-syntax',
      yamlMessage(e.message),
    );
  }
  for (const w of doc.warnings) {
    report.add(rangeOfOffsets(parsed, w.pos[0], w.pos[1]), 'warning', 'yaml-warning', yamlMessage(w.message));
  }
  const ctx = new Ctx(parsed, report, options);
  if (doc.errors.length) {
    // Broken YAML: show only the syntax errors (anything else would be noise), but still index
    // the names so completion keeps working while the person types.
    const quiet = new Ctx(parsed, new Reporter(parsed), options);
    safeCompile(quiet);
    return { parsed, index: quiet.index, diagnostics: report.sorted() };
  }
  const contents = doc.contents;
  const empty =
    contents === null ||
    (contents.range !== undefined && contents.range[0] === contents.range[1] && doc.toJS() == null);
  if (empty) {
    report.add(
      rangeOfOffsets(parsed, 0, 0),
      'error',
      'empty',
      'the scenario is empty: start with `name:`, `target:`, `load:` and `users:`',
    );
    return { parsed, index: ctx.index, diagnostics: report.sorted() };
  }
  // The schema check runs on the plain value before the compiler, so the value (~1.5 bytes per
  // byte of YAML) is garbage before the compiled scenario grows; its problems are added after the
  // compiler's, whose messages are more specific at the same range (Reporter.addLater).
  const schemaReport = new Reporter(parsed, false);
  const shape = checkShape(parsed, contents.range, schemaReport);
  if (shape !== 'mapping') {
    report.addLater(schemaReport);
    return { parsed, index: ctx.index, diagnostics: report.sorted() };
  }
  const scenario = compileScenario(ctx);
  reportStrayTemplates(ctx);
  report.addLater(schemaReport);
  const diagnostics = report.sorted();
  // An output path outside the folder is an error for the person, but not for the engine: a worker
  // never writes results, and the master checks the resolved paths again before the run.
  const ok = !diagnostics.some((d) => d.severity === 'error' && d.code !== OUTPUT_OUTSIDE_CODE);
  if (!ok || !scenario) return { parsed, index: ctx.index, diagnostics };
  const env = { env: scenario.env, secrets: scenario.secrets, envUses: scenario.envUses };
  // Without its steps (purpose `check`) the compiled scenario is not one to run: it stays here.
  return ctx.keepSteps
    ? { scenario, env, parsed, index: ctx.index, diagnostics }
    : { env, parsed, index: ctx.index, diagnostics };
}

/**
 * The document as a plain value, checked against the JSON Schema. Not a mapping (or not
 * convertible): that one problem, and the analysis stops there.
 */
function checkShape(
  parsed: ParsedScenario,
  range: readonly number[] | null | undefined,
  report: Reporter,
): 'mapping' | 'not' {
  let value: unknown;
  try {
    value = parsed.doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    report.add(
      rangeOfOffsets(parsed, 0, 0),
      'error',
      'yaml-syntax',
      yamlMessage(e instanceof Error ? e.message : String(e)),
    );
    return 'not';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    report.add(
      rangeOfOffsets(parsed, range?.[0] ?? 0, range?.[1] ?? 0),
      'error',
      'not-a-mapping',
      'a scenario is a mapping of keys (`name:`, `target:`, `load:`, `users:`, ...)',
    );
    return 'not';
  }
  checkAgainstSchema(parsed, value, report);
  return 'mapping';
}

function safeCompile(ctx: Ctx): void {
  try {
    compileScenario(ctx);
  } catch {
    // The index is best effort on broken YAML.
  }
}

/** yaml's messages, without the trailing position (the range already says where). */
function yamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/**
 * Every request's stats name, in document order, without repeats. Given text (or a detailed
 * analysis), it also works on a file with errors, which is what an editor has most of the time.
 */
export function requestNames(from: Scenario | DetailedAnalysis | string): string[] {
  if (typeof from === 'string') return requestNames(analyzeScenarioDetailed(from));
  if ('index' in from) return [...new Set(from.index.requests.map((r) => r.name))];
  return [...new Set(allSteps(from).flatMap((s) => (s.kind === 'request' ? [s.name] : [])))];
}

/** Custom event names declared by `emit` steps, without repeats (from a scenario, an analysis or text). */
export function eventNames(from: Scenario | DetailedAnalysis | string): string[] {
  if (typeof from === 'string') return eventNames(analyzeScenarioDetailed(from));
  if ('index' in from) return [...new Set(from.index.events.map((e) => e.name))];
  return [...new Set(allSteps(from).flatMap((s) => (s.kind === 'emit' ? [s.event] : [])))];
}

/** Every step of every task and loop, and every user kind's `start` and `stop` steps. */
export function allSteps(scenario: Scenario): Step[] {
  return scenario.users.flatMap((u) => [
    ...u.start,
    ...[...u.tasks, ...u.loops].flatMap((t) => t.steps),
    ...u.stop,
  ]);
}
