// Runs `stampede try --json` in a child process (the engine never runs in the extension host's
// event loop), with VS Code's own runtime as the run's engine is, and reads its one JSON document
// through the guard. No vscode import: tested outside VS Code.
import { fork } from 'node:child_process';
import { isTryResult, type TryResult } from '../common/tryResult';

export interface TryRequest {
  cliPath: string;
  file: string;
  user?: string;
  task?: string;
  demoTarget?: boolean;
  envFile?: string;
  cwd?: string;
  execPath?: string;
}

export type TryOutcome =
  | { kind: 'result'; result: TryResult; exitCode: number }
  /** The try could not run (bad input, exit 2, or a crash): the CLI's own message. */
  | { kind: 'error'; message: string; exitCode: number | null };

/** The JSON document is one line of bounded bodies; anything far bigger is not ours. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export function runTry(req: TryRequest, signal?: AbortSignal): Promise<TryOutcome> {
  const args = ['try', req.file, '--json'];
  if (req.user !== undefined) args.push('--user', req.user);
  if (req.task !== undefined) args.push('--task', req.task);
  if (req.demoTarget) args.push('--demo-target');
  if (req.envFile !== undefined) args.push('--env-file', req.envFile);
  return new Promise((resolve) => {
    const child = fork(req.cliPath, args, {
      execPath: req.execPath ?? process.execPath,
      execArgv: [],
      cwd: req.cwd,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      signal,
    });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MAX_OUTPUT_BYTES) out.push(d);
      else child.kill();
    });
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 8192) stderr += d.toString();
    });
    child.on('error', (err) => {
      if (err.name === 'AbortError') resolve({ kind: 'error', message: 'cancelled', exitCode: null });
    });
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8').trim();
      let doc: unknown;
      try {
        doc = text === '' ? undefined : JSON.parse(text);
      } catch {
        doc = undefined;
      }
      if (isTryResult(doc)) resolve({ kind: 'result', result: doc, exitCode: code ?? 1 });
      else
        resolve({
          kind: 'error',
          message: cliMessage(stderr) || `stampede try ended with exit code ${code}`,
          exitCode: code,
        });
    });
  });
}

/** The CLI's error (`stampede: what` and its hint lines), without the log lines before it. */
function cliMessage(stderr: string): string {
  const at = stderr.indexOf('stampede: ');
  return (at >= 0 ? stderr.slice(at + 'stampede: '.length) : stderr).trim();
}
