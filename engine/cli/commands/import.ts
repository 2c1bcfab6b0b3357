// `stampede import FILE|- [--from KIND] [-o NEW.load.yaml] [--assets] [--force]`: a curl command,
// .http file, HAR, Postman collection or OpenAPI document becomes a scenario (stdout, or the -o
// file). What could not be imported is kept as comments in the scenario and listed on stderr.
// The importer is a bundle of its own (dist/importer.js), loaded only here: its parsers do not
// slow down every worker's start.
import fs from 'node:fs';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../../session/exitCode';
import type * as Importer from '../../import/index';
import type { ImportKind } from '../../import/index';

/** The importer, loaded on first use (in the bundle: dist/importer.js, see esbuild.mjs). */
function loadImporter(): typeof Importer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../import/index') as typeof Importer;
}

export const summary = 'make a scenario from curl, a .http file, a HAR, a Postman collection or OpenAPI';
const usage =
  'stampede import FILE|- [--from curl|http|har|postman|openapi] [-o NEW.load.yaml] [--assets] [--force]';

/** The input's text; `-` is standard input. A file that cannot be read is a CliError (exit 2). */
function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err)}`,
      ExitCode.invalidInput,
      'give a file to import, or - for standard input',
    );
  }
}

export async function run(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(
    argv,
    {
      from: { type: 'string', alias: 'f' },
      output: { type: 'string', alias: 'o' },
      assets: { type: 'boolean' },
      force: { type: 'boolean' },
    },
    usage,
  );
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? 'import takes one input' : 'import needs a file (or - for standard input)',
      usage,
    );
  const importer = loadImporter();
  const from = flags.from as string | undefined;
  if (from !== undefined && !(importer.IMPORT_KINDS as readonly string[]).includes(from))
    throw new UsageError(`--from must be one of ${importer.IMPORT_KINDS.join(', ')} (got "${from}")`, usage);
  const output = flags.output as string | undefined;
  if (output !== undefined && fs.existsSync(output) && flags.force !== true)
    throw new CliError(
      `${output} exists; nothing was written`,
      ExitCode.invalidInput,
      'choose another -o file, or add --force to replace it',
    );
  const file = positionals[0];
  const text = readInput(file);
  let result;
  try {
    result = await importer.importScenario(text, {
      from: from as ImportKind | undefined,
      fileName: file === '-' ? undefined : file,
      filePath: file === '-' ? undefined : file,
      assets: flags.assets === true,
    });
  } catch (err) {
    if (err instanceof importer.ImportError)
      throw new CliError(
        `cannot import ${file === '-' ? 'standard input' : file}: ${err.message}`,
        ExitCode.invalidInput,
        err.hint,
      );
    throw err;
  }
  for (const note of result.notes) process.stderr.write(`stampede import: not imported: ${note}\n`);
  for (const s of result.secrets)
    process.stderr.write(
      `stampede import: secret ${s.name} (${s.from}): give it with --env ${s.name}=... when you run\n`,
    );
  if (output === undefined) process.stdout.write(result.yaml);
  else {
    fs.writeFileSync(output, result.yaml, { flag: flags.force === true ? 'w' : 'wx' });
    process.stderr.write(
      `stampede import: wrote ${output} (${result.kind}); check it with \`stampede check ${output}\`\n`,
    );
  }
  return ExitCode.ok;
}
