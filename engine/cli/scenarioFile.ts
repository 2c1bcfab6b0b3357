// Reading and analysing a scenario file for the CLI: the file's problems are printed the same way
// by `check` and `run`, as FILE:LINE:COL: severity: message (1-based).
import fs from 'node:fs';
import { analyzeScenarioDetailed, durationToMs } from '../../scenario/index';
import type { NamedRange } from '../../scenario/index';
import type { Diagnostic } from '../../scenario/diagnostic';
import type { Scenario } from '../../scenario/model';
import { CliError, ExitCode, UsageError } from './errors';
import { dataFileInfo } from '../data/readDataFile';

export function readScenarioText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
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
  scenario?: Scenario;
  diagnostics: Diagnostic[];
  errors: number;
  /** Multipart file paths as written, with their ranges (for `check`). */
  files: NamedRange[];
}

export function loadScenario(file: string): LoadedScenario {
  const source = readScenarioText(file);
  // Data files are checked from their heads (columns, first rows); the run reads them whole.
  const { scenario, diagnostics, index } = analyzeScenarioDetailed(source, {
    dataFile: (data) => dataFileInfo(file, data),
  });
  const sorted = [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return {
    source,
    scenario,
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === 'error').length,
    files: index.files,
  };
}

/** Loads a scenario for running: its problems go to stderr; any error stops here (exit 2). */
export function loadRunnableScenario(file: string): { source: string; scenario: Scenario } {
  const loaded = loadScenario(file);
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
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
