// Recorders write a run to files: live as snapshots arrive (NDJSON, CSV history) and at the end
// (JSON, CSV, HTML, SQLite). A recorder never throws: a failed write is logged with the path and
// the reason, and the run goes on.
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { RunResult } from '../master/types';

export interface Recorder {
  /** Called once per snapshot (1 Hz), in order. Must return quickly: slow work is queued. */
  onSnapshot(snapshot: RunSnapshot, point: HistoryPoint): void;
  /** Writes what is left and waits for every write; resolves with the files written. Never rejects. */
  finish(result: RunResult): Promise<string[]>;
}

export interface RecorderContext {
  /** The scenario file: relative output paths are resolved against its folder. */
  scenarioPath: string;
  scenarioName: string;
  /** Epoch ms of the run's start, for `{time}` in paths. */
  startedAt: number;
  /**
   * A results folder chosen by the person (CLI flag or editor setting): relative output paths are
   * resolved against it instead, and a scenario without `output` writes JSON, CSV and HTML there.
   */
  resultsDir?: string;
  /** The run's env values (`{{ env.NAME }}` in `output.postgres`). */
  env?: Readonly<Record<string, string>>;
}
