// Builds the recorders a run asked for (the scenario's `output`, or a results folder) as one
// Recorder. Each recorder is independent: one failing to write never stops the others.
import path from 'node:path';
import type { FileOutputKind, OutputSpec } from '../../scenario/model';
import type { Logger } from '../log';
import { createCsvRecorder } from './csvRecorder';
import { createHtmlRecorder } from './htmlReport';
import { createJsonRecorder } from './jsonRecorder';
import { createNdjsonRecorder } from './ndjsonRecorder';
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

const factories: Record<FileOutputKind, (file: string, log: Logger) => Recorder> = {
  json: createJsonRecorder,
  csv: createCsvRecorder,
  ndjson: createNdjsonRecorder,
  html: createHtmlRecorder,
  sqlite: (file, log) => createSqliteRecorder(file, log),
};

/** The files each output kind will write to (CSV: the base of its three files). */
export function resolveOutputs(output: OutputSpec, ctx: RecorderContext): Array<[FileOutputKind, string]> {
  const base = ctx.resultsDir ?? path.dirname(path.resolve(ctx.scenarioPath));
  const noFiles = (Object.keys(factories) as FileOutputKind[]).every((kind) => !output[kind]);
  const spec = ctx.resultsDir && noFiles ? DEFAULT_OUTPUT : output;
  const vars = { name: ctx.scenarioName, startedAt: ctx.startedAt };
  return (Object.keys(factories) as Array<FileOutputKind>)
    .filter((kind) => typeof spec[kind] === 'string' && spec[kind] !== '')
    .map((kind) => [kind, expandOutputPath(spec[kind] as string, vars, base)]);
}

/** `opened` are recorders made before the run (network outputs checked in the preflight). */
export function createRecorders(
  output: OutputSpec,
  ctx: RecorderContext,
  log: Logger,
  opened: Recorder[] = [],
): Recorder {
  const recorders = [
    ...resolveOutputs(output, ctx).map(([kind, file]) => factories[kind](file, log)),
    ...opened,
  ];
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
