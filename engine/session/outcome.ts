// The one verdict of a run: its exit code and a sentence for the person. The CLI and the editor's
// engine process both report this, so they cannot disagree about what a run means.
import type { RunResult } from '../master/types';
import { ExitCode, type ExitCodeValue } from './exitCode';

export interface RunOutcome {
  exitCode: ExitCodeValue;
  message: string;
}

export function runOutcome(result: RunResult): RunOutcome {
  if (result.error) return { exitCode: ExitCode.runtimeFailure, message: result.error };
  if (result.lost?.length)
    return {
      exitCode: ExitCode.runtimeFailure,
      message: result.lost
        .map((l) => `worker ${l.workerId} (${l.host}, pid ${l.pid}): ${l.missing}`)
        .join('; '),
    };
  const failed = result.snapshot.thresholds?.filter((t) => !t.ok) ?? [];
  if (failed.length)
    return {
      exitCode: ExitCode.thresholdsFailed,
      message: `thresholds failed: ${failed.map((t) => t.source).join(', ')}`,
    };
  const s = result.snapshot.total;
  return { exitCode: ExitCode.ok, message: `finished: ${s.requests} requests, ${s.failures} failures` };
}
