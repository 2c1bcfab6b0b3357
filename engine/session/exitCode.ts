// The exit codes of every run, whichever front end started it (the table is in the README).
export const ExitCode = {
  ok: 0,
  thresholdsFailed: 1,
  invalidInput: 2,
  runtimeFailure: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
