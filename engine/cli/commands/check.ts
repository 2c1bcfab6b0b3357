// `stampede check FILE...`: the language server's diagnostics on the command line.
import { parseArgs } from '../args';
import { ExitCode, UsageError } from '../errors';
import { loadScenario, printDiagnostics } from '../scenarioFile';

export const summary = 'check scenario files: FILE:LINE:COL: error|warning: message; exit 2 on errors';
const usage = 'stampede check FILE [FILE...]';

export async function run(argv: string[]): Promise<number> {
  const { positionals } = parseArgs(argv, {}, usage);
  if (!positionals.length) throw new UsageError('check needs a scenario file', usage);
  let errors = 0;
  for (const file of positionals) {
    const loaded = loadScenario(file);
    printDiagnostics(file, loaded.diagnostics, (line) => process.stdout.write(line));
    errors += loaded.errors;
  }
  return errors > 0 ? ExitCode.invalidInput : ExitCode.ok;
}
