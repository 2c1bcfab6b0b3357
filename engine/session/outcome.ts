// The one verdict of a run: its exit code and a sentence for the person. The CLI and the editor's
// engine process both report this, so they cannot disagree about what a run means.
import type { RunResult } from '../master/types';
import { runVerdict } from '../stats/verdict';
import { ExitCode, type ExitCodeValue } from './exitCode';

export interface RunOutcome {
  exitCode: ExitCodeValue;
  message: string;
}

/**
 * Why the run itself failed, whatever its thresholds say: it did not complete, a worker's final
 * report was lost, or no request succeeded. Undefined when the run itself is sound. (JUnit reports
 * this as its own test case, apart from the thresholds.)
 */
export function runFailure(result: RunResult): RunOutcome | undefined {
  if (result.error) return { exitCode: ExitCode.runtimeFailure, message: result.error };
  if (result.lost?.length)
    return {
      exitCode: ExitCode.runtimeFailure,
      message: result.lost
        .map((l) => `worker ${l.workerId} (${l.host}, pid ${l.pid}): ${l.missing}`)
        .join('; '),
    };
  // A run in which no request succeeded failed, thresholds or not (engine/stats/verdict.ts).
  const verdict = runVerdict(result.snapshot);
  if (!verdict.ok) return { exitCode: ExitCode.thresholdsFailed, message: verdict.reason };
  return undefined;
}

export function runOutcome(result: RunResult): RunOutcome {
  const failure = runFailure(result);
  if (failure?.exitCode === ExitCode.runtimeFailure) return failure;
  const failed = result.snapshot.thresholds?.filter((t) => !t.ok) ?? [];
  if (failed.length)
    return {
      exitCode: ExitCode.thresholdsFailed,
      message: `thresholds failed: ${failed.map((t) => t.source).join(', ')}`,
    };
  if (failure) return failure;
  const s = result.snapshot.total;
  return { exitCode: ExitCode.ok, message: `finished: ${s.requests} requests, ${s.failures} failures` };
}
