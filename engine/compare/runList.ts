// The kept runs of a results folder for `stampede runs`: every JSON result file in it (not its
// subfolders), newest first. A file that is not a run (another tool's JSON, a half-written file)
// is skipped and counted, never fatal: the folder is the person's, not ours.
import fs from 'node:fs';
import path from 'node:path';
import { readRunFile, RunFileError, type KeptRun } from './runFile';

export interface RunList {
  runs: KeptRun[];
  /** JSON files that were not readable runs, with why. */
  skipped: Array<{ file: string; why: string }>;
}

/** Reads the folder's runs, newest first (by start time, else by file time). */
export function listRuns(dir: string): RunList {
  const runs: Array<KeptRun & { sortKey: number }> = [];
  const skipped: RunList['skipped'] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = path.join(dir, entry.name);
    try {
      const run = readRunFile(file);
      if (run.startedAt === undefined) {
        // A `run --json` summary has no time or scenario: not a kept run.
        skipped.push({ file, why: 'a summary without date or scenario' });
        continue;
      }
      runs.push({ ...run, sortKey: run.startedAt });
    } catch (e) {
      if (!(e instanceof RunFileError)) throw e;
      skipped.push({ file, why: e.message });
    }
  }
  runs.sort((a, b) => b.sortKey - a.sortKey);
  return { runs: runs.map(({ sortKey: _, ...r }) => r), skipped };
}
