// The `stampede` command line: dispatches to one module per command. Errors a person can fix are
// printed as `stampede: message` plus a hint, with the documented exit code; only an internal bug
// prints a stack trace (and says so).
import { CliError, ExitCode } from './errors';

export type Command = { run(argv: string[]): Promise<number>; summary: string };

/** Loaded lazily so that `stampede check` does not load the HTTP engine, and so on. */
const commands: Record<string, () => Command> = {
  run: () => require('./commands/run') as Command,
  check: () => require('./commands/check') as Command,
  quick: () => require('./commands/quick') as Command,
  'demo-target': () => require('./commands/demoTarget') as Command,
  master: () => require('./commands/master') as Command,
  worker: () => require('./commands/worker') as Command,
  host: () => require('./commands/host') as Command,
};
const hidden = new Set(['host']);

function help(): string {
  const lines = Object.entries(commands)
    .filter(([name]) => !hidden.has(name))
    .map(([name, load]) => {
      let summary = '';
      try {
        summary = load().summary;
      } catch {
        summary = '(not available in this build)';
      }
      return `  ${name.padEnd(12)} ${summary}`;
    });
  return [
    'stampede: load testing from the editor and the command line',
    '',
    'usage: stampede <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'exit codes: 0 ok, 1 thresholds failed, 2 invalid input or usage, 3 runtime failure',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? ExitCode.invalidInput : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${process.env.STAMPEDE_VERSION ?? '0.1.0'}\n`);
    return ExitCode.ok;
  }
  const load = commands[name];
  if (!load)
    throw new CliError(
      `unknown command "${name}"`,
      ExitCode.invalidInput,
      'run `stampede help` for the list of commands',
    );
  return load().run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`stampede: ${err.message}\n`);
      if (err.hint) process.stderr.write(`  ${err.hint}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(
        `stampede: internal error (a bug in Stampede, please report it):\n${err instanceof Error ? err.stack : String(err)}\n`,
      );
      process.exitCode = ExitCode.runtimeFailure;
    }
  },
);
