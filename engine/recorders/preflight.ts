// Before the load starts, the result files a run will write are checked, so that a run never
// finds out at the end that it cannot write (and never writes where it must not):
// - each file stays inside its base folder (the scenario's folder, or the results folder the person
//   chose), symbolic links included, unless the person allows otherwise (--allow-output-outside);
// - its folder exists or can be created, and a file can be created in it. The folders are created
//   level by level here: Node's recursive mkdir loops forever under /proc, so it is never trusted
//   with a path the person typed;
// - an existing file is replaced only when it is a Stampede result of the same kind (formatMarkers.ts),
//   unless the person passes --force.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileOutputKind, OutputSpec } from '../../scenario/model';
import { isStampedeResult } from './formatMarkers';
import { resolveOutputs } from './index';
import type { RecorderContext } from './types';

export interface OutputPolicy {
  /** `--allow-output-outside`: the person accepts result files outside the base folder. */
  allowOutside?: boolean;
  /** `--force`: replace existing files that are not Stampede results. */
  force?: boolean;
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way';
  if (code === 'ENOENT') return 'no such place (a folder cannot be made there)';
  return code ?? (err instanceof Error ? err.message : String(err));
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The nearest folder of `dir` (itself or an ancestor) that exists, through real paths. */
function nearestExisting(dir: string): string {
  let at = dir;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/** Creates `dir` level by level and proves a file can be created in it; a problem, or undefined. */
function writableFolder(dir: string): string | undefined {
  const existing = nearestExisting(dir);
  if (!fs.statSync(existing).isDirectory()) return `cannot create the folder ${dir}: ${existing} is a file`;
  const missing = path.relative(existing, dir).split(path.sep).filter(Boolean);
  let at = existing;
  for (const part of missing) {
    at = path.join(at, part);
    try {
      fs.mkdirSync(at);
    } catch (err) {
      return `cannot create the folder ${at}: ${reason(err)}`;
    }
  }
  const probe = path.join(dir, `.stampede-write-check-${process.pid}-${crypto.randomUUID()}`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
    fs.unlinkSync(probe);
  } catch (err) {
    return `cannot write in the folder ${dir}: ${reason(err)}`;
  }
  return undefined;
}

/** The files each output kind writes (CSV: three). */
function filesOf(kind: FileOutputKind, file: string): string[] {
  return kind === 'csv'
    ? ['_stats.csv', '_failures.csv', '_stats_history.csv'].map((s) => `${file}${s}`)
    : [file];
}

/** Every problem with the run's result files, each naming the path and the reason; empty when all is well. */
export function checkOutputs(output: OutputSpec, ctx: RecorderContext, policy: OutputPolicy = {}): string[] {
  const base = path.resolve(ctx.resultsDir ?? path.dirname(path.resolve(ctx.scenarioPath)));
  const where = ctx.resultsDir ? 'the results folder' : "the scenario's folder";
  const problems: string[] = [];
  const folders = new Map<string, string | undefined>();
  for (const [kind, target] of resolveOutputs(output, ctx)) {
    for (const file of filesOf(kind, target)) {
      const dir = path.dirname(file);
      if (!policy.allowOutside) {
        const realBase = fs.existsSync(base) ? fs.realpathSync(base) : base;
        const realDir = fs.realpathSync(nearestExisting(dir));
        if (!isInside(base, file) || (fs.existsSync(base) && !isInside(realBase, realDir))) {
          problems.push(
            `${file} is outside ${where} (${base}): keep results inside it, or pass --allow-output-outside if you trust this scenario`,
          );
          continue;
        }
      }
      if (!folders.has(dir)) folders.set(dir, writableFolder(dir));
      const folderProblem = folders.get(dir);
      if (folderProblem) {
        if (!problems.includes(folderProblem)) problems.push(folderProblem);
        continue;
      }
      if (!fs.existsSync(file)) continue;
      if (fs.statSync(file).isDirectory())
        problems.push(`${file} is a folder, not a file: choose another output path`);
      else if (!policy.force && !isStampedeResult(kind, file))
        problems.push(
          `${file} exists and is not a Stampede ${kind} result: choose another output path, move the file away, or pass --force to replace it`,
        );
    }
  }
  return problems;
}
