// One row of the workers table, as text cells: the terminal's final report (engine/cli/report.ts)
// and the HTML report show the same columns with the same figures.
import type { WorkerInfo } from '../../common/snapshot';

export const WORKER_HEADERS = ['Worker', 'Host', 'PID', 'State', 'Users', 'Requests', 'CPU'] as const;

/** Which worker columns hold numbers (right-aligned). */
export const WORKER_NUMERIC = [false, false, true, false, true, true, true] as const;

export function workerCells(w: WorkerInfo): string[] {
  return [
    w.id,
    w.host,
    String(w.pid),
    w.state,
    String(w.users),
    String(w.requests),
    `${Math.round(w.cpu * 100)}%`,
  ];
}
