// Reads a kept run for `compare` and `runs`: the JSON result file every run writes
// (engine/recorders/jsonRecorder.ts, format `stampede-run/1`) or the one-line summary of
// `stampede run --json` (engine/recorders/summary.ts). A file that is neither is a RunFileError
// saying which file, what is wrong and what to give instead. The file is not trusted: every
// number is checked before it is used (result files by common/runFile.ts, the checker the panel
// uses too; summaries here).
import fs from 'node:fs';
import { figuresOf, type ComparableRun, type RunFigures } from '../../common/compare';
import { asRunFile, RUN_FILE_FORMAT } from '../../common/runFile';
import type { RunSnapshot } from '../../common/snapshot';
import { runVerdict } from '../stats/verdict';

/** Result files are a few MiB at most (the snapshot plus a bounded chart history). */
const MAX_BYTES = 256 * 1024 * 1024;

export class RunFileError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** What `runs` lists about a kept run, besides its figures. */
export interface KeptRun extends ComparableRun {
  file: string;
  scenario?: string;
  /** Epoch ms of the start, when the file says. */
  startedAt?: number;
  elapsedMs?: number;
  /** "passed", "failed: ..." (thresholds, no request succeeded, run error) or undefined when unknown. */
  verdict?: string;
}

const HINT = `give the JSON result file a run wrote (output: { json: ... }, or the results folder) or the output of \`stampede run --json\``;

function num(v: unknown, file: string, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new RunFileError(`${file}: ${where} is not a number >= 0`, HINT);
  return v;
}

function figuresOfSummary(e: Record<string, unknown>, file: string, where: string): RunFigures {
  return {
    requests: num(e.requests, file, `${where}.requests`),
    failures: num(e.failures, file, `${where}.failures`),
    rps: num(e.rps, file, `${where}.rps`),
    p50: num(e.p50, file, `${where}.p50`),
    p95: num(e.p95, file, `${where}.p95`),
    p99: num(e.p99, file, `${where}.p99`),
  };
}

function named(e: unknown, file: string, where: string): { name: string; method: string } {
  const o = e as { name?: unknown; method?: unknown };
  if (typeof o?.name !== 'string' || typeof o.method !== 'string')
    throw new RunFileError(`${file}: ${where} has no name and method`, HINT);
  return { name: o.name, method: o.method };
}

function verdictOf(doc: { snapshot: RunSnapshot; error?: unknown }): string {
  if (typeof doc.error === 'string') return `failed: ${doc.error}`;
  const failed = (doc.snapshot.thresholds ?? []).filter((t) => !t.ok);
  if (failed.length > 0) return `failed: ${failed.map((t) => t.source).join(', ')}`;
  const v = runVerdict(doc.snapshot);
  return v.ok ? 'passed' : 'failed: no request succeeded';
}

/** Reads and checks a run from JSON text. `file` names it in errors. */
export function parseRunFile(text: string, file: string): KeptRun {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(`${file} is not JSON (${(e as Error).message})`, HINT);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new RunFileError(`${file} is not a run: its JSON is not an object`, HINT);
  const o = doc as Record<string, unknown>;
  if ('format' in o) {
    const run = asRunFile(o, { identity: false, history: false });
    if (typeof run === 'string') throw new RunFileError(`${file}: ${run}`, HINT);
    const s = run.snapshot;
    return {
      file,
      total: figuresOf(s.total),
      entries: s.entries.map((e) => ({ name: e.name, method: e.method, ...figuresOf(e) })),
      scenario: typeof s.scenario === 'string' ? s.scenario : undefined,
      startedAt: typeof s.startedAt === 'number' ? s.startedAt : undefined,
      elapsedMs: typeof s.elapsedMs === 'number' ? s.elapsedMs : undefined,
      verdict: verdictOf(o as { snapshot: RunSnapshot; error?: unknown }),
    };
  }
  if (Array.isArray(o.entries) && 'rps' in o) {
    const entries = (o.entries as Array<Record<string, unknown>>).map((e, i) => ({
      ...named(e, file, `entries[${i}]`),
      ...figuresOfSummary(e, file, `entries[${i}]`),
    }));
    return { file, total: figuresOfSummary(o, file, 'the total'), entries };
  }
  throw new RunFileError(
    `${file} is not a Stampede run (no "format": "${RUN_FILE_FORMAT}" and no summary figures)`,
    HINT,
  );
}

export function readRunFile(file: string): KeptRun {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_BYTES)
      throw new RunFileError(`${file} is ${size} bytes, too big for a run's result`, HINT);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof RunFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new RunFileError(
      code === 'ENOENT'
        ? `${file} does not exist`
        : `${file} cannot be read (${code ?? (e as Error).message})`,
      HINT,
    );
  }
  return parseRunFile(text, file);
}
