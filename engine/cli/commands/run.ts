// `stampede run FILE`: run a scenario with the master and local workers.
import { parseArgs, wholeNumber } from '../args';
import { UsageError } from '../errors';
import { ENV_FLAGS, ENV_USAGE } from '../envFlags';
import { runScenarioFile } from '../runFile';
import { durationFlag } from '../scenarioFile';

export const summary =
  'run a scenario file: live progress, a final table, result files, exit 1 if thresholds fail or no request succeeds';
const usage = `stampede run FILE [--users N] [--duration 30s] [--workers N] [--target URL | --demo-target] [--insecure] [--results DIR] [--allow-output-outside] [--force] [--json] [--quiet] ${ENV_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(
    argv,
    {
      users: { type: 'number', alias: 'u' },
      duration: { type: 'string', alias: 'd' },
      workers: { type: 'number', alias: 'w' },
      target: { type: 'string' },
      'demo-target': { type: 'boolean' },
      insecure: { type: 'boolean', alias: 'k' },
      results: { type: 'string' },
      'allow-output-outside': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', alias: 'q' },
      ...ENV_FLAGS,
    },
    usage,
  );
  const { positionals, flags } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'run takes one scenario file' : 'run needs a scenario file',
      usage,
    );
  const file = positionals[0];
  const users = wholeNumber(flags.users as number | undefined, 'users', 1, usage);
  const workers = wholeNumber(flags.workers as number | undefined, 'workers', 0, usage);
  const durationMs = durationFlag(flags.duration, 'duration', 1, usage);
  const target = flags.target as string | undefined;
  if (target !== undefined && !/^https?:\/\/[^/]+/.test(target))
    throw new UsageError(`--target needs an http:// or https:// URL (got "${target}")`, usage);

  return runScenarioFile(file, parsed, {
    users,
    durationMs,
    workers,
    demoTarget: flags['demo-target'] === true,
    target,
    insecure: flags.insecure === true ? true : undefined,
    resultsDir: flags.results as string | undefined,
  });
}
