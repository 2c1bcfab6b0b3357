// One JSON line per snapshot, appended as the run goes (a crashed run still leaves its history),
// and a last line with the final snapshot (thresholds included) marked `final`.
import type { Logger } from '../log';
import { AppendFile } from './fileWriter';
import type { Recorder } from './types';

export function createNdjsonRecorder(file: string, log: Logger): Recorder {
  const out = new AppendFile(log, 'NDJSON results', file);
  return {
    onSnapshot(snapshot, point) {
      out.append(`${JSON.stringify({ point, snapshot })}\n`);
    },
    async finish(result) {
      out.append(`${JSON.stringify({ final: true, snapshot: result.snapshot, ...(result.error ? { error: result.error } : {}) })}\n`);
      return (await out.done()) ? [file] : [];
    },
  };
}
