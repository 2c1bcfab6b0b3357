// Reading and analysing a scenario file for the CLI: the file's problems are printed the same way
// by `check` and `run`, as FILE:LINE:COL: severity: message (1-based).
import fs from 'node:fs';
import { analyzeScenarioDetailed, durationToMs } from '../../scenario/index';
import type { NamedRange, ScenarioEnv } from '../../scenario/index';
import type { Diagnostic } from '../../scenario/diagnostic';
import { byStart } from '../../scenario/diagnostic';
import type { Scenario } from '../../scenario/model';
import { OUTPUT_OUTSIDE_CODE } from '../../scenario/outputPaths';
import { CliError, UsageError } from './errors';
import { ExitCode } from '../session/exitCode';
import { dataFileInfo } from '../data/readDataFile';
import { decodeScenarioBytes, type DecodedScenario } from './utf8';

/** A file with thousands of problems prints this many, then a count of the rest. */
export const MAX_PRINTED_DIAGNOSTICS = 200;

/** The file's text, and a warning when its bytes are not valid UTF-8. */
export function readScenarioText(file: string): DecodedScenario {
  try {
    return decodeScenarioBytes(fs.readFileSync(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
    throw new CliError(
      `cannot read ${file}: ${why}`,
      ExitCode.invalidInput,
      'give the path of a *.load.yaml scenario file',
    );
  }
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const fix = d.suggestion !== undefined ? ` (did you mean \`${d.suggestion}\`?)` : '';
  const msg = fix && d.message.includes('did you mean') ? d.message : d.message + fix;
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${msg}`;
}

export interface LoadedScenario {
  source: string;
  /** Present when there are no errors and the file was loaded to run. */
  scenario?: Scenario;
  /** The env names the scenario declares and uses (for `check`); present when there are no errors. */
  env?: ScenarioEnv;
  diagnostics: Diagnostic[];
  errors: number;
  /** Multipart file paths as written, with their ranges (for `check`). */
  files: NamedRange[];
}

/**
 * Reads and analyses a scenario file. `check` wants its problems only, so the compiled scenario is
 * not kept (a large file's peak memory is then mostly its YAML document, docs/benchmarks.md).
 */
export function loadScenario(file: string, purpose: 'run' | 'check' = 'run'): LoadedScenario {
  const { text: source, warning } = readScenarioText(file);
  // Data files are checked from their heads (columns, first rows); the run reads them whole.
  // Of the index, only `files` is read here: not the editor's lists.
  const { scenario, env, diagnostics, index } = analyzeScenarioDetailed(source, {
    dataFile: (data) => dataFileInfo(file, data),
    purpose,
  });
  const sorted = [...diagnostics, ...(warning ? [warning] : [])].sort(byStart);
  return {
    source,
    scenario,
    env,
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === 'error').length,
    files: index.files,
  };
}

/**
 * Writes a file's problems, one line each, up to MAX_PRINTED_DIAGNOSTICS, then one line counting
 * the rest: a file of 50,000 misspelt keys needs its first screens fixed, not 50,000 lines.
 */
export function printDiagnostics(
  file: string,
  diagnostics: Diagnostic[],
  write: (line: string) => void,
): void {
  const shown = diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS);
  for (const d of shown) write(`${formatDiagnostic(file, d)}\n`);
  const rest = diagnostics.slice(MAX_PRINTED_DIAGNOSTICS);
  if (rest.length === 0) return;
  const errors = rest.filter((d) => d.severity === 'error').length;
  const count = (n: number, word: string): string =>
    `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  write(
    `${file}: ${count(rest.length, 'more problem')} not shown (${count(errors, 'error')}, ${count(rest.length - errors, 'warning')}); fix the first ones and check again\n`,
  );
}

/**
 * Loads a scenario for running: its problems go to stderr; any error stops here (exit 2).
 * `allowOutputOutside` (the person's --allow-output-outside) waives the output-path errors.
 */
export function loadRunnableScenario(
  file: string,
  options: { allowOutputOutside?: boolean } = {},
): { source: string; scenario: Scenario } {
  const loaded = loadScenario(file);
  if (options.allowOutputOutside) {
    loaded.diagnostics = loaded.diagnostics.filter((d) => d.code !== OUTPUT_OUTSIDE_CODE);
    loaded.errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  }
  printDiagnostics(file, loaded.diagnostics, (line) => process.stderr.write(line));
  if (loaded.errors > 0 || !loaded.scenario) {
    throw new CliError(
      `${file} has ${loaded.errors} error${loaded.errors === 1 ? '' : 's'}; nothing was run`,
      ExitCode.invalidInput,
      'fix the problems above (`stampede check FILE` lists them)',
    );
  }
  return { source: loaded.source, scenario: loaded.scenario };
}

/** A duration flag such as `--duration 30s`, at least `minMs`; undefined when absent. */
export function durationFlag(
  value: string | number | boolean | undefined,
  flag: string,
  minMs: number,
  usage: string,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = durationToMs(String(value));
  if (ms === undefined || ms < minMs)
    throw new UsageError(
      `--${flag} needs a duration like 30s, 2m or 1h${minMs > 1 ? ` (at least ${minMs}ms)` : ''} (got "${String(value)}")`,
      usage,
    );
  return ms;
}
