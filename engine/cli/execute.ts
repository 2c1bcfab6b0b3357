// Runs a validated scenario from the CLI: the embedded demo target when asked (or when the
// scenario has no target), the master with its workers, live progress, recorders, the final
// report, the JSON summary and the exit code. Shared by `run` and `quick`.
import path from 'node:path';
import type { Scenario } from '../../scenario/model';
import { startDemoTarget, type DemoTarget } from '../demo/server';
import { startRun } from '../master/index';
import type { RunInputs } from '../inputs/runInputs';
import type { RunOverrides } from '../master/types';
import { createRecorders } from '../recorders/index';
import { toJsonSummary } from '../recorders/summary';
import { ExitCode } from './errors';
import { stderrLogger } from './logger';
import { createProgressPrinter } from './progress';
import { finalReport } from './report';

export interface ExecuteOptions {
  file: string;
  source: string;
  scenario: Scenario;
  /** Env values, secrets and files (engine/inputs); quick runs have none. */
  inputs?: RunInputs;
  overrides: RunOverrides;
  json: boolean;
  /** Force the embedded demo target, even when the scenario has a target. */
  demoTarget: boolean;
  target?: string;
  /** `--insecure`: HTTPS accepts any certificate (else the scenario's `defaults.insecure`). */
  insecure?: boolean;
  resultsDir?: string;
  /** Write no result files (quick runs). */
  record: boolean;
  progress: boolean;
  /** `stampede master`: bind address, shared token, remote workers to wait for, heartbeat. */
  bind?: string;
  token?: string;
  expectWorkers?: number;
  heartbeatMs?: number;
}

export async function executeRun(o: ExecuteOptions): Promise<number> {
  const progress = createProgressPrinter(process.stderr);
  const log = stderrLogger(() => progress.done());
  let demo: DemoTarget | undefined;
  let target = o.target;
  if (o.demoTarget || (!target && !o.scenario.target)) {
    demo = await startDemoTarget();
    target = demo.url;
    log.info(
      `${o.demoTarget ? '' : 'the scenario has no target: '}using the embedded demo target at ${demo.url}`,
    );
  }
  const recorders = o.record
    ? createRecorders(
        o.scenario.output,
        {
          scenarioPath: o.file,
          scenarioName: o.scenario.name,
          startedAt: Date.now(),
          resultsDir: o.resultsDir,
        },
        log,
      )
    : undefined;

  const handle = startRun({
    scenarioPath: path.resolve(o.file),
    source: o.source,
    scenario: o.scenario,
    overrides: o.overrides,
    target,
    insecure: o.insecure,
    inputs: o.inputs,
    bind: o.bind,
    token: o.token,
    expectWorkers: o.expectWorkers,
    heartbeatMs: o.heartbeatMs,
    log,
    onSnapshot: (snapshot, point) => {
      if (o.progress && snapshot.state !== 'starting') progress.update(snapshot);
      recorders?.onSnapshot(snapshot, point);
    },
  });

  // Ctrl+C once stops cleanly (final reports, table); twice leaves at once.
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) {
      progress.done();
      log.info('stopping (press Ctrl+C again to quit at once)');
      void handle.stop();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const result = await handle.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  progress.done();
  await demo?.close();

  if (result.error && result.snapshot.total.requests === 0 && result.snapshot.workers.length === 0) {
    // The run never started (no worker came up): no table of zeros, no result files, no verdicts.
    log.error(result.error);
    return ExitCode.runtimeFailure;
  }
  const files = recorders ? await recorders.finish(result) : [];
  const report = finalReport(result.snapshot);
  (o.json ? process.stderr : process.stdout).write(`\n${report}\n`);
  for (const f of files) log.info(`wrote ${f}`);
  if (o.json) process.stdout.write(`${JSON.stringify(toJsonSummary(result.snapshot))}\n`);

  if (result.error) {
    log.error(result.error);
    return ExitCode.runtimeFailure;
  }
  if (result.snapshot.thresholds?.some((t) => !t.ok)) return ExitCode.thresholdsFailed;
  return ExitCode.ok;
}
