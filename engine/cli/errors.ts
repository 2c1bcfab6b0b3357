// Errors a person can act on. The CLI prints `message` and `hint` (never a stack trace) and exits
// with `exitCode`. The table of exit codes is in the README.

import { ExitCode } from '../session/exitCode';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.invalidInput,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A mistake in how the command was called: exit 2, with the usage line as hint. */
export class UsageError extends CliError {
  constructor(message: string, usage?: string) {
    super(message, ExitCode.invalidInput, usage ? `usage: ${usage}` : 'run `stampede help` for usage');
  }
}
