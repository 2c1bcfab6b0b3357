// The runs a person can pick as the panel's baseline: the JSON result files (common/runFile.ts) in
// the folders runs wrote to (the results folder setting, the folders of earlier runs' JSON files).
// Node only, no vscode, so unit tests use real files in a temporary folder. The files may come
// from a cloned repository: each is size-capped and checked before use.
import fs from 'node:fs/promises';
import path from 'node:path';
import { asRunFile, type RunFile } from '../../common/runFile';

export interface KeptRun {
  file: string;
  runId: string;
  scenario: string;
  startedAt: number;
  requests: number;
  failures: number;
}

/** A result file larger than this is not read (a day at 1 s resolution is about 10 MiB). */
export const MAX_RUN_FILE_BYTES = 64 * 1024 * 1024;
/** How many of the newest .json files per folder are opened when listing. */
const FILES_PER_FOLDER = 50;

/** Reads one result file; throws an Error whose message says what is wrong with it. */
export async function readKeptRun(file: string): Promise<RunFile> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_RUN_FILE_BYTES)
    throw new Error(`${file} is ${Math.round(stat.size / 1048576)} MiB, more than a result file may be`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const run = asRunFile(parsed);
  if (typeof run === 'string') throw new Error(`${file}: ${run}`);
  return run;
}

/** Every readable result in these folders, newest run first; files that are not results are skipped. */
export async function listKeptRuns(folders: readonly string[]): Promise<KeptRun[]> {
  const files = (await Promise.all([...new Set(folders)].map(newestJsonFiles))).flat();
  const runs: KeptRun[] = [];
  for (const file of [...new Set(files)]) {
    const run = await readKeptRun(file).catch(() => undefined);
    if (!run) continue;
    const s = run.snapshot;
    runs.push({
      file,
      runId: s.runId,
      scenario: s.scenario,
      startedAt: s.startedAt,
      requests: s.total.requests,
      failures: s.total.failures,
    });
  }
  return runs.sort((a, b) => b.startedAt - a.startedAt);
}

async function newestJsonFiles(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const stats = await Promise.all(
    names
      .filter((n) => n.toLowerCase().endsWith('.json'))
      .map(async (n) => {
        const file = path.join(folder, n);
        const st = await fs.stat(file).catch(() => undefined);
        return st?.isFile() ? { file, mtime: st.mtimeMs } : undefined;
      }),
  );
  return stats
    .filter((s): s is { file: string; mtime: number } => s !== undefined)
    .sort((a, b) => b.mtime - a.mtime)
    .slice(0, FILES_PER_FOLDER)
    .map((s) => s.file);
}
