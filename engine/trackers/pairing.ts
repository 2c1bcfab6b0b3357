// Pairs start and end events of one tracker within one tracking session (one stage).
//
// The rules (docs/trackers.md says the same for people):
// 1. A pair never has negative duration: a start pairs only with an end at the same or a later ts.
// 2. When an event arrives, it pairs at once with a waiting partner of its MOST SPECIFIC shared
//    trace id: the same iteration (same user and iteration), else the same user, else, when one of
//    the two belongs to no user (trace.user < 0, e.g. a `stage` event), the stage. Among several
//    candidates at one level the earliest ts wins (first in, first out). This works in both
//    directions, so an end that arrives before its start (out of order) waits and pairs when the
//    start comes.
// 3. Two events of different users are never paired at once: a better partner may still come.
//    Whatever still waits when the session closes (stage change, or the end of the run) is paired
//    in timestamp order: walking all lingering events by ts (a start before an end at equal ts),
//    each end takes the earliest lingering start not yet taken; ends with no start before them and
//    starts left over are counted incomplete.
// 4. Memory is bounded: at most `cap` starts and `cap` ends wait; a full queue drops its oldest
//    event and counts it as dropped.
import { scopeKey, type Mark } from './selectors';

/** Where a session's outcomes go (the tracker's histogram and counters). */
export interface PairingSink {
  duration(ms: number): void;
  incomplete(n: number): void;
  dropped(n: number): void;
}

interface Pending extends Mark {
  live: boolean;
}

type Accept = (p: Pending) => boolean;

/** Waiting events of one kind (starts or ends), indexed by iteration and by user. */
class PendingQueue {
  private readonly byIteration = new Map<number, Pending[]>();
  /** Every user's waiting events; the events of no user wait under -1. */
  private readonly byUser = new Map<number, Pending[]>();
  /** Arrival order, for dropping the oldest; taken entries stay as dead until compacted. */
  private order: Pending[] = [];
  private head = 0;
  private dead = 0;
  size = 0;

  add(mark: Mark): void {
    const p: Pending = { ts: mark.ts, user: mark.user, iteration: mark.iteration, live: true };
    if (p.user >= 0 && p.iteration >= 0) push(this.byIteration, scopeKey(p.user, p.iteration), p);
    push(this.byUser, userKey(p.user), p);
    this.order.push(p);
    this.size++;
  }

  /** Removes the oldest waiting event; false when there is none. */
  dropOldest(): boolean {
    while (this.head < this.order.length) {
      const p = this.order[this.head++];
      if (p.live) {
        this.unlink(p);
        // Entries before `head` are unreachable: cut them off once they are half the array.
        if (this.head > 1024 && this.head * 2 > this.order.length) {
          this.order = this.order.slice(this.head);
          this.head = 0;
        }
        return true;
      }
      this.dead--;
    }
    return false;
  }

  /** Entries held in memory, live or not yet compacted (for tests of the memory bound). */
  get footprint(): number {
    return this.order.length;
  }

  /** The earliest accepted waiting event of this iteration, this user, or of no user. */
  find(user: number, iteration: number, accept: Accept): Pending | undefined {
    if (user >= 0 && iteration >= 0) {
      const hit = earliest(this.byIteration.get(scopeKey(user, iteration)), accept);
      if (hit) return hit;
    }
    return (
      earliest(this.byUser.get(userKey(user)), accept) ??
      (user >= 0 ? earliest(this.byUser.get(-1), accept) : undefined)
    );
  }

  /** The earliest accepted waiting event, whoever it belongs to. */
  findAny(accept: Accept): Pending | undefined {
    let best: Pending | undefined;
    for (let i = this.head; i < this.order.length; i++) {
      const p = this.order[i];
      if (p.live && accept(p) && (!best || p.ts < best.ts)) best = p;
    }
    return best;
  }

  /** Takes a waiting event out (it was paired). */
  take(p: Pending): void {
    this.unlink(p);
    this.dead++;
    // Taken events in the middle of `order` are only skipped; compact once they are the majority.
    if (this.dead > 1024 && this.dead > this.size) {
      this.order = this.order.slice(this.head).filter((x) => x.live);
      this.head = 0;
      this.dead = 0;
    }
  }

  private unlink(p: Pending): void {
    p.live = false;
    this.size--;
    if (p.user >= 0 && p.iteration >= 0) remove(this.byIteration, scopeKey(p.user, p.iteration), p);
    remove(this.byUser, userKey(p.user), p);
  }

  live(): Pending[] {
    return this.order.slice(this.head).filter((p) => p.live);
  }

  clear(): void {
    this.byIteration.clear();
    this.byUser.clear();
    this.order = [];
    this.head = 0;
    this.dead = 0;
    this.size = 0;
  }
}

export class PairingSession {
  private readonly starts = new PendingQueue();
  private readonly ends = new PendingQueue();

  constructor(
    private readonly sink: PairingSink,
    private readonly cap: number,
  ) {}

  start(s: Mark): void {
    const e = this.partner(this.ends, s, (p) => p.ts >= s.ts);
    if (e) {
      this.ends.take(e);
      this.sink.duration(e.ts - s.ts);
    } else this.wait(this.starts, s);
  }

  end(e: Mark): void {
    const s = this.partner(this.starts, e, (p) => p.ts <= e.ts);
    if (s) {
      this.starts.take(s);
      this.sink.duration(e.ts - s.ts);
    } else this.wait(this.ends, e);
  }

  /** Lingering events are paired in timestamp order; the rest are incomplete. The session is then empty. */
  close(): void {
    const starts = this.starts.live().sort(byTs);
    const ends = this.ends.live().sort(byTs);
    this.starts.clear();
    this.ends.clear();
    let taken = 0;
    let before = 0;
    let incomplete = 0;
    for (const e of ends) {
      while (before < starts.length && starts[before].ts <= e.ts) before++;
      if (taken < before) this.sink.duration(e.ts - starts[taken++].ts);
      else incomplete++;
    }
    incomplete += starts.length - taken;
    if (incomplete > 0) this.sink.incomplete(incomplete);
  }

  get pendingStarts(): number {
    return this.starts.size;
  }

  get pendingEnds(): number {
    return this.ends.size;
  }

  /** Entries held by both queues, waiting or not yet compacted away: bounded by a few times `cap`. */
  get footprint(): number {
    return this.starts.footprint + this.ends.footprint;
  }

  private partner(queue: PendingQueue, m: Mark, accept: Accept): Pending | undefined {
    return m.user >= 0 ? queue.find(m.user, m.iteration, accept) : queue.findAny(accept);
  }

  private wait(queue: PendingQueue, m: Mark): void {
    if (queue.size >= this.cap && queue.dropOldest()) this.sink.dropped(1);
    queue.add(m);
  }
}

function userKey(user: number): number {
  return user < 0 ? -1 : user;
}

function push(map: Map<number, Pending[]>, key: number, p: Pending): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

function remove(map: Map<number, Pending[]>, key: number, p: Pending): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(p);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

function earliest(list: Pending[] | undefined, accept: Accept): Pending | undefined {
  if (!list) return undefined;
  let best: Pending | undefined;
  for (const p of list) if (accept(p) && (!best || p.ts < best.ts)) best = p;
  return best;
}

function byTs(a: Mark, b: Mark): number {
  return a.ts - b.ts;
}
