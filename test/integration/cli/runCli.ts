// The bundled CLI in a child process, as a person and CI run it (build first: `npm test` does).
// The one way integration tests start dist/cli.js: `runCli` waits for the exit, `startCli` hands
// back the process for tests that act while it runs (Ctrl-C, scrapes, killing a worker).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const CLI = path.resolve('dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in the order their chunks arrived (what a terminal shows). */
  output: string;
}

export interface CliOptions {
  /** Added to (or overriding) this process's environment; the child never runs without PATH etc. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to the CLI's stdin, which is then closed (without it stdin is not connected). */
  input?: string;
  /**
   * Start the CLI under this open-file limit (RLIMIT_NOFILE soft:hard), set by /bin/sh's `ulimit`
   * before it execs Node. The arguments are sh's positional parameters, never parsed by it.
   */
  openFileLimit?: { soft: number; hard: number };
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process has exited and its output streams have ended. */
  exited: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr so far matches `pattern`; rejects if the CLI exits first. */
  until(pattern: RegExp): Promise<void>;
  /** Ctrl-C (SIGINT), as a person stops a run. */
  interrupt(): void;
}

export function startCli(args: string[], options: CliOptions = {}): CliProcess {
  const limit = options.openFileLimit;
  const [command, argv] =
    limit === undefined
      ? [process.execPath, [CLI, ...args]]
      : [
          '/bin/sh',
          [
            '-c',
            'ulimit -Sn "$2" && ulimit -Hn "$1" && shift 2 && exec "$@"',
            'sh',
            String(limit.hard),
            String(limit.soft),
            process.execPath,
            CLI,
            ...args,
          ],
        ];
  const child = spawn(command, argv, {
    cwd: options.cwd,
    env: options.env === undefined ? process.env : { ...process.env, ...options.env },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let output = '';
  let closed: string | undefined;
  const waiters: Array<{ pattern: RegExp; resolve: () => void; reject: (e: Error) => void }> = [];
  const matches = (pattern: RegExp) => pattern.test(stdout) || pattern.test(stderr);
  const check = () => {
    for (const w of waiters.splice(0)) {
      if (matches(w.pattern)) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    output += d;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    output += d;
    check();
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      closed = `the CLI exited (${code})`;
      // A wait that can no longer be met fails with what the CLI said, rather than hanging the test.
      for (const w of waiters.splice(0))
        w.reject(new Error(`${closed} before its output matched ${w.pattern}:\n${output}`));
      resolve({ code, stdout, stderr, output });
    }),
  );
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    interrupt: () => void child.kill('SIGINT'),
    until: (pattern) =>
      new Promise((resolve, reject) => {
        if (matches(pattern)) resolve();
        else if (closed !== undefined)
          reject(new Error(`${closed} before its output matched ${pattern}:\n${output}`));
        else waiters.push({ pattern, resolve, reject });
      }),
  };
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited;
}
