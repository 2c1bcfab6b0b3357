// The engine process the VS Code extension forks (`stampede host`, Node IPC channel). It runs one
// scenario per process: `start` analyses the editor's text and starts the run (with the embedded
// demo target when asked), snapshots and logs go back to the extension, `finished` ends it. When
// the IPC channel closes (the extension died), it stops everything and exits: no orphan load.
import type { EngineToHost, HostToEngine } from '../../common/protocol/host';
import { asHostToEngine } from '../../common/protocol/host';
import { analyzeScenario } from '../../scenario/index';
import { RunInputError } from '../inputs/envSources';
import { describeOrigins, prepareRunInputs, type RunInputs } from '../inputs/runInputs';
import type { Logger } from '../log';
import { startRun } from '../master/index';
import { dataFileInfo } from '../data/readDataFile';
import { createRecorders } from '../recorders/index';
import { checkOutputs } from '../recorders/preflight';
import { runVerdict } from '../stats/verdict';
import type { RunHandle, RunResult } from '../master/types';

/** How the host reaches the extension; `process` in production, a fake in tests. */
export interface HostChannel {
  send(message: EngineToHost): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  /** Called once when the channel closes. */
  onClose(listener: () => void): void;
}

export interface HostDeps {
  startDemoTarget(): Promise<{ url: string; close(): Promise<void> }>;
}

export function ipcChannel(): HostChannel {
  return {
    send: (message) =>
      new Promise((resolve) => {
        if (!process.connected || !process.send) return resolve();
        process.send(message, undefined, undefined, () => resolve());
      }),
    onMessage: (listener) => void process.on('message', listener),
    onClose: (listener) => void process.once('disconnect', listener),
  };
}

/** Exit codes follow the CLI's table: 0 ok, 1 thresholds failed, 2 invalid input, 3 runtime failure. */
function outcome(result: RunResult): { exitCode: number; message: string } {
  if (result.error) return { exitCode: 3, message: result.error };
  const verdict = runVerdict(result.snapshot);
  if (!verdict.ok) return { exitCode: 1, message: verdict.reason };
  const failed = result.snapshot.thresholds?.filter((t) => !t.ok) ?? [];
  if (failed.length)
    return { exitCode: 1, message: `thresholds failed: ${failed.map((t) => t.source).join(', ')}` };
  const s = result.snapshot.total;
  return { exitCode: 0, message: `finished: ${s.requests} requests, ${s.failures} failures` };
}

/** Runs the host until its run finished or the channel closed; resolves with the exit code. */
export function runHost(channel: HostChannel, deps: HostDeps): Promise<number> {
  let handle: RunHandle | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  let started = false;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));

  const log: Logger = {
    debug: () => undefined,
    info: (message) => void channel.send({ kind: 'log', level: 'info', message }),
    warn: (message) => void channel.send({ kind: 'log', level: 'warn', message }),
    error: (message) => void channel.send({ kind: 'log', level: 'error', message }),
  };

  const end = async (exitCode: number, message: string, resultFiles: string[] = []): Promise<void> => {
    await closeDemo?.().catch(() => undefined);
    await channel.send({ kind: 'finished', exitCode, message, resultFiles });
    finish(exitCode);
  };

  const start = async (msg: Extract<HostToEngine, { kind: 'start' }>): Promise<void> => {
    const analysis = analyzeScenario(msg.source, { dataFile: (data) => dataFileInfo(msg.file, data) });
    if (!analysis.scenario) {
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0];
      const where = first
        ? `${msg.file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}`
        : msg.file;
      return end(2, `the scenario has ${errors.length} error(s); nothing was run. ${where}`);
    }
    const o = msg.options;
    // Env values as the CLI resolves them; the setting's file takes --env-file's place, and the
    // environment is the one VS Code has (this process inherits it).
    let inputs: RunInputs;
    try {
      inputs = prepareRunInputs(analysis.scenario, msg.file, {
        envFiles: o.envFile ? [o.envFile] : [],
        processEnv: process.env,
      });
    } catch (err) {
      if (err instanceof RunInputError) return end(2, `${err.message}. ${err.hint}`);
      throw err;
    }
    const origins = describeOrigins(inputs);
    if (origins) log.info(origins);
    const recordTo = {
      scenarioPath: msg.file,
      scenarioName: analysis.scenario.name,
      startedAt: Date.now(),
      resultsDir: o.resultsDir,
    };
    // Before any load: result files that cannot or must not be written (engine/recorders/preflight.ts).
    const outputProblems = checkOutputs(analysis.scenario.output, recordTo);
    if (outputProblems.length) return end(2, outputProblems.join('\n'));
    let target: string | undefined;
    if (o.demoTarget || !analysis.scenario.target) {
      const demo = await deps.startDemoTarget();
      closeDemo = () => demo.close();
      target = demo.url;
      log.info(`using the embedded demo target at ${demo.url}`);
    }
    // Result files as the CLI writes them: the scenario's `output`, or the results folder setting.
    const recorders = createRecorders(analysis.scenario.output, recordTo, log);
    handle = startRun({
      scenarioPath: msg.file,
      source: msg.source,
      scenario: analysis.scenario,
      overrides: { users: o.users, durationMs: o.durationMs, workers: o.workers },
      target,
      // Env values, secrets, files and the test data sets, each data file read and parsed once.
      inputs,
      bind: o.bind,
      heartbeatMs: o.heartbeatMs,
      log,
      onSnapshot: (snapshot, point) => {
        recorders.onSnapshot(snapshot, point);
        void channel.send({ kind: 'snapshot', snapshot, point });
      },
    });
    const result = await handle.done;
    const files = await recorders.finish(result).catch((err: Error) => {
      log.error(`could not write the result files: ${err.message}`);
      return [];
    });
    const { exitCode, message } = outcome(result);
    await end(exitCode, message, files);
  };

  channel.onMessage((raw) => {
    const msg = asHostToEngine(raw);
    if (!msg)
      return log.warn(`ignored an unknown message from the extension: ${JSON.stringify(raw)?.slice(0, 200)}`);
    switch (msg.kind) {
      case 'start':
        if (started) return log.warn('this engine process already runs a scenario; start another process');
        started = true;
        start(msg).catch((err: Error) => void end(3, `the run could not start: ${err.message}`));
        return;
      case 'setUsers':
        handle?.setUsers(msg.users);
        return;
      case 'stop':
        if (handle) void handle.stop();
        else if (!started) void end(0, 'stopped before starting');
        return;
    }
  });

  channel.onClose(() => {
    // The extension is gone: stop the load (final reports, workers quit), then leave.
    if (handle) void handle.stop().then(() => finish(3));
    else void closeDemo?.().finally(() => finish(3));
    if (!started) finish(3);
  });

  return finished;
}
