// `--env NAME=VALUE` (repeatable) and `--env-file FILE` for `run`, `master` and `check`: the
// sources above the process environment (engine/inputs/envSources.ts has the whole order).
import type { Scenario } from '../../scenario/model';
import { parseEnvFlag, RunInputError, type EnvSources } from '../inputs/envSources';
import { prepareRunInputs, type RunInputs } from '../inputs/runInputs';
import type { FlagSpec, Parsed } from './args';
import { CliError } from './errors';
import { ExitCode } from '../session/exitCode';

export const ENV_FLAGS: Record<string, FlagSpec> = {
  env: { type: 'string', alias: 'e', repeatable: true },
  'env-file': { type: 'string', repeatable: true },
};
export const ENV_USAGE = '[--env NAME=VALUE ...] [--env-file FILE]';

/** A RunInputError as the CLI shows it: message, hint, exit 2. */
export function inputError(err: unknown): unknown {
  return err instanceof RunInputError ? new CliError(err.message, ExitCode.invalidInput, err.hint) : err;
}

export function envSourcesOf(parsed: Parsed): EnvSources {
  try {
    const flags = Object.fromEntries((parsed.lists.env ?? []).map(parseEnvFlag));
    return { flags, envFiles: parsed.lists['env-file'] ?? [], processEnv: process.env };
  } catch (err) {
    throw inputError(err);
  }
}

/** The run's env values, secrets and files; exit 2 naming every missing value. */
export function runInputsOf(parsed: Parsed, scenario: Scenario, file: string): RunInputs {
  const sources = envSourcesOf(parsed);
  try {
    return prepareRunInputs(scenario, file, sources);
  } catch (err) {
    throw inputError(err);
  }
}
