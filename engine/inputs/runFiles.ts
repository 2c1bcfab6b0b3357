// Multipart files, read by the master before the run and sent to the workers with the start
// message. A path must stay inside the scenario's folder, also after following symbolic links
// (scenario/filePaths.ts checks the text; a link inside the folder could still point out of it).
import fs from 'node:fs';
import path from 'node:path';
import { allSteps } from '../../scenario/index';
import type { Scenario } from '../../scenario/model';
import { RunInputError } from './envSources';

/** Files travel in the start message to every worker: keep them to what an upload test needs. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_TOTAL_FILE_BYTES = 32 * 1024 * 1024;

/** Every multipart file path the scenario names, as written, without repeats. */
export function multipartFiles(scenario: Scenario): string[] {
  const steps = allSteps(scenario);
  const files = new Set<string>();
  for (const s of steps)
    if (s.kind === 'request' && s.body?.type === 'multipart')
      for (const p of s.body.parts) if (p.kind === 'file') files.add(p.file);
  return [...files];
}

/**
 * The real path of `file` (as written, relative to the scenario's folder), or why it cannot be
 * read: missing, or leading out of the folder (also through a symbolic link).
 */
export function resolveScenarioFile(scenarioPath: string, file: string): { path: string } | { problem: string } {
  const folder = path.dirname(path.resolve(scenarioPath));
  let real: string;
  let realFolder: string;
  try {
    realFolder = fs.realpathSync(folder);
    real = fs.realpathSync(path.resolve(folder, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'no such file' : (code ?? String(err)) };
  }
  if (real !== realFolder && !real.startsWith(realFolder + path.sep))
    return { problem: "it leads out of the scenario's folder (through a symbolic link)" };
  try {
    if (!fs.statSync(real).isFile()) return { problem: 'it is not a file' };
  } catch (err) {
    return { problem: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  return { path: real };
}

/** Why `file` (as written) cannot be uploaded, or its bytes. */
export function readScenarioFile(scenarioPath: string, file: string): Uint8Array | string {
  const resolved = resolveScenarioFile(scenarioPath, file);
  if ('problem' in resolved) return resolved.problem;
  try {
    if (fs.statSync(resolved.path).size > MAX_FILE_BYTES) return `it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
    return fs.readFileSync(resolved.path);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

export function readRunFiles(scenario: Scenario, scenarioPath: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const problems: string[] = [];
  let total = 0;
  for (const file of multipartFiles(scenario)) {
    const r = readScenarioFile(scenarioPath, file);
    if (typeof r === 'string') problems.push(`${file}: ${r}`);
    else {
      out[file] = r;
      total += r.length;
    }
  }
  if (total > MAX_TOTAL_FILE_BYTES)
    problems.push(`the files add up to more than ${MAX_TOTAL_FILE_BYTES / 1024 / 1024} MiB`);
  if (problems.length)
    throw new RunInputError(
      `cannot upload ${problems.join('; ')}; nothing was run`,
      "multipart files are read relative to the scenario's folder and must stay inside it",
    );
  return out;
}
