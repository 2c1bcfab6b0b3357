// Where `{{ env.NAME }}` values come from, highest first: `--env NAME=VALUE` (and the editor's
// nothing), `--env-file FILE` (the editor's `stampede.envFile`), the process environment (the
// editor's own), a `.env` file beside the scenario, and the scenario's `env:` defaults.
// .env files are parsed by `dotenv` (the format every Node tool reads: quotes, `export`, comments,
// multi-line values), never executed.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { Scenario } from '../../scenario/model';

export interface EnvSources {
  /** `--env NAME=VALUE`, already split; the last one of a name wins. */
  flags?: Readonly<Record<string, string>>;
  /** `--env-file FILE` or the editor's setting: read in order, a later file wins. */
  envFiles?: readonly string[];
  /** The process environment (the CLI's, or VS Code's for the editor). */
  processEnv: Readonly<Record<string, string | undefined>>;
}

/** A problem with the person's input, before the run starts (exit 2). */
export class RunInputError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** One value and where it came from (for messages; never the value itself in an output). */
export interface EnvValue {
  value: string;
  from: string;
}

export const DOTENV_FILE = '.env';

/** Reads a .env file; undefined when it does not exist and `optional`. */
export function readEnvFile(file: string, optional: boolean): Record<string, string> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (optional && code === 'ENOENT') return undefined;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
    throw new RunInputError(
      `cannot read the env file ${file}: ${why}`,
      'give a file of NAME=VALUE lines (the .env format)',
    );
  }
  return parseDotenv(text);
}

/** `NAME=VALUE` from `--env`; the value may contain `=`. */
export function parseEnvFlag(flag: string): [string, string] {
  const eq = flag.indexOf('=');
  const name = eq > 0 ? flag.slice(0, eq) : '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new RunInputError(
      `--env needs NAME=VALUE with a name of letters, digits and _ (got "${eq > 0 ? name : flag}")`,
      'for example --env API_TOKEN=abc123 (repeat --env for more names)',
    );
  return [name, flag.slice(eq + 1)];
}

/** A lookup over every source, highest first. Files are read once, here. */
export function envLookup(
  scenario: Pick<Scenario, 'env'>,
  scenarioPath: string,
  sources: EnvSources,
): (name: string) => EnvValue | undefined {
  const files = (sources.envFiles ?? []).map((f) => ({ from: f, values: readEnvFile(f, false) ?? {} }));
  const besidePath = path.join(path.dirname(path.resolve(scenarioPath)), DOTENV_FILE);
  const beside = readEnvFile(besidePath, true);
  const has = (
    o: Readonly<Record<string, string | undefined>> | undefined,
    n: string,
  ): o is Record<string, string> =>
    o !== undefined && Object.prototype.hasOwnProperty.call(o, n) && o[n] !== undefined;
  return (name) => {
    if (has(sources.flags, name)) return { value: sources.flags[name], from: '--env' };
    for (let i = files.length - 1; i >= 0; i--)
      if (has(files[i].values, name)) return { value: files[i].values[name], from: files[i].from };
    if (has(sources.processEnv, name)) return { value: sources.processEnv[name], from: 'the environment' };
    if (has(beside, name)) return { value: beside[name], from: besidePath };
    if (has(scenario.env, name)) return { value: scenario.env[name], from: 'the scenario `env:`' };
    return undefined;
  };
}
