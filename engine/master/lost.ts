// What a worker whose final report never arrived takes with it, in words for the summary: which
// worker, why, and from when its measurements are missing.
import type { LostWorker } from './types';
import type { WorkerRecord } from './workerRecord';

export function lostWorker(w: WorkerRecord, runStartedAt: number): LostWorker {
  const since =
    w.lastReportAt > 0
      ? `after its last report at ${((w.lastReportAt - runStartedAt) / 1000).toFixed(1)} s`
      : 'for the whole run (it never reported)';
  return {
    workerId: w.id,
    host: w.host,
    pid: w.pid,
    why: w.missingWhy ?? 'missing',
    missing: `its final report never arrived (${w.missingWhy ?? 'missing'}): what it measured ${since} is not in the results`,
  };
}
