// Contracts of the event bus and duration trackers. The runner emits events; a TrackerSet in each
// worker pairs start and end events by trace id, per stage (tracking session), into mergeable
// histograms that go out with every report. The master merges TrackerReports into TrackerResults.
import type { ExternalStarts, TrackerReport } from '../../common/protocol/engine';
import type { Template } from '../../scenario/model';

export interface TraceIds {
  run: string;
  stage: number;
  /** Virtual user, unique within a worker (the tracker qualifies it with the worker). -1: no user (`stage`). */
  user: number;
  /**
   * Iteration number within the user (-1 for no user). The runner emits `iteration.end` for every
   * iteration it started, failed ones included: it closes the scope of `:last` selectors.
   */
  iteration: number;
}

/** Attributes of a `request` event; others carry what `emit` wrote. Read lazily: `json.*` parses the body once. */
export interface EngineEvent {
  type: string;
  /** Monotonic milliseconds (performance.now() based). */
  ts: number;
  trace: TraceIds;
  attr(name: string): string | number | boolean | undefined;
  /**
   * Renders a template in the scope of the event's user as it is when the event happens (a
   * capture of this very request included): the pairing key of a tracker that ends with an event
   * from outside. Absent for events of no user.
   */
  readonly render?: (template: Template) => string;
}

export interface TrackerSet {
  /** False when the scenario has no trackers: the runner then builds no events at all. */
  readonly enabled: boolean;
  /** True when some filter reads the body (`json.*`) of requests with this name: keep the body. */
  needsBody(requestName: string): boolean;
  emit(event: EngineEvent): void;
  /** A new stage starts a new tracking session; lingering events of the old one are paired or counted incomplete. */
  setStage(stage: number, users: number): void;
  /** Data since the last drain, then reset (sessions stay open). `final` closes every session. */
  drain(final: boolean): TrackerReport[];
  /** Starts of trackers ending with an event from outside since the last call (for the master); resets. */
  drainExternalStarts?(): ExternalStarts | undefined;
}
