// Local workers: forked processes of the bundled CLI (`cli.js worker --master ADDR --id ID`, the
// run's secret in STAMPEDE_TOKEN: a process's environment is readable by its user only, argv by all), or
// one worker inside this process over the in-memory transport (workers = 0). The master owns
// them: it learns at once when one exits, and makes sure none outlives the run.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from '../log';
import type { WorkerTransport } from '../transport/types';
import type { WorkerDeps } from '../worker/deps';
import { runWorker } from '../worker/worker';

export interface LocalWorker {
  id: string;
  /** Resolves when the worker has ended (process exit or in-process return). */
  readonly exited: Promise<void>;
  /** Ends it without ceremony (SIGKILL for a process). */
  kill(): void;
}

/**
 * How many local worker processes a run forks: none when the workers are remote (`stampede
 * master`), one per core for `auto`, else the number asked (0: one worker inside the master).
 */
export function localWorkerCount(requested: number | 'auto', remote: boolean): number {
  if (remote) return 0;
  return requested === 'auto' ? Math.max(1, os.availableParallelism()) : Math.max(0, Math.floor(requested));
}

/** The CLI bundle to fork: beside this bundle in dist/, unless overridden (tests from sources). */
export function resolveCliPath(override?: string): string {
  return override ?? process.env.STAMPEDE_CLI ?? path.join(__dirname, 'cli.js');
}

export interface ForkOptions {
  cliPath: string;
  address: string;
  id: string;
  /** The run's secret, handed over in the child's environment. */
  token: string;
  log: Logger;
  onExit(id: string, detail: string): void;
}

export function forkWorker(o: ForkOptions): LocalWorker {
  const args = ['worker', '--master', o.address, '--id', o.id];
  // Sources (tests) run through tsx; the bundle runs as is.
  const execArgv = o.cliPath.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child: ChildProcess = fork(o.cliPath, args, {
    execArgv,
    env: { ...process.env, STAMPEDE_TOKEN: o.token },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      readline.createInterface({ input: stream }).on('line', (line) => o.log.info(`[${o.id}] ${line}`));
  }
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      o.onExit(o.id, signal ? `killed by ${signal}` : `exited with code ${code}`);
      resolve();
    });
    child.once('error', (err) => {
      o.log.error(`worker ${o.id} could not start: ${err.message}`);
    });
  });
  return {
    id: o.id,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export function inProcessWorker(
  id: string,
  transport: WorkerTransport,
  log: Logger,
  deps: WorkerDeps | undefined,
  onExit: (id: string, detail: string) => void,
): LocalWorker {
  const exited = runWorker(transport, { workerId: id, log, deps }).then(
    (r) => onExit(id, r.reason),
    (err: Error) => {
      log.error(`in-process worker failed: ${err.message}`);
      onExit(id, err.message);
    },
  );
  return { id, exited, kill: () => void transport.close() };
}
