// Reading and analysing a scenario file for the CLI: the file's problems are printed the same way
// by `check` and `run`, as FILE:LINE:COL: severity: message (1-based).
import fs from 'node:fs';
import { analyzeScenario } from '../../scenario/index';
import type { Diagnostic } from '../../scenario/diagnostic';
import type { Scenario } from '../../scenario/model';
import { CliError, ExitCode } from './errors';

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
}

export function loadScenario(file: string): LoadedScenario {
  const source = readScenarioText(file);
  const { scenario, diagnostics } = analyzeScenario(source);
  const sorted = [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return {
    source,
    scenario,
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === 'error').length,
  };
}
