// Everything a run reads from outside the scenario's text, gathered once by the master's side
// before the run starts: env values, the secrets' values (to mask every output), and the files
// multipart bodies upload. Workers get env and files in the start message; they read nothing.
import type { EnvUse, Scenario } from '../../scenario/model';
import { envLookup, RunInputError, type EnvSources } from './envSources';
import { readRunFiles } from './runFiles';
import { loadDataSets, type LoadedDataSet } from '../data/masterData';

export interface RunInputs {
  /** The value of every `{{ env.NAME }}` the scenario reads (nothing else is sent to workers). */
  env: Record<string, string>;
  /** The values of the names in `secrets:` that have one: every output shows them as `***`. */
  secretValues: string[];
  /** Multipart files: path as written in the scenario -> bytes. */
  files: Record<string, Uint8Array>;
  /** Where each env value came from, by name (never the value): shown before the run. */
  origins: Record<string, string>;
  /** The `data:` sets, each file read and parsed once (engine/data/masterData.ts). */
  data?: LoadedDataSet[];
}

export interface MissingEnv {
  name: string;
  /** Every place the name is used (1-based lines in messages). */
  uses: EnvUse[];
}

/** Names read by the scenario that no source gives a value, in order of first use. */
export function missingEnv(
  scenario: Pick<Scenario, 'envUses'>,
  lookup: (name: string) => unknown,
): MissingEnv[] {
  const missing = new Map<string, EnvUse[]>();
  for (const use of scenario.envUses) {
    if (lookup(use.name) !== undefined) continue;
    const uses = missing.get(use.name) ?? [];
    uses.push(use);
    missing.set(use.name, uses);
  }
  return [...missing].map(([name, uses]) => ({ name, uses }));
}

/** `API_TOKEN (used at 12:18, 20:5)` for messages. */
export function describeMissing(file: string, m: MissingEnv): string {
  const at = m.uses.map((u) => `${file}:${u.range.start.line + 1}:${u.range.start.character + 1}`);
  return `${m.name} (used at ${at.join(', ')})`;
}

/** Resolves the run's inputs; throws RunInputError (exit 2) naming every missing value or file. */
export function prepareRunInputs(scenario: Scenario, scenarioPath: string, sources: EnvSources): RunInputs {
  const lookup = envLookup(scenario, scenarioPath, sources);
  const missing = missingEnv(scenario, lookup);
  if (missing.length > 0) {
    const list = missing.map((m) => describeMissing(scenarioPath, m));
    throw new RunInputError(
      `no value for ${missing.length === 1 ? 'the environment variable' : 'the environment variables'} ${list.join('; ')}; nothing was run`,
      'give a value with --env NAME=VALUE or --env-file FILE (in VS Code: the stampede.envFile setting), the environment, a .env file beside the scenario, or a default under `env:` in the scenario',
    );
  }
  const env: Record<string, string> = {};
  const origins: Record<string, string> = {};
  for (const use of scenario.envUses) {
    const { value, from } = lookup(use.name)!;
    env[use.name] = value;
    origins[use.name] = from;
  }
  const secretValues = scenario.secrets.flatMap((name) => {
    const v = lookup(name)?.value;
    return v ? [v] : [];
  });
  return {
    env,
    secretValues,
    files: readRunFiles(scenario, scenarioPath),
    data: loadDataSets(scenario, scenarioPath),
    origins,
  };
}

/**
 * `env: API_TOKEN (--env), BASE (the scenario \`env:\`)`: what the run reads from outside the file,
 * so a person sees a scenario (perhaps from someone else's repository) reaching for a variable
 * it has no business with before anything is sent. Undefined when it reads none.
 */
export function describeOrigins(inputs: RunInputs): string | undefined {
  const names = Object.entries(inputs.origins);
  if (names.length === 0) return undefined;
  return `env: ${names.map(([name, from]) => `${name} (${from})`).join(', ')}`;
}
