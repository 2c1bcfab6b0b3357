// Test data (`data:`) as the language sees it. scenario/ reads no file: whoever analyses a scenario
// (the CLI, the language server) may hand in what it read of each data file's head through
// `DataFileReader`, and the checks use it (missing file, ragged CSV, unknown column, hover).
// Without a reader (the workers, which have no copy of the files) column names are not checked.

/** What the head of one data file says: its columns and first row, or why it cannot be used. */
export type DataFileInfo =
  | { ok: true; columns: string[]; firstRow?: string[] }
  | {
      ok: false;
      /** A sentence for the person: `no such file`, `row 7 has 3 fields but the header has 4`, ... */
      problem: string;
    };

/** Reads the head of a data file named in the scenario (path as written, relative to the scenario). */
export type DataFileReader = (file: string) => DataFileInfo | undefined;

/**
 * Who reads the analysis, so it keeps no more than they read (of a 5 MB scenario, the index of
 * names is ~30 MiB and the compiled steps ~50 MiB, docs/benchmarks.md). `editor`: the whole index
 * (request ranges, template scopes and references for the language server). `run`: the scenario,
 * and of the index only what a run reads (files, env uses, data sets, names); the request, scope
 * and reference lists stay empty. `check`: as `run`, but no scenario, only its env facts
 * (`DetailedAnalysis.env`): each request, task and loop is compiled for its diagnostics, then
 * dropped. The diagnostics are the same for every purpose.
 */
export type AnalysisPurpose = 'editor' | 'run' | 'check';

export interface AnalyzeOptions {
  /** The "data file info" seam: see DataFileInfo. */
  dataFile?: DataFileReader;
  /** Default `editor` for analyzeScenarioDetailed, `run` for analyzeScenario. */
  purpose?: AnalysisPurpose;
}

export type DataPick = 'sequential' | 'random' | 'unique';
export type DataPer = 'iteration' | 'user';
export type DataExhausted = 'stop' | 'wrap' | 'fail';

export const DATA_PICKS: readonly DataPick[] = ['sequential', 'random', 'unique'];
export const DATA_PERS: readonly DataPer[] = ['iteration', 'user'];
export const DATA_EXHAUSTED: readonly DataExhausted[] = ['stop', 'wrap', 'fail'];

/** `{{ set.column }}`: a column of the current row of a data set. Columns must be names to be read. */
export const DATA_REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The data set and column of a dotted reference, else undefined. */
export function dataReferenceOf(ref: string): { set: string; column: string } | undefined {
  const m = DATA_REFERENCE.exec(ref);
  return m ? { set: m[1], column: m[2] } : undefined;
}
