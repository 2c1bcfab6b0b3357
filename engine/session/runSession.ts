// One run from start to verdict, the same for every front end (the CLI's run, quick and master
// commands, and the editor's engine process): the embedded demo target when asked (or when the
// scenario has no target), the master with its workers, the recorders, and the outcome. The front
// ends only translate: flags or IPC options in, progress and the verdict out.
import path from 'node:path';
import type { RunOverrides } from '../../common/protocol/host';
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Scenario } from '../../scenario/model';
import type { Logger } from '../log';
import { startRun } from '../master/run';
import type { MasterOptions } from '../master/run';
import type { RunHandle, RunResult } from '../master/types';
import { describeOrigins, type RunInputs } from '../inputs/runInputs';
import { createRecorders, type Recorder } from '../recorders/index';
import { checkOutputs, type OutputPolicy } from '../recorders/preflight';
import { createSecretMask } from '../secrets/mask';
import { checkPostgres } from '../recorders/postgresConnect';
import { postgresTarget } from '../recorders/postgresConfig';
import { openPrometheusOutput, type PrometheusOutput } from '../recorders/prometheusRecorder';
import { ExitCode } from './exitCode';
import { ListenerError, openEventListeners, type EventListeners } from '../events/listeners';
import { runOutcome, type RunOutcome } from './outcome';
import { runSettings } from './runSettings';
import { checkFdLimits } from './fdPreflight';
import { checkSourceAddresses } from '../http/sourceAddressCheck';

/** A scenario that passed analysis (no errors), with the text the workers will analyse again. */
export interface SessionScenario {
  /** Path of the scenario file (messages, and relative output paths). */
  file: string;
  source: string;
  scenario: Scenario;
  /** Env values, secrets to mask, multipart files and data sets (engine/inputs); quick runs have none. */
  inputs?: RunInputs;
  /** --allow-output-outside and --force (the editor allows neither). */
  outputPolicy?: OutputPolicy;
  /** A file the Markdown summary is appended to (GitHub's `GITHUB_STEP_SUMMARY`, from `stampede run`). */
  stepSummary?: string;
}

/** Where the session's output goes. */
export interface SessionSinks {
  log: Logger;
  /** Every snapshot ('starting' ones included), after the recorders have seen it. */
  onSnapshot?(snapshot: RunSnapshot, point: HistoryPoint): void;
}

export interface SessionDeps {
  startDemoTarget(): Promise<{ url: string; close(): Promise<void> }>;
  /** Test seams and timings of the master. */
  master?: MasterOptions;
}

export interface SessionEnd extends RunOutcome {
  /** Undefined when the run could not be set up at all (the demo target or the master failed). */
  result?: RunResult;
  /** Result files written (none for a run that never started). */
  files: string[];
}

export interface RunSession {
  /** Change the user count live (closed model). */
  setUsers(users: number): void;
  /**
   * Stop early. The first call gives requests in flight the scenario's grace period; a call with
   * `now` (a second Ctrl+C) cancels them at once. Resolves when the run has ended.
   */
  stop(options?: { now?: boolean }): Promise<void>;
  /** Resolves once, when the run has ended and its files are written. Never rejects. */
  readonly done: Promise<SessionEnd>;
}

export function runSession(
  input: SessionScenario,
  overrides: RunOverrides,
  sinks: SessionSinks,
  deps: SessionDeps,
): RunSession {
  const { log } = sinks;
  let handle: RunHandle | undefined;
  let stopAsked: { now?: boolean } | undefined;
  let demo: { url: string; close(): Promise<void> } | undefined;
  let listeners: EventListeners | undefined;
  let prometheus: PrometheusOutput | undefined;

  const execute = async (): Promise<SessionEnd> => {
    const origins = input.inputs && describeOrigins(input.inputs);
    if (origins) log.info(origins);
    const recordTo = {
      scenarioPath: input.file,
      scenarioName: input.scenario.name,
      startedAt: Date.now(),
      resultsDir: overrides.resultsDir,
      env: input.inputs?.env,
    };
    // Before any load: result files that cannot or must not be written stop the run here (exit 2).
    const outputProblems =
      overrides.record !== false ? checkOutputs(input.scenario.output, recordTo, input.outputPolicy) : [];
    if (outputProblems.length)
      return { exitCode: ExitCode.invalidInput, message: outputProblems.join('\n'), files: [] };
    // Sockets beyond the open-file limit would die with EMFILE mid-run: refuse now, saying what to change.
    const demoWanted = overrides.demoTarget === true || (!overrides.target && !input.scenario.target);
    const fdLimitProblem = checkFdLimits(input.scenario, overrides, demoWanted);
    if (fdLimitProblem) return { exitCode: ExitCode.invalidInput, message: fdLimitProblem, files: [] };
    // Connections from an address this machine does not have would all fail: local workers only
    // (remote workers' machines have their own addresses).
    const sources = overrides.expectWorkers === undefined ? input.scenario.sourceAddresses : undefined;
    const sourceProblem = sources && (await checkSourceAddresses(sources));
    if (sourceProblem) return { exitCode: ExitCode.invalidInput, message: sourceProblem, files: [] };
    // A database that is down or refuses the login is found here too, before any load.
    const postgres = overrides.record !== false ? input.scenario.output.postgres : undefined;
    const postgresProblem =
      postgres && (await checkPostgres(postgresTarget(postgres, recordTo.env ?? {}), log));
    if (postgresProblem) return { exitCode: ExitCode.invalidInput, message: postgresProblem, files: [] };
    // A /metrics port in use or a receiver that cannot take a write stops the run here too.
    const prometheusSpec = overrides.record !== false ? input.scenario.output.prometheus : undefined;
    if (prometheusSpec) {
      const opened = await openPrometheusOutput(prometheusSpec, log, recordTo.env ?? {});
      if ('problem' in opened) return { exitCode: ExitCode.invalidInput, message: opened.problem, files: [] };
      prometheus = opened;
    }
    let target = overrides.target;
    if (demoWanted) {
      demo = await deps.startDemoTarget();
      target = demo.url;
      log.info(
        `${overrides.demoTarget ? '' : 'the scenario has no target: '}using the embedded demo target at ${demo.url}`,
      );
    }
    // The system under test's events need their listeners before any load: a port in use is exit 2.
    const specs = input.scenario.events ?? [];
    if (specs.length) {
      try {
        listeners = await openEventListeners(specs, input.inputs?.env ?? input.scenario.env, log);
      } catch (err) {
        await closeDemo();
        if (err instanceof ListenerError)
          return { exitCode: ExitCode.invalidInput, message: err.problems.join('\n'), files: [] };
        throw err;
      }
    }
    // Recorders are made when the run has started, so a run that never started writes no file.
    let recorders: Recorder | undefined;
    const onSnapshot = (snapshot: RunSnapshot, point: HistoryPoint): void => {
      if (overrides.record !== false && !recorders && snapshot.state !== 'starting')
        recorders = createRecorders(
          input.scenario.output,
          {
            ...recordTo,
            startedAt: snapshot.startedAt || recordTo.startedAt,
            about: {
              scenario: input.scenario,
              source: input.source,
              settings: runSettings(input.file, input.scenario, overrides, target, input.inputs),
              mask: createSecretMask(input.inputs?.secretValues ?? []),
            },
          },
          log,
          input.stepSummary,
          prometheus ? [prometheus] : [],
        );
      recorders?.onSnapshot(snapshot, point);
      sinks.onSnapshot?.(snapshot, point);
    };
    handle = startRun(
      {
        scenarioPath: path.resolve(input.file),
        source: input.source,
        scenario: input.scenario,
        overrides: { ...overrides, target },
        inputs: input.inputs,
        log,
        onSnapshot,
        events: listeners,
      },
      deps.master,
    );
    if (stopAsked) void handle.stop(stopAsked);
    const result = await handle.done;
    await closeListeners();
    await closeDemo();
    const files = result.started && recorders ? await recorders.finish(result) : [];
    await prometheus?.close();
    return { ...runOutcome(result), result, files };
  };

  const closeDemo = async (): Promise<void> => {
    const d = demo;
    demo = undefined;
    await d?.close().catch((err: Error) => log.debug(`demo target close: ${err.message}`));
  };

  const closeListeners = async (): Promise<void> => {
    const l = listeners;
    listeners = undefined;
    await l?.close().catch((err: Error) => log.debug(`event listeners close: ${err.message}`));
  };

  const done = execute().catch(async (err: Error): Promise<SessionEnd> => {
    await closeListeners();
    await closeDemo();
    await prometheus?.close().catch(() => undefined);
    return {
      exitCode: ExitCode.runtimeFailure,
      message: `the run could not start: ${err.message}`,
      files: [],
    };
  });

  return {
    setUsers(users) {
      handle?.setUsers(users);
    },
    async stop(options = {}) {
      stopAsked = { now: stopAsked?.now === true || options.now === true };
      if (handle) await handle.stop(stopAsked);
      await done;
    },
    done,
  };
}
