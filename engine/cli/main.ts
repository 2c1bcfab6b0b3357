// The `stampede` command line: dispatches to one module per command. Errors a person can fix are
// printed as `stampede: message` plus a hint, with the documented exit code; only an internal bug
// prints a stack trace (and says so).
import { setFlagsFromString } from 'node:v8';
import * as checkCommand from './commands/check';
import * as compareCommand from './commands/compare';
import * as demoTargetCommand from './commands/demoTarget';
import * as hostCommand from './commands/host';
import * as importCommand from './commands/import';
import * as masterCommand from './commands/master';
import * as quickCommand from './commands/quick';
import * as runCommand from './commands/run';
import * as runsCommand from './commands/runs';
import * as tryCommand from './commands/try';
import * as workerCommand from './commands/worker';
import { CliError } from './errors';
import { ExitCode } from '../session/exitCode';

// Keep V8's young generation at its initial size (1 MiB semi-spaces) instead of letting it grow to
// 16 MiB: the engine's garbage is short-lived per request, so a bigger nursery buys nothing.
// Measured (docs/benchmarks.md, "Memory"): peak RSS -11 MiB with 1,000 users, -24 MiB at 150k
// req/s, and the same CPU per request. Read by V8 whenever new space would grow, so setting it
// here, before any load, is in time.
setFlagsFromString('--semi-space-growth-factor=1');

export type Command = { run(argv: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Command> = {
  run: () => runCommand,
  check: () => checkCommand,
  quick: () => quickCommand,
  try: () => tryCommand,
  runs: () => runsCommand,
  compare: () => compareCommand,
  import: () => importCommand,
  'demo-target': () => demoTargetCommand,
  master: () => masterCommand,
  worker: () => workerCommand,
  host: () => hostCommand,
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
    'exit codes: 0 ok, 1 thresholds failed or no request succeeded, 2 invalid input or usage, 3 runtime failure',
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
