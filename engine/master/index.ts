// The master's public surface: start a run, get a handle.
export { startRun } from './run';
export type { MasterOptions } from './run';
export type { LostWorker, RunHandle, RunOverrides, RunRequest, RunResult } from './types';
