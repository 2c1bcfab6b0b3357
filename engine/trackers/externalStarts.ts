// The worker's half of a tracker that ends with an event from outside (`end: event[...]`): the
// worker sees the start (its own request) but not the end (the master's listeners receive it), so
// it renders the pairing key in the start's user scope and ships the start to the master with the
// next report. Bounded: at most `cap` starts wait per report interval; the rest are counted as
// dropped on their tracker's row (never silent).
import type { ExternalStart, ExternalStarts } from '../../common/protocol/engine';
import type { ExternalEnd } from '../../scenario/model';
import type { EngineEvent } from './types';
import { clockAt, clockNow } from '../events/clock';

/** Same bound as the master's check (reportLimits.ts). */
export const MAX_EXTERNAL_STARTS = 50_000;
export const MAX_KEY_LENGTH = 512;
/** Joins the values of several key conditions (a character no template value is likely to hold). */
export const KEY_SEPARATOR = '\u0000';

/** The rendered pairing key of a start, cut to MAX_KEY_LENGTH (the master cuts event values the same way). */
export function renderKey(end: ExternalEnd, event: EngineEvent): string {
  if (end.keys.length === 0) return '';
  const render = event.render;
  const values = end.keys.map((k) => (render ? render(k.value) : ''));
  return values.join(KEY_SEPARATOR).slice(0, MAX_KEY_LENGTH);
}

export class ExternalStartBuffer {
  private starts: ExternalStart[] = [];

  constructor(private readonly cap = MAX_EXTERNAL_STARTS) {}

  /** False when the interval's buffer is full (the caller counts the start as dropped). */
  add(metric: string, stage: number, key: string, monotonicMs: number): boolean {
    if (this.starts.length >= this.cap) return false;
    this.starts.push({ metric, stage, key, atMs: clockAt(monotonicMs) });
    return true;
  }

  get size(): number {
    return this.starts.length;
  }

  drain(): ExternalStarts | undefined {
    if (this.starts.length === 0) return undefined;
    const out = { clockMs: clockNow(), starts: this.starts };
    this.starts = [];
    return out;
  }
}
