// Starts one run in an engine process and talks to it (common/protocol/host.ts). No vscode import
// here on purpose: the extension's edge stays thin, and this file is tested outside VS Code.
//
// The engine is `dist/cli.js host`, forked with VS Code's own runtime (process.execPath with
// ELECTRON_RUN_AS_NODE=1), so nobody needs Node installed and zeromq's Node-API binary loads.
// On POSIX the engine leads its own process group, and the workers it forks join that group:
// ending the group ends every process of the run, even when the engine itself misbehaves.
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type { EngineToHost, HostToEngine, RunOverrides } from '../common/protocol/host';
import { asEngineToHost } from '../common/protocol/host';
import type { HistoryPoint, RunSnapshot } from '../common/snapshot';
import { RunHistory } from './runHistory';

export interface EngineHostOptions {
  /** Absolute path of the bundled CLI (dist/cli.js). */
  cliPath: string;
  /** Runtime that runs the CLI; default process.execPath (VS Code's Electron, or node in tests). */
  execPath?: string;
  /** Extra environment for the engine. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** After `stop`, how long the engine may take to send its final report before it is ended. */
  stopGraceMs?: number;
  /** After SIGTERM, how long before SIGKILL. */
  killGraceMs?: number;
}

export interface RunRequest {
  /** Path of the scenario file. */
  file: string;
  /** Its text as the editor has it (unsaved changes included). */
  source: string;
  options: RunOverrides;
}

export interface EngineListeners {
  onSnapshot?(snapshot: RunSnapshot, point: HistoryPoint): void;
  onLog?(level: 'info' | 'warn' | 'error', message: string): void;
}

/** How a run ended. `crashed` is set when the engine exited without sending `finished`. */
export interface RunOutcome {
  exitCode: number;
  message: string;
  resultFiles: string[];
  crashed: boolean;
  snapshot: RunSnapshot | null;
  history: HistoryPoint[];
}

export type EngineRunState = 'running' | 'stopping' | 'finished';

const STDERR_TAIL_CHARS = 4000;

/** One run in one engine process. Create it with `startRun`. */
export class EngineRun {
  readonly history = new RunHistory();
  readonly done: Promise<RunOutcome>;
  private readonly child: ChildProcess;
  private finished: Omit<RunOutcome, 'snapshot' | 'history' | 'crashed'> | undefined;
  private exited = false;
  private runState: EngineRunState = 'running';
  private stderrTail = '';
  private spawnError: string | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private resolveDone!: (outcome: RunOutcome) => void;

  constructor(
    readonly request: RunRequest,
    private readonly spawnOptions: Required<Pick<EngineHostOptions, 'stopGraceMs' | 'killGraceMs'>> &
      EngineHostOptions,
    private readonly listeners: EngineListeners,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.child = fork(this.spawnOptions.cliPath, ['host'], {
      execPath: this.spawnOptions.execPath ?? process.execPath,
      execArgv: [],
      cwd: this.spawnOptions.cwd,
      env: { ...process.env, ...this.spawnOptions.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
      serialization: 'json',
    });
    this.child.on('message', (m) => this.onMessage(m));
    const stdout = lineSplitter((line) => this.log('info', line));
    const stderr = lineSplitter((line) => this.log('warn', line));
    this.child.stdout?.setEncoding('utf8').on('data', stdout.push).on('end', stdout.flush);
    this.child.stderr
      ?.setEncoding('utf8')
      .on('data', (d: string) => {
        this.stderrTail = (this.stderrTail + d).slice(-STDERR_TAIL_CHARS);
        stderr.push(d);
      })
      .on('end', stderr.flush);
    this.child.on('error', (e) => {
      this.log('error', `engine process: ${e.message}`);
      // A runtime that could not be spawned emits no 'exit': end the run here.
      if (this.child.pid === undefined) {
        this.spawnError = `Could not start the engine (${this.spawnOptions.execPath ?? process.execPath}${this.spawnOptions.cwd ? ` in ${this.spawnOptions.cwd}` : ''}): ${e.message}`;
        void this.onExit(null, null);
      }
    });
    this.child.on('exit', (code, signal) => void this.onExit(code, signal));
    this.send({ kind: 'start', file: request.file, source: request.source, options: request.options });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get state(): EngineRunState {
    return this.runState;
  }

  setUsers(users: number): void {
    if (this.runState === 'running') this.send({ kind: 'setUsers', users });
  }

  /**
   * Asks the engine to stop; it sends a final snapshot and `finished`, then exits. An engine that
   * has not finished within `stopGraceMs` is ended (SIGTERM, then SIGKILL). Resolves with the outcome.
   */
  stop(graceMs = this.spawnOptions.stopGraceMs): Promise<RunOutcome> {
    if (this.runState === 'running') {
      this.runState = 'stopping';
      this.send({ kind: 'stop' });
      this.after(graceMs, () => this.terminate());
    }
    return this.done;
  }

  /** For deactivate: stop with a short grace, so VS Code's shutdown is not held up. */
  dispose(): Promise<RunOutcome> {
    return this.stop(Math.min(this.spawnOptions.stopGraceMs, 2000));
  }

  private onMessage(raw: unknown): void {
    const m: EngineToHost | undefined = asEngineToHost(raw);
    if (m === undefined) {
      this.log('warn', `ignored an unknown message from the engine: ${JSON.stringify(raw).slice(0, 200)}`);
      return;
    }
    switch (m.kind) {
      case 'snapshot':
        this.history.add(m.snapshot, m.point);
        this.listeners.onSnapshot?.(m.snapshot, m.point);
        return;
      case 'log':
        this.log(m.level, m.message);
        return;
      case 'finished':
        this.finished = { exitCode: m.exitCode, message: m.message, resultFiles: m.resultFiles };
        this.runState = 'finished';
        // Closing the channel lets a well-behaved engine exit by itself; one that lingers is ended.
        if (this.child.connected) this.child.disconnect();
        this.after(this.spawnOptions.killGraceMs, () => this.terminate());
        return;
    }
  }

  private async onExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    this.runState = 'finished';
    // 'exit' can come before the last IPC messages are read; `finished` may still be in the pipe.
    if (this.child.connected) await this.disconnected(this.spawnOptions.killGraceMs);
    // Workers left behind by an engine that died are ended with it: no orphan load.
    await this.endProcessGroup();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const finished = this.finished ?? {
      exitCode: 3,
      message:
        this.spawnError ??
        `The engine stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}).${this.stderrTail ? ` Last output:\n${this.stderrTail.trim()}` : ''}`,
      resultFiles: [],
    };
    this.resolveDone({
      ...finished,
      crashed: this.finished === undefined,
      snapshot: this.history.latest,
      history: this.history.history,
    });
  }

  private disconnected(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      this.child.once('disconnect', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** SIGTERM to the whole group, then SIGKILL after the grace period if anything is still alive. */
  private terminate(): void {
    if (this.exited) return;
    this.signal('SIGTERM');
    this.after(this.spawnOptions.killGraceMs, () => this.signal('SIGKILL'));
  }

  /** Waits (bounded) until no process of the group is left, then SIGKILLs what remains. */
  private async endProcessGroup(): Promise<void> {
    if (process.platform === 'win32' || this.child.pid === undefined || !groupAlive(this.child.pid)) return;
    this.signal('SIGTERM');
    const deadline = Date.now() + this.spawnOptions.killGraceMs;
    while (groupAlive(this.child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (groupAlive(this.child.pid)) this.signal('SIGKILL');
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill(sig);
      else process.kill(-pid, sig);
    } catch {
      // Already gone: nothing to end.
    }
  }

  private send(message: HostToEngine): void {
    if (!this.child.connected) return;
    this.child.send(message, (err) => {
      if (err) this.log('warn', `could not send "${message.kind}" to the engine: ${err.message}`);
    });
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private log(level: 'info' | 'warn' | 'error', text: string): void {
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') this.listeners.onLog?.(level, line);
  }
}

/**
 * True while a living process of the group `pgid` exists. On Linux, zombies (dead, waiting to be
 * reaped; in a container whose init does not reap they wait forever) do not count.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  return livingProcesses((stat) => stat.pgrp === pgid).length > 0;
}

/** True while the process `pid` exists and is not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  return livingProcesses((stat) => stat.pid === pid).length > 0;
}

interface ProcStat {
  pid: number;
  state: string;
  pgrp: number;
}

/** Linux only: processes from /proc that match, zombies left out. */
function livingProcesses(match: (stat: ProcStat) => boolean): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // Ended while we looked.
    }
    // `pid (comm) state ppid pgrp ...`; comm may hold spaces and parentheses, so split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const stat = { pid: Number(name), state: rest[0] ?? '', pgrp: Number(rest[2]) };
    if (stat.state !== 'Z' && stat.state !== 'X' && match(stat)) found.push(stat.pid);
  }
  return found;
}

/** Hands complete lines to `onLine`: a chunk of a pipe may end in the middle of one. */
export function lineSplitter(onLine: (line: string) => void): {
  push: (chunk: string) => void;
  flush: () => void;
} {
  let partial = '';
  return {
    push: (chunk) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    flush: () => {
      if (partial !== '') onLine(partial);
      partial = '';
    },
  };
}

/** Forks an engine process and starts the run. */
export function startRun(
  request: RunRequest,
  host: EngineHostOptions,
  listeners: EngineListeners = {},
): EngineRun {
  return new EngineRun(request, { stopGraceMs: 15_000, killGraceMs: 3_000, ...host }, listeners);
}
