// A cancellable wait: a virtual user's think time, pacing or loop period ends early when the user
// is stopped, so stopping never waits for a think to run out. Node's timers run on a cached
// millisecond clock and may fire up to a millisecond or so before performance.now() says the time
// is up; a wait that woke early sleeps the remainder, so a think is never shorter than asked.
// Waits longer than one Node timer can hold (24.8 days) chain timers (longTimeout.ts).
import { setLongTimeout, type LongTimeout } from '../longTimeout';

export class Sleeper {
  private timer: LongTimeout | undefined;
  private wake: (() => void) | undefined;
  private until = 0;

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.until = performance.now() + ms;
      this.timer = setLongTimeout(this.fired, Math.ceil(ms));
    });
  }

  /** Ends the current wait now (if any). */
  cancel(): void {
    this.timer?.cancel();
    this.done();
  }

  private readonly fired = (): void => {
    const left = this.until - performance.now();
    if (left > 0.05 && this.wake !== undefined) {
      this.timer = setLongTimeout(this.fired, Math.ceil(left));
      return;
    }
    this.done();
  };

  private readonly done = (): void => {
    this.timer = undefined;
    const w = this.wake;
    this.wake = undefined;
    if (w !== undefined) w();
  };
}
