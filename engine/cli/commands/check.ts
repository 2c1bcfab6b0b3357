// `stampede check FILE...`: the language server's diagnostics on the command line, plus what only
// the machine can tell: `{{ env.NAME }}` without a value (a warning: the run would stop with exit
// 2) and multipart files that cannot be read (an error).
import { byStart } from '../../../scenario/diagnostic';
import { parseArgs } from '../args';
import { ENV_FLAGS, ENV_USAGE, envSourcesOf, inputError } from '../envFlags';
import { UsageError } from '../errors';
import { ExitCode } from '../../session/exitCode';
import { inputDiagnostics } from '../inputDiagnostics';
import { loadScenario, printDiagnostics } from '../scenarioFile';

export const summary = 'check scenario files: FILE:LINE:COL: error|warning: message; exit 2 on errors';
const usage = `stampede check FILE [FILE...] ${ENV_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, { ...ENV_FLAGS }, usage);
  const { positionals } = parsed;
  if (!positionals.length) throw new UsageError('check needs a scenario file', usage);
  const sources = envSourcesOf(parsed);
  let errors = 0;
  for (const file of positionals) {
    const loaded = loadScenario(file, 'check');
    let extra: ReturnType<typeof inputDiagnostics> = [];
    try {
      extra = inputDiagnostics(loaded, file, sources);
    } catch (err) {
      throw inputError(err);
    }
    const all = [...loaded.diagnostics, ...extra].sort(byStart);
    printDiagnostics(file, all, (line) => process.stdout.write(line));
    errors += loaded.errors + extra.filter((d) => d.severity === 'error').length;
  }
  return errors > 0 ? ExitCode.invalidInput : ExitCode.ok;
}
