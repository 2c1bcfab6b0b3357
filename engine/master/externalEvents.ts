// The master's part in trackers that end with an event from outside: the listeners (opened by the
// session before any load) deliver events here, reports bring the workers' starts, and the
// pairing's results join the tracker merge as if from one more worker (MASTER_SOURCE, 0 users).
// At the end of the run the master waits, within the stop's grace period and the longest
// `timeout:`, for the events of starts still waiting, so callbacks in flight are not lost.
import type { ExternalStarts } from '../../common/protocol/engine';
import type { RunSnapshot } from '../../common/snapshot';
import type { Scenario } from '../../scenario/model';
import { ExternalPairing } from '../events/externalPairing';
import { masterClockMs, type EventListeners } from '../events/listeners';
import type { TrackerMerge } from './deps';

/** The tracker merge's name for the master's own pairing results (no worker has this id: it holds a NUL). */
export const MASTER_SOURCE = '\u0000master';
/** How often the end of a run looks again whether every start found its event. */
const SETTLE_POLL_MS = 50;

export interface MasterExternalEvents {
  /** `sameClock`: the worker runs on the master's machine (its clock needs no offset). */
  onStarts(workerId: string, starts: ExternalStarts, sameClock: boolean): void;
  /** Counts timeouts and moves what was paired into the tracker merge (every snapshot). */
  merge(into: TrackerMerge): void;
  /** The run stopped: wait up to `graceMs` for waiting starts' events, then count the rest. */
  settle(graceMs: number, into: TrackerMerge): Promise<void>;
  /** Adds the listeners' counters to a snapshot. */
  decorate(snapshot: RunSnapshot): void;
}

export function masterExternalEvents(
  scenario: Scenario,
  listeners: EventListeners | undefined,
  stage: () => number,
  reportIntervalMs: number,
): MasterExternalEvents {
  // An event can beat its start's report (sent every interval) to the master: it waits that long.
  const pairing = new ExternalPairing({
    trackers: scenario.trackers,
    stage,
    earlyHoldMs: Math.max(5000, 3 * reportIntervalMs),
  });
  if (pairing.enabled) listeners?.deliverTo((source, body, at) => pairing.onEvent(source, body, at));

  const merge = (into: TrackerMerge): void => {
    if (!pairing.enabled) return;
    pairing.sweep(masterClockMs());
    const reports = pairing.drain();
    if (reports.length) into.add(reports, MASTER_SOURCE);
  };

  return {
    onStarts(workerId, starts, sameClock) {
      if (pairing.enabled) pairing.addStarts(workerId, starts, masterClockMs(), sameClock);
    },
    merge,
    async settle(graceMs, into) {
      if (!pairing.enabled) return;
      const until = masterClockMs() + Math.min(graceMs, pairing.longestTimeoutMs);
      while (pairing.pendingStarts > 0 && masterClockMs() < until) {
        await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
        pairing.sweep(masterClockMs());
      }
      pairing.finish(masterClockMs());
      merge(into);
    },
    decorate(snapshot) {
      if (listeners) snapshot.eventSources = listeners.stats();
    },
  };
}
