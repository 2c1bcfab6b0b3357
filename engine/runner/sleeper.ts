// A cancellable wait: a virtual user's think time, pacing or loop period ends early when the user
// is stopped, so stopping never waits for a think to run out.
export class Sleeper {
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(this.done, ms);
    });
  }

  /** Ends the current wait now (if any). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.done();
  }

  private readonly done = (): void => {
    this.timer = undefined;
    const w = this.wake;
    this.wake = undefined;
    if (w !== undefined) w();
  };
}
