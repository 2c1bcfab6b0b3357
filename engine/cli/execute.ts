// Runs a validated scenario from the CLI through the one run pipeline (engine/session): live
// progress on stderr, Ctrl+C handling, the final table, the JSON summary and the exit code.
// Shared by `run`, `quick` and `master`.
import type { RunOverrides } from '../../common/protocol/host';
import type { Scenario } from '../../scenario/model';
import { startDemoTarget } from '../demo/server';
import type { RunInputs } from '../inputs/runInputs';
import type { OutputPolicy } from '../recorders/preflight';
import { toJsonSummary } from '../recorders/summary';
import { jsonForTerminal } from '../../common/untrustedText';
import { ExitCode } from '../session/exitCode';
import { runSession } from '../session/runSession';
import { stderrLogger } from './logger';
import { createProgressPrinter } from './progress';
import { finalReport } from './report';

export interface ExecuteOptions {
  file: string;
  source: string;
  scenario: Scenario;
  /** Env values, secrets, files and data sets (engine/inputs); quick runs have none. */
  inputs?: RunInputs;
  overrides: RunOverrides;
  /** --allow-output-outside and --force: what the person allows the result files to do. */
  outputPolicy?: OutputPolicy;
  json: boolean;
  progress: boolean;
  /** A file the Markdown summary is appended to (`stampede run` passes GITHUB_STEP_SUMMARY). */
  stepSummary?: string;
}

export async function executeRun(o: ExecuteOptions): Promise<number> {
  const progress = createProgressPrinter(process.stderr);
  const log = stderrLogger(() => progress.done());
  const session = runSession(
    {
      file: o.file,
      source: o.source,
      scenario: o.scenario,
      inputs: o.inputs,
      outputPolicy: o.outputPolicy,
      stepSummary: o.stepSummary,
    },
    o.overrides,
    {
      log,
      onSnapshot: (snapshot) => {
        if (o.progress && snapshot.state !== 'starting') progress.update(snapshot);
      },
    },
    { startDemoTarget: () => startDemoTarget() },
  );

  // Ctrl+C once stops with the grace period for requests in flight; twice cancels them at once
  // (still counted, still reported); a third time leaves without waiting for anything.
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    progress.done();
    if (interrupts === 1) {
      log.info('stopping: requests in flight may finish (press Ctrl+C again to cancel them)');
      void session.stop();
    } else if (interrupts === 2) {
      log.info('cancelling requests in flight (press Ctrl+C again to quit at once)');
      void session.stop({ now: true });
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const end = await session.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  progress.done();

  if (!end.result?.started) {
    // The run never started (no worker came up, or its result files could not be written): no
    // table of zeros, no result files, no verdicts.
    log.error(end.message);
    return end.exitCode;
  }
  const snapshot = end.result.snapshot;
  (o.json ? process.stderr : process.stdout).write(`\n${finalReport(snapshot)}\n`);
  for (const f of end.files) log.info(`wrote ${f}`);
  if (o.json) process.stdout.write(`${jsonForTerminal(toJsonSummary(snapshot))}\n`);
  if (end.exitCode !== ExitCode.ok) log.error(end.message);
  return end.exitCode;
}
