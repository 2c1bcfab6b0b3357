// The whole run as one JSON file, written at the end: the final snapshot and the chart history.
import { RUN_FILE_FORMAT } from '../../common/runFile';
import type { Logger } from '../log';
import { writeWhole } from './fileWriter';
import type { Recorder } from './types';

/** The one format tag; common/runFile.ts checks it where result files are read back (the panel's baseline). */
export const JSON_RESULT_FORMAT = RUN_FILE_FORMAT;

export function createJsonRecorder(file: string, log: Logger): Recorder {
  return {
    onSnapshot() {},
    async finish(result) {
      const doc = {
        format: JSON_RESULT_FORMAT,
        snapshot: result.snapshot,
        history: result.history,
        ...(result.error ? { error: result.error } : {}),
      };
      return (await writeWhole(log, 'JSON results', file, `${JSON.stringify(doc, null, 1)}\n`)) ? [file] : [];
    },
  };
}
