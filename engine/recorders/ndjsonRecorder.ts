// One JSON line per snapshot, appended as the run goes (a crashed run still leaves its history),
// and a last line with the final snapshot (thresholds included) marked `final`.
import type { RunSnapshot } from '../../common/snapshot';
import type { Logger } from '../log';
import { AppendFile } from './fileWriter';
import type { Recorder } from './types';

/**
 * A per-second line without the failure samples: they change rarely and weigh up to a few hundred
 * KB, so they are written once, in the final line.
 */
function withoutSamples(s: RunSnapshot): RunSnapshot {
  if (!s.errors.some((e) => e.samples)) return s;
  return { ...s, errors: s.errors.map(({ samples: _samples, ...row }) => row) };
}

export function createNdjsonRecorder(file: string, log: Logger): Recorder {
  const out = new AppendFile(log, 'NDJSON results', file);
  return {
    onSnapshot(snapshot, point) {
      out.append(`${JSON.stringify({ point, snapshot: withoutSamples(snapshot) })}\n`);
    },
    async finish(result) {
      out.append(`${JSON.stringify({ final: true, snapshot: result.snapshot, ...(result.error ? { error: result.error } : {}) })}\n`);
      return (await out.done()) ? [file] : [];
    },
  };
}
