// The worker side of duration trackers: one TrackerSet per worker receives every event of the
// run, passes it through each tracker's start and end filters (filter.ts, selectors.ts), pairs
// starts with ends per tracking session (pairing.ts) and records durations into one mergeable
// histogram per (metric, stage), drained into TrackerReports with every worker report.
//
// Sessions: a session is the time between two setStage calls with different stage ids; an event
// belongs to the session that is current when it is emitted (its own trace.stage is only used
// when no setStage came yet). setStage with the same stage id (a live user change or a rebalance)
// only updates the user count. Closing a session delivers held `:last` events, pairs lingering
// events in timestamp order and counts the rest incomplete (see pairing.ts).
import type { ExternalStarts, TrackerReport } from '../../common/protocol/engine';
import type { EventFilter, TrackerSpec } from '../../scenario/model';
import { Histogram } from '../stats/histogram';
import { compileFilter, conditionHolds, type CompiledFilter } from './filter';
import { PairingSession, type PairingSink } from './pairing';
import { SelectorGate, type Mark } from './selectors';
import type { EngineEvent, TrackerSet } from './types';
import { ExternalStartBuffer, renderKey } from './externalStarts';

export type { EngineEvent, TraceIds, TrackerSet } from './types';

/** Default bound on waiting starts (and, separately, waiting ends) per tracker in one worker. */
export const DEFAULT_MAX_QUEUED = 10_000;

export interface TrackerSetOptions {
  runId: string;
  workerId: string;
  /** Bound on waiting starts, on waiting ends and on selector scopes, per tracker. */
  maxQueued?: number;
  /** Bound on starts of trackers ending with an event from outside, per report interval. */
  maxExternalStarts?: number;
}

/** What a worker needs, plus counters for tests and diagnostics. */
export interface WorkerTrackerSet extends TrackerSet {
  drainExternalStarts(): ExternalStarts | undefined;
  /** Events waiting for a partner in the current session, over all trackers. */
  pending(): { starts: number; ends: number; selectorScopes: number };
}

interface Tracker {
  spec: TrackerSpec;
  start: CompiledFilter;
  end: CompiledFilter;
  startGate?: SelectorGate;
  endGate?: SelectorGate;
}

/** One tracker in one session: its pairing state and what it measured since the last drain. */
class TrackerSession implements PairingSink {
  readonly pairing: PairingSession;
  readonly histogram = new Histogram();
  incompleteCount = 0;
  droppedCount = 0;

  constructor(cap: number) {
    this.pairing = new PairingSession(this, cap);
  }
  duration(ms: number): void {
    this.histogram.record(ms);
  }
  incomplete(n: number): void {
    this.incompleteCount += n;
  }
  dropped(n: number): void {
    this.droppedCount += n;
  }

  report(metric: string, stage: number, users: number): TrackerReport {
    const h = this.histogram;
    const report: TrackerReport = {
      metric,
      stage,
      users,
      count: h.count,
      totalMs: h.sum,
      minMs: h.min,
      maxMs: h.max,
      histogram: h.encode(),
      incomplete: this.incompleteCount,
      dropped: this.droppedCount,
    };
    h.reset();
    this.incompleteCount = 0;
    this.droppedCount = 0;
    return report;
  }
}

interface Session {
  stage: number;
  users: number;
  trackers: TrackerSession[];
}

export function createTrackerSet(specs: TrackerSpec[], opts: TrackerSetOptions): WorkerTrackerSet {
  const cap = Math.max(1, opts.maxQueued ?? DEFAULT_MAX_QUEUED);
  const trackers: Tracker[] = specs.map((spec) => ({
    spec,
    start: compileFilter(spec.start),
    end: compileFilter(spec.end),
    startGate: spec.start.selector ? new SelectorGate(spec.start.selector, cap) : undefined,
    endGate: spec.end.selector ? new SelectorGate(spec.end.selector, cap) : undefined,
  }));
  const bodyNeeds = new Map<string, boolean>();
  const external = new ExternalStartBuffer(opts.maxExternalStarts);
  let current: Session | undefined;
  let closed: Session[] = [];
  // Reused per event: the marks that pass each filter (usually none or one).
  const starts: Mark[] = [];
  const ends: Mark[] = [];

  /** Starts of a tracker whose end comes from outside go to the master (ends never happen here). */
  const toMaster = (t: Tracker, session: Session, ts: TrackerSession): void => {
    for (const m of starts) if (!external.add(t.spec.metric, session.stage, m.key ?? '', m.ts)) ts.dropped(1);
    starts.length = 0;
    ends.length = 0;
  };

  const open = (stage: number, users: number): Session => {
    current = { stage, users, trackers: trackers.map(() => new TrackerSession(cap)) };
    return current;
  };

  const close = (session: Session): void => {
    trackers.forEach((t, i) => {
      t.startGate?.closeAll(starts);
      t.endGate?.closeAll(ends);
      const ts = session.trackers[i];
      if (t.spec.external) toMaster(t, session, ts);
      else deliver(ts.pairing, starts, ends);
      ts.pairing.close();
    });
    closed.push(session);
  };

  return {
    enabled: trackers.length > 0,

    needsBody(requestName) {
      let need = bodyNeeds.get(requestName);
      if (need === undefined) {
        need = specs.some((s) => readsBody(s.start, requestName) || readsBody(s.end, requestName));
        bodyNeeds.set(requestName, need);
      }
      return need;
    },

    emit(event) {
      if (trackers.length === 0) return;
      const session = current ?? open(event.trace.stage, 0);
      const iterationEnded = event.type === 'iteration.end';
      let mark: Mark | undefined;
      for (let i = 0; i < trackers.length; i++) {
        const t = trackers[i];
        if (t.start.test(event)) {
          // An external start carries its own key, so it gets a mark of its own.
          const m = t.spec.external
            ? { ...toMark(event), key: renderKey(t.spec.external, event) }
            : (mark ??= toMark(event));
          if (t.startGate) t.startGate.offer(m, starts);
          else starts.push(m);
        }
        if (t.spec.external) {
          if (iterationEnded) t.startGate?.closeScope(event.trace.user, event.trace.iteration, starts);
          if (starts.length > 0) toMaster(t, session, session.trackers[i]);
          continue;
        }
        if (t.end.test(event)) {
          mark ??= toMark(event);
          if (t.endGate) t.endGate.offer(mark, ends);
          else ends.push(mark);
        }
        if (iterationEnded) {
          t.startGate?.closeScope(event.trace.user, event.trace.iteration, starts);
          t.endGate?.closeScope(event.trace.user, event.trace.iteration, ends);
        }
        if (starts.length > 0 || ends.length > 0) deliver(session.trackers[i].pairing, starts, ends);
      }
    },

    setStage(stage, users) {
      if (current && current.stage === stage) {
        current.users = users;
        return;
      }
      if (current) close(current);
      open(stage, users);
    },

    drain(final) {
      if (final && current) {
        close(current);
        current = undefined;
      }
      const sessions = current ? [...closed, current] : closed;
      closed = [];
      const reports: TrackerReport[] = [];
      for (const s of sessions) {
        trackers.forEach((t, i) => reports.push(s.trackers[i].report(t.spec.metric, s.stage, s.users)));
      }
      return reports;
    },

    drainExternalStarts() {
      return external.drain();
    },

    pending() {
      let startCount = 0;
      let endCount = 0;
      let scopes = 0;
      current?.trackers.forEach((ts) => {
        startCount += ts.pairing.pendingStarts;
        endCount += ts.pairing.pendingEnds;
      });
      for (const t of trackers) scopes += (t.startGate?.size ?? 0) + (t.endGate?.size ?? 0);
      return { starts: startCount, ends: endCount, selectorScopes: scopes };
    },
  };
}

/** The `stage` event belongs to no user whatever ids its trace carries (docs/trackers.md says so). */
function toMark(event: EngineEvent): Mark {
  if (event.type === 'stage') return { ts: event.ts, user: -1, iteration: -1 };
  return { ts: event.ts, user: event.trace.user, iteration: event.trace.iteration };
}

/**
 * Hands marks to the pairing in timestamp order, a start before an end at the same ts, and
 * empties both lists (only here: setting `length` costs more than the rest of an event's work).
 */
function deliver(pairing: PairingSession, starts: Mark[], ends: Mark[]): void {
  if (starts.length > 1) starts.sort((a, b) => a.ts - b.ts);
  if (ends.length > 1) ends.sort((a, b) => a.ts - b.ts);
  let i = 0;
  let j = 0;
  while (i < starts.length || j < ends.length) {
    if (j >= ends.length || (i < starts.length && starts[i].ts <= ends[j].ts)) pairing.start(starts[i++]);
    else pairing.end(ends[j++]);
  }
  if (starts.length > 0) starts.length = 0;
  if (ends.length > 0) ends.length = 0;
}

/**
 * True when a `request` filter reads `json.*` and its `name` conditions (if any) accept this
 * request name: the runner must then keep and parse the body of such requests.
 */
export function readsBody(filter: EventFilter, requestName: string): boolean {
  if (filter.eventType !== 'request') return false;
  if (!filter.conditions.some((c) => c.attr.startsWith('json.'))) return false;
  return filter.conditions
    .filter((c) => c.attr === 'name')
    .every((c) => conditionHolds(filter, c, requestName));
}
