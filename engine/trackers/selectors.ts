// The stateful half of an event filter: the selectors `:first`, `:last` and `:nth(n)`.
//
// A selector picks among the events that match a filter WITHIN ONE SCOPE:
// - the scope of an event of a user is its iteration (trace user + iteration) in the current
//   tracking session (stage);
// - the scope of an event of no user (trace.user < 0, e.g. `stage`) is the whole session.
// `:first` lets the first matching event of the scope through, `:nth(n)` the n-th (1-based), and
// `:last` the last one: it is held until the scope closes (the `iteration.end` event of that
// iteration, or the end of the session) and then delivered with its own timestamp, so the
// duration is exact even though the pairing sees it late.
//
// Memory: at most `cap` scopes are tracked; past that the oldest scope is closed early (its held
// `:last` event is delivered). The runner emits `iteration.end` for every iteration, so in
// practice the live scopes are the running iterations: one per user.

export interface Mark {
  /** Monotonic ms of the event. */
  ts: number;
  user: number;
  iteration: number;
  /** The pairing key of a start whose end comes from outside (rendered when the start matched). */
  key?: string;
}

export type Selector = { kind: 'first' } | { kind: 'last' } | { kind: 'nth'; n: number };

interface ScopeState {
  seen: number;
  held?: Mark;
}

const ITERATION_SPAN = 4_294_967_296;

/** One number per scope: -1 for the session scope of no-user events, else user and iteration. */
export function scopeKey(user: number, iteration: number): number {
  if (user < 0) return -1;
  return user * ITERATION_SPAN + (iteration < 0 ? ITERATION_SPAN - 1 : iteration);
}

export class SelectorGate {
  private readonly scopes = new Map<number, ScopeState>();
  private readonly wanted: number;

  constructor(
    private readonly selector: Selector,
    private readonly cap: number,
  ) {
    this.wanted = selector.kind === 'nth' ? selector.n : 1;
  }

  /** A matching event: pushes onto `out` what passes now (and anything closed early to stay in bounds). */
  offer(mark: Mark, out: Mark[]): void {
    const key = scopeKey(mark.user, mark.iteration);
    let state = this.scopes.get(key);
    if (!state) {
      if (this.scopes.size >= this.cap) this.evictOldest(out);
      state = { seen: 0 };
      this.scopes.set(key, state);
    }
    state.seen++;
    if (this.selector.kind === 'last') state.held = mark;
    else if (state.seen === this.wanted) out.push(mark);
  }

  /** The iteration (user, iteration) ended: its held `:last` event, if any, is pushed onto `out`. */
  closeScope(user: number, iteration: number, out: Mark[]): void {
    const key = scopeKey(user, iteration);
    const state = this.scopes.get(key);
    if (!state) return;
    this.scopes.delete(key);
    if (state.held) out.push(state.held);
  }

  /** The session ended: every held `:last` event is pushed onto `out`; counts start again. */
  closeAll(out: Mark[]): void {
    for (const state of this.scopes.values()) if (state.held) out.push(state.held);
    this.scopes.clear();
  }

  /** Scopes being tracked (for tests of the memory bound). */
  get size(): number {
    return this.scopes.size;
  }

  private evictOldest(out: Mark[]): void {
    const oldest = this.scopes.keys().next();
    if (oldest.done) return;
    const state = this.scopes.get(oldest.value);
    this.scopes.delete(oldest.value);
    if (state?.held) out.push(state.held);
  }
}
