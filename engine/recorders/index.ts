// Builds the recorders a run asked for (the scenario's `output`, or a results folder) as one
// Recorder. Each recorder is independent: one failing to write never stops the others.
import path from 'node:path';
import type { FileOutputKind, OutputSpec } from '../../scenario/model';
import type { Logger } from '../log';
import { createCsvRecorder } from './csvRecorder';
import { createHtmlRecorder } from './htmlReport';
import { createJsonRecorder } from './jsonRecorder';
import { createJunitRecorder } from './junitReport';
import { createMarkdownRecorder, createStepSummaryRecorder } from './markdownReport';
import { createNdjsonRecorder } from './ndjsonRecorder';
import { postgresTarget } from './postgresConfig';
import { createPostgresRecorder } from './postgresRecorder';
import { expandOutputPath } from './paths';
import { createSqliteRecorder } from './sqliteRecorder';
import type { Recorder, RecorderContext } from './types';

export type { Recorder, RecorderContext } from './types';
export { toJsonSummary } from './summary';

/** What a results folder gets when the scenario has no `output`. */
export const DEFAULT_OUTPUT: OutputSpec = {
  json: '{name}-{time}.json',
  csv: '{name}-{time}',
  html: '{name}-{time}.html',
};

const factories: Record<FileOutputKind, (file: string, log: Logger, ctx: RecorderContext) => Recorder> = {
  json: createJsonRecorder,
  csv: createCsvRecorder,
  ndjson: createNdjsonRecorder,
  html: createHtmlRecorder,
  sqlite: (file, log) => createSqliteRecorder(file, log),
  junit: createJunitRecorder,
  markdown: createMarkdownRecorder,
};

/** The files each output kind will write to (CSV: the base of its three files). */
export function resolveOutputs(output: OutputSpec, ctx: RecorderContext): Array<[FileOutputKind, string]> {
  const base = ctx.resultsDir ?? path.dirname(path.resolve(ctx.scenarioPath));
  const noFiles = (Object.keys(factories) as FileOutputKind[]).every((kind) => !output[kind]);
  const spec = ctx.resultsDir && noFiles ? DEFAULT_OUTPUT : output;
  const vars = { name: ctx.scenarioName, startedAt: ctx.startedAt };
  return (Object.keys(factories) as FileOutputKind[])
    .filter((kind) => typeof spec[kind] === 'string' && spec[kind] !== '')
    .map((kind) => [kind, expandOutputPath(spec[kind] as string, vars, base)]);
}

/**
 * The run's recorders as one. `stepSummary`: a file the Markdown summary is appended to as well
 * (GitHub's `GITHUB_STEP_SUMMARY`), whatever `output` says. `opened`: recorders made before the
 * run (network outputs checked in the preflight).
 */
export function createRecorders(
  output: OutputSpec,
  ctx: RecorderContext,
  log: Logger,
  stepSummary?: string,
  opened: Recorder[] = [],
): Recorder {
  const recorders = [
    ...resolveOutputs(output, ctx).map(([kind, file]) => factories[kind](file, log, ctx)),
    ...opened,
  ];
  if (stepSummary) recorders.push(createStepSummaryRecorder(stepSummary, log, ctx));
  if (output.postgres)
    recorders.push(createPostgresRecorder(postgresTarget(output.postgres, ctx.env ?? {}), log));
  return {
    onSnapshot(snapshot, point) {
      for (const r of recorders) {
        try {
          r.onSnapshot(snapshot, point);
        } catch (err) {
          log.error(`a results recorder failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
    async finish(result) {
      const files = await Promise.all(recorders.map((r) => r.finish(result).catch(() => [] as string[])));
      return files.flat();
    },
  };
}
