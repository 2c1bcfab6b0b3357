// The open model's schedule for one worker's share of a stage. The stage's arrivals are numbered
// j = 0, 1, ... < total = ceil(rate x duration); arrival j is due at anchorMs + j x period, computed
// from j (never by adding periods, which drifts). A worker takes the j of its segment (j = index,
// index + count, ...) from `from` on, so shares of several workers, and a share before and after
// a rebalance (the old one truncated where the new one begins), cover every arrival exactly once:
// started + dropped is rate x duration whatever the timers and messages do. Nothing here reads a
// clock; the executor takes the arrivals due by now.
import type { WorkerSegment } from '../../common/protocol/engine';

export interface ScheduleSpec {
  stage: number;
  /** When arrival 0 of the stage is due, on this process's clock (ms). */
  anchorMs: number;
  /** The whole stage's rate (all workers together), per second. */
  rate: number;
  /** Arrivals in the stage (Infinity: no end). */
  total: number;
  /** The first arrival this share may take. */
  from: number;
  segment: WorkerSegment;
  /** Arrival numbers are the run's (the master's schedule): they pick the user kind. */
  runWide: boolean;
}

/** ceil(rate x duration), kept at 250,000 for 50,000/s x 5 s when the float product lands a hair above. */
export function arrivalsIn(rate: number, durationMs: number | undefined): number {
  if (durationMs === undefined || !Number.isFinite(durationMs)) return Infinity;
  return Math.max(0, Math.ceil((rate * Math.max(0, durationMs)) / 1000 - 1e-9));
}

export class ArrivalSchedule {
  readonly stage: number;
  readonly runWide: boolean;
  private readonly anchorMs: number;
  private readonly periodMs: number;
  private readonly step: number;
  /** The next arrival this share takes, and the first it may not. */
  private next: number;
  private until: number;

  constructor(spec: ScheduleSpec) {
    this.stage = spec.stage;
    this.runWide = spec.runWide;
    this.anchorMs = spec.anchorMs;
    this.periodMs = 1000 / spec.rate;
    const { index, count } = spec.segment;
    this.step = Math.max(1, count);
    const from = Math.max(0, Math.ceil(spec.from));
    this.next = from + ((((index - from) % this.step) + this.step) % this.step);
    this.until = spec.total;
  }

  /** The run-wide number (within the stage) of the arrival last taken. */
  lastTaken = -1;

  get exhausted(): boolean {
    return this.next >= this.until;
  }

  /** When the share's last arrival is due (-Infinity when it has none left, Infinity with no end). */
  get lastDueMs(): number {
    if (this.exhausted) return -Infinity;
    if (!Number.isFinite(this.until)) return Infinity;
    const last = this.next + Math.floor((this.until - 1 - this.next) / this.step) * this.step;
    return this.anchorMs + last * this.periodMs;
  }

  /** The intended start of the next arrival (Infinity when none is left). */
  get nextDueMs(): number {
    return this.exhausted ? Infinity : this.anchorMs + this.next * this.periodMs;
  }

  /** The share ends before arrival `j` (a new share takes over from there). */
  truncate(j: number): void {
    this.until = Math.min(this.until, Math.max(0, Math.ceil(j)));
  }

  /** The share ends now: no arrival after those already taken. */
  end(): void {
    this.until = Math.min(this.until, this.next);
  }

  /** Takes the next arrival if it is due by `nowMs`: its intended start, or undefined. */
  take(nowMs: number): number | undefined {
    if (this.exhausted) return undefined;
    const due = this.anchorMs + this.next * this.periodMs;
    if (due > nowMs) return undefined;
    this.lastTaken = this.next;
    this.next += this.step;
    return due;
  }
}
