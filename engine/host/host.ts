// The engine process the VS Code extension forks (`stampede host`, Node IPC channel). It runs one
// scenario per process: `start` analyses the editor's text and hands it to the one run pipeline
// (engine/session, as the CLI does), snapshots and logs go back to the extension, `finished` ends it. When
// the IPC channel closes (the extension died), it stops everything and exits: no orphan load.
import type { EngineToHost, HostToEngine } from '../../common/protocol/host';
import { asHostToEngine } from '../../common/protocol/host';
import { analyzeScenario } from '../../scenario/index';
import { RunInputError } from '../inputs/envSources';
import { prepareRunInputs, type RunInputs } from '../inputs/runInputs';
import type { Logger } from '../log';
import { dataFileInfo } from '../data/readDataFile';
import { ExitCode } from '../session/exitCode';
import { runSession, type RunSession, type SessionDeps } from '../session/runSession';

/** How the host reaches the extension; `process` in production, a fake in tests. */
export interface HostChannel {
  send(message: EngineToHost): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  /** Called once when the channel closes. */
  onClose(listener: () => void): void;
}

export type HostDeps = Pick<SessionDeps, 'startDemoTarget'>;

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

/** Runs the host until its run finished or the channel closed; resolves with the exit code. */
export function runHost(channel: HostChannel, deps: HostDeps): Promise<number> {
  let session: RunSession | undefined;
  let started = false;
  let stopAsked = false;
  let channelClosed = false;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((r) => (finish = r));

  const log: Logger = {
    debug: () => undefined,
    info: (message) => void channel.send({ kind: 'log', level: 'info', message }),
    warn: (message) => void channel.send({ kind: 'log', level: 'warn', message }),
    error: (message) => void channel.send({ kind: 'log', level: 'error', message }),
  };

  const end = async (exitCode: number, message: string, resultFiles: string[] = []): Promise<void> => {
    // Nobody is listening any more: the run was stopped because the extension went away.
    if (channelClosed) return finish(ExitCode.runtimeFailure);
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
      return end(
        ExitCode.invalidInput,
        `the scenario has ${errors.length} error(s); nothing was run. ${where}`,
      );
    }
    const o = msg.options;
    // Env values as the CLI resolves them; the setting's file takes --env-file's place, and the
    // environment is the one VS Code has (this process inherits it). Data files are read once here.
    let inputs: RunInputs;
    try {
      inputs = prepareRunInputs(analysis.scenario, msg.file, {
        envFiles: o.envFile ? [o.envFile] : [],
        processEnv: process.env,
      });
    } catch (err) {
      if (err instanceof RunInputError) return end(ExitCode.invalidInput, `${err.message}. ${err.hint}`);
      throw err;
    }
    session = runSession(
      { file: msg.file, source: msg.source, scenario: analysis.scenario, inputs },
      msg.options,
      { log, onSnapshot: (snapshot, point) => void channel.send({ kind: 'snapshot', snapshot, point }) },
      { startDemoTarget: deps.startDemoTarget },
    );
    const { exitCode, message, files } = await session.done;
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
        start(msg).catch(
          (err: Error) => void end(ExitCode.runtimeFailure, `the run could not start: ${err.message}`),
        );
        return;
      case 'setUsers':
        session?.setUsers(msg.users);
        return;
      case 'stop':
        // A second stop (the person pressed Stop again) cancels the requests still in flight.
        if (session) void session.stop({ now: stopAsked });
        else if (!started) void end(ExitCode.ok, 'stopped before starting');
        stopAsked = true;
        return;
    }
  });

  channel.onClose(() => {
    // The extension is gone: stop the load (final reports, workers quit), then leave.
    channelClosed = true;
    if (session) void session.stop({ now: true }).then(() => finish(ExitCode.runtimeFailure));
    else finish(ExitCode.runtimeFailure);
  });

  return finished;
}
