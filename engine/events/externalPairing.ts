// The master's half of trackers that end with an event from outside (`end: event[...]`). Workers
// ship their starts (pairing key, time on their clock, stage) with each report; the listeners hand
// in the events. A start and an event pair when the event passes the end filter's plain
// conditions and its key values equal the start's rendered key; the earliest waiting partner wins.
//
// Everything is bounded (docs/trackers.md says the same for people):
// - waiting starts: at most `maxPending` per tracker; a full map drops its oldest start, counted
//   as dropped. A start still waiting `timeoutMs` after it happened is counted as timed out.
// - events that came before their start (the start is still on its way in a report): at most
//   `maxEarly` per tracker wait `earlyHoldMs` for it; then, or when pushed out by newer ones, they
//   are counted as unmatched and forgotten. An event whose key attribute is missing is unmatched
//   at once.
// Durations are `event time - start time` on the master's clock: the start's worker time plus
// that worker's clock offset (clockOffsets.ts). Results go out as TrackerReports per
// (metric, stage of the start), merged with the workers' like any other.
import type { ExternalStarts, TrackerReport } from '../../common/protocol/engine';
import type { EventFilter, TrackerSpec } from '../../scenario/model';
import { isKeyValue } from '../../scenario/compile/externalEnd';
import { Histogram } from '../stats/histogram';
import { compileFilter, type CompiledFilter } from '../trackers/filter';
import { KEY_SEPARATOR, MAX_KEY_LENGTH } from '../trackers/externalStarts';
import { ClockOffsets } from './clockOffsets';
import { ExternalEvent } from './externalEvent';

export const DEFAULT_MAX_PENDING = 100_000;
export const DEFAULT_MAX_EARLY = 10_000;
/** An event may beat its start to the master by this much on the two clocks and still pair (clock error). */
export const CLOCK_SLACK_MS = 5;

export interface ExternalPairingOptions {
  trackers: readonly TrackerSpec[];
  /** The master's current stage: where an unmatched event is counted. */
  stage(): number;
  /** How long an event that matched no start waits for one still in a report on its way. */
  earlyHoldMs: number;
  maxPending?: number;
  maxEarly?: number;
}

interface Waiting {
  key: string;
  /** Master clock ms. */
  at: number;
  stage: number;
  live: boolean;
}

/** Waiting entries by key (each list oldest first) plus arrival order, for expiry and eviction. */
class WaitingMap {
  private readonly byKey = new Map<string, Waiting[]>();
  private order: Waiting[] = [];
  private head = 0;
  size = 0;

  add(w: Waiting): void {
    const list = this.byKey.get(w.key);
    if (list) list.push(w);
    else this.byKey.set(w.key, [w]);
    this.order.push(w);
    this.size++;
  }

  /** The oldest live entry of `key` that `accept`s, taken out. */
  take(key: string, accept: (w: Waiting) => boolean): Waiting | undefined {
    const list = this.byKey.get(key);
    if (!list) return undefined;
    const i = list.findIndex(accept);
    if (i < 0) return undefined;
    const w = list[i];
    this.unlink(w, list, i);
    return w;
  }

  /** The oldest entry in arrival order, when `expired` says it must go (or always, `force`). */
  shiftIf(expired: (w: Waiting) => boolean): Waiting | undefined {
    while (this.head < this.order.length) {
      const w = this.order[this.head];
      if (w.live && !expired(w)) return undefined;
      this.head++;
      this.compact();
      if (!w.live) continue;
      const list = this.byKey.get(w.key)!;
      this.unlink(w, list, list.indexOf(w));
      return w;
    }
    return undefined;
  }

  /** Entries held in memory, live or not yet compacted (for tests of the bound). */
  get footprint(): number {
    return this.order.length - this.head;
  }

  get keys(): number {
    return this.byKey.size;
  }

  private unlink(w: Waiting, list: Waiting[], i: number): void {
    w.live = false;
    this.size--;
    list.splice(i, 1);
    if (list.length === 0) this.byKey.delete(w.key);
    // Taken entries stay in `order` until the head passes them; compact when they pile up.
    if (this.order.length - this.head > 2 * this.size + 1024) {
      this.order = this.order.slice(this.head).filter((x) => x.live);
      this.head = 0;
    }
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}

/** What one tracker measured in one stage since the last drain. */
class StageTally {
  readonly histogram = new Histogram();
  timedOut = 0;
  unmatched = 0;
  dropped = 0;
  incomplete = 0;
}

interface Tracker {
  metric: string;
  source: string;
  timeoutMs: number;
  keyAttrs: string[];
  /** The end filter without its key conditions: `name` and plain `json.*` tests. */
  plain: CompiledFilter;
  pending: WaitingMap;
  early: WaitingMap;
  tallies: Map<number, StageTally>;
}

export class ExternalPairing {
  private readonly trackers = new Map<string, Tracker>();
  private readonly bySource = new Map<string, Tracker[]>();
  private readonly clocks = new ClockOffsets();
  private readonly maxPending: number;
  private readonly maxEarly: number;

  constructor(private readonly opts: ExternalPairingOptions) {
    this.maxPending = Math.max(1, opts.maxPending ?? DEFAULT_MAX_PENDING);
    this.maxEarly = Math.max(1, opts.maxEarly ?? DEFAULT_MAX_EARLY);
    for (const spec of opts.trackers) {
      if (!spec.external) continue;
      const plainFilter: EventFilter = {
        ...spec.end,
        conditions: spec.end.conditions.filter((c) => !isKeyValue(c.value)),
      };
      const t: Tracker = {
        metric: spec.metric,
        source: spec.external.source,
        timeoutMs: spec.external.timeoutMs,
        keyAttrs: spec.external.keys.map((k) => k.attr),
        plain: compileFilter(plainFilter),
        pending: new WaitingMap(),
        early: new WaitingMap(),
        tallies: new Map(),
      };
      this.trackers.set(t.metric, t);
      const list = this.bySource.get(t.source) ?? [];
      list.push(t);
      this.bySource.set(t.source, list);
    }
  }

  /** True when some tracker ends with an event from outside. */
  get enabled(): boolean {
    return this.trackers.size > 0;
  }

  /**
   * A worker's starts, from a report that arrived at `receivedAt` (master clock). `sameClock`: the
   * worker runs on the master's machine, so its clock is the master's (offset 0); else the offset
   * is estimated from its reports.
   */
  addStarts(workerId: string, x: ExternalStarts, receivedAt: number, sameClock = false): void {
    if (!sameClock) this.clocks.observe(workerId, x.clockMs, receivedAt);
    const offset = sameClock ? 0 : this.clocks.offset(workerId);
    for (const s of x.starts) {
      const t = this.trackers.get(s.metric);
      if (!t) continue;
      const at = s.atMs + offset;
      const end = t.early.take(s.key, (e) => e.at >= at - CLOCK_SLACK_MS);
      if (end) {
        this.tally(t, s.stage).histogram.record(Math.max(0, end.at - at));
        continue;
      }
      if (t.pending.size >= this.maxPending) {
        const oldest = t.pending.shiftIf(() => true);
        if (oldest) this.tally(t, oldest.stage).dropped++;
      }
      t.pending.add({ key: s.key, at, stage: s.stage, live: true });
    }
  }

  /** An event from listener `source` with its JSON body, arrived at `at` (master clock). */
  onEvent(source: string, body: unknown, at: number): void {
    const trackers = this.bySource.get(source);
    if (!trackers) return;
    const event = new ExternalEvent(source, body, at);
    for (const t of trackers) {
      if (!t.plain.test(event)) continue;
      const key = keyOf(t, event);
      if (key === undefined) {
        this.tally(t, this.opts.stage()).unmatched++;
        continue;
      }
      const start = t.pending.take(key, (s) => s.at <= at + CLOCK_SLACK_MS);
      if (start) {
        this.tally(t, start.stage).histogram.record(Math.max(0, at - start.at));
        continue;
      }
      if (t.early.size >= this.maxEarly) {
        const oldest = t.early.shiftIf(() => true);
        if (oldest) this.tally(t, oldest.stage).unmatched++;
      }
      t.early.add({ key, at, stage: this.opts.stage(), live: true });
    }
  }

  /** Counts starts past their timeout and events that waited long enough for a start. */
  sweep(now: number): void {
    for (const t of this.trackers.values()) {
      for (let s; (s = t.pending.shiftIf((w) => now - w.at >= t.timeoutMs));)
        this.tally(t, s.stage).timedOut++;
      for (let e; (e = t.early.shiftIf((w) => now - w.at >= this.opts.earlyHoldMs));)
        this.tally(t, e.stage).unmatched++;
    }
  }

  /** Starts still waiting for their event, over all trackers. */
  get pendingStarts(): number {
    let n = 0;
    for (const t of this.trackers.values()) n += t.pending.size;
    return n;
  }

  /** The longest `timeout:` of any tracker (how long the end of a run may wait for late events). */
  get longestTimeoutMs(): number {
    let ms = 0;
    for (const t of this.trackers.values()) ms = Math.max(ms, t.timeoutMs);
    return ms;
  }

  /**
   * The run is over: starts past their timeout are timed out, the others incomplete (the run
   * ended before their end could come); events still waiting for a start are unmatched.
   */
  finish(now: number): void {
    this.sweep(now);
    for (const t of this.trackers.values()) {
      for (let s; (s = t.pending.shiftIf(() => true));) this.tally(t, s.stage).incomplete++;
      for (let e; (e = t.early.shiftIf(() => true));) this.tally(t, e.stage).unmatched++;
    }
  }

  /** What was measured since the last drain, as tracker reports (users 0: the workers report users). */
  drain(): TrackerReport[] {
    const out: TrackerReport[] = [];
    for (const t of this.trackers.values()) {
      for (const [stage, x] of t.tallies) {
        const h = x.histogram;
        out.push({
          metric: t.metric,
          stage,
          users: 0,
          count: h.count,
          totalMs: h.sum,
          minMs: h.min,
          maxMs: h.max,
          histogram: h.encode(),
          incomplete: x.incomplete,
          dropped: x.dropped,
          timedOut: x.timedOut,
          unmatched: x.unmatched,
        });
      }
      t.tallies.clear();
    }
    return out;
  }

  /** Sizes of the bounded structures (tests assert them). */
  sizes(): { pending: number; early: number; footprint: number; keys: number } {
    let pending = 0;
    let early = 0;
    let footprint = 0;
    let keys = 0;
    for (const t of this.trackers.values()) {
      pending += t.pending.size;
      early += t.early.size;
      footprint += t.pending.footprint + t.early.footprint;
      keys += t.pending.keys + t.early.keys;
    }
    return { pending, early, footprint, keys };
  }

  private tally(t: Tracker, stage: number): StageTally {
    let x = t.tallies.get(stage);
    if (!x) t.tallies.set(stage, (x = new StageTally()));
    return x;
  }
}

/** The event's values for the tracker's key conditions, as the worker renders them; undefined when one is missing. */
function keyOf(t: Tracker, event: ExternalEvent): string | undefined {
  if (t.keyAttrs.length === 0) return '';
  const values: string[] = [];
  for (const attr of t.keyAttrs) {
    const v = event.attr(attr);
    if (v === undefined) return undefined;
    values.push(String(v));
  }
  return values.join(KEY_SEPARATOR).slice(0, MAX_KEY_LENGTH);
}
