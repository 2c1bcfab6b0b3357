// `stampede run FILE`: run a scenario with the master and local workers.
import { durationToMs } from '../../../scenario/index';
import { parseArgs, wholeNumber } from '../args';
import { CliError, ExitCode, UsageError } from '../errors';
import { executeRun } from '../execute';
import { formatDiagnostic, loadScenario } from '../scenarioFile';

export const summary =
  'run a scenario file: live progress, a final table, result files, exit 1 if thresholds fail';
const usage =
  'stampede run FILE [--users N] [--duration 30s] [--workers N] [--target URL | --demo-target] [--results DIR] [--json] [--quiet]';

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      users: { type: 'number', alias: 'u' },
      duration: { type: 'string', alias: 'd' },
      workers: { type: 'number', alias: 'w' },
      target: { type: 'string' },
      'demo-target': { type: 'boolean' },
      results: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', alias: 'q' },
    },
    usage,
  );
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'run takes one scenario file' : 'run needs a scenario file',
      usage,
    );
  const file = positionals[0];
  const users = wholeNumber(flags.users as number | undefined, 'users', 1, usage);
  const workers = wholeNumber(flags.workers as number | undefined, 'workers', 0, usage);
  let durationMs: number | undefined;
  if (flags.duration !== undefined) {
    durationMs = durationToMs(String(flags.duration));
    if (durationMs === undefined || durationMs <= 0)
      throw new UsageError(`--duration needs a duration like 30s, 2m or 1h (got "${flags.duration}")`, usage);
  }
  const target = flags.target as string | undefined;
  if (target !== undefined && !/^https?:\/\/[^/]+/.test(target))
    throw new UsageError(`--target needs an http:// or https:// URL (got "${target}")`, usage);

  const loaded = loadScenario(file);
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
  if (loaded.errors > 0 || !loaded.scenario) {
    throw new CliError(
      `${file} has ${loaded.errors} error${loaded.errors === 1 ? '' : 's'}; nothing was run`,
      ExitCode.invalidInput,
      'fix the problems above (`stampede check FILE` lists them)',
    );
  }
  return executeRun({
    file,
    source: loaded.source,
    scenario: loaded.scenario,
    overrides: { users, durationMs, workers },
    json: flags.json === true,
    demoTarget: flags['demo-target'] === true,
    target,
    resultsDir: flags.results as string | undefined,
    record: true,
    progress: flags.quiet !== true,
  });
}
