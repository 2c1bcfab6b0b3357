// Recorders write a run to files: live as snapshots arrive (NDJSON, CSV history) and at the end
// (JSON, CSV, HTML, SQLite). A recorder never throws: a failed write is logged with the path and
// the reason, and the run goes on.
import type { HistoryPoint, RunSnapshot } from '../../common/snapshot';
import type { Scenario } from '../../scenario/model';
import type { RunResult } from '../master/types';
import type { SecretMask } from '../secrets/mask';

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
  /** What the reports (HTML, JUnit, Markdown) show beside the figures; absent in tests of the files alone. */
  about?: RunAbout;
  /** The run's env values (`{{ env.NAME }}` in `output.postgres`). */
  env?: Readonly<Record<string, string>>;
}

/** The scenario and the run's settings, for the reports; every text shown passes through `mask`. */
export interface RunAbout {
  scenario: Scenario;
  /** The scenario file's text, as run. */
  source: string;
  /** The run's settings as label/value pairs (target, load, workers, overrides...), never a token. */
  settings: Array<[string, string]>;
  /** The run's secret values, masked out of everything a report shows. */
  mask: SecretMask;
}
