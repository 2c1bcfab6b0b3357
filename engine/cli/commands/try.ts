// `stampede try FILE`: one virtual user, one iteration of each user kind, every exchange shown
// (engine/try). Exit 1 when a check fails, 2 for bad input, 3 when the target cannot be reached.
import type { TryResult } from '../../../common/tryResult';
import { startDemoTarget } from '../../demo/server';
import { createSecretMask } from '../../secrets/mask';
import { tryText } from '../../../common/tryText';
import { jsonForTerminal } from '../../../common/untrustedText';
import { chooseIterations, TryChoiceError, tryScenario } from '../../try/tryRun';
import { parseArgs } from '../args';
import { ExitCode } from '../../session/exitCode';
import { CliError, UsageError } from '../errors';
import { ENV_FLAGS, ENV_USAGE, runInputsOf } from '../envFlags';
import { stderrLogger } from '../logger';
import { loadRunnableScenario } from '../scenarioFile';

export const summary =
  'run one iteration with one virtual user and show every request, response, capture and check';
const usage = `stampede try FILE [--user NAME] [--task NAME] [--target URL | --demo-target] [--insecure] [--json] ${ENV_USAGE}`;

export function tryExitCode(r: TryResult): number {
  if (r.unreachable !== undefined) return ExitCode.runtimeFailure;
  return r.ok ? ExitCode.ok : ExitCode.thresholdsFailed;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgs(
    argv,
    {
      user: { type: 'string' },
      task: { type: 'string' },
      target: { type: 'string' },
      'demo-target': { type: 'boolean' },
      insecure: { type: 'boolean', alias: 'k' },
      json: { type: 'boolean' },
      ...ENV_FLAGS,
    },
    usage,
  );
  const { positionals, flags } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'try takes one scenario file' : 'try needs a scenario file',
      usage,
    );
  const file = positionals[0];
  let target = flags.target as string | undefined;
  if (target !== undefined && !/^https?:\/\/[^/]+/.test(target))
    throw new UsageError(`--target needs an http:// or https:// URL (got "${target}")`, usage);
  if (target !== undefined && flags['demo-target'] === true)
    throw new UsageError('give either --target or --demo-target, not both', usage);
  // Output paths are a run's business: try writes no file.
  const { source, scenario } = loadRunnableScenario(file, { allowOutputOutside: true });
  const inputs = runInputsOf(parsed, scenario, file);
  const user = flags.user as string | undefined;
  const task = flags.task as string | undefined;
  try {
    // A --user or --task that names nothing is found before any server starts.
    chooseIterations(scenario, user, task);
  } catch (e) {
    if (e instanceof TryChoiceError) throw new CliError(e.message, ExitCode.invalidInput, e.hint);
    throw e;
  }
  // Log lines (warnings, error texts quoting URLs) mask secrets like every other output.
  const log = createSecretMask(inputs.secretValues).logger(stderrLogger());
  const demo =
    flags['demo-target'] === true || (target === undefined && scenario.target === undefined)
      ? await startDemoTarget()
      : undefined;
  if (demo !== undefined) {
    target = demo.url;
    log.info(
      `${flags['demo-target'] === true ? '' : 'the scenario has no target: '}using the embedded demo target at ${demo.url}`,
    );
  }
  try {
    const result = await tryScenario({
      file,
      source,
      scenario,
      inputs,
      target,
      insecure: flags.insecure === true ? true : undefined,
      user,
      task,
      log,
    });
    if (flags.json === true) process.stdout.write(`${jsonForTerminal(result)}\n`);
    else process.stdout.write(`${tryText(result)}\n`);
    if (result.unreachable !== undefined) log.error(result.unreachable);
    return tryExitCode(result);
  } finally {
    await demo?.close();
  }
}
