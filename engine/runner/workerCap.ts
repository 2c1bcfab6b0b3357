// A worker never takes on more than it can hold (scenario/limits.ts, measured): `check` refuses a
// scenario that asks for more than its workers hold, but a share can still be too big (workers:
// auto on a small machine, fewer remote workers than planned). The worker runs the most it can
// and says so once, instead of growing until its master declares it missing.
import { formatCount, MAX_ARRIVAL_RATE_PER_WORKER, MAX_USERS_PER_WORKER } from '../../scenario/limits';
import type { Logger } from '../log';

export class WorkerCap {
  private warned = false;

  constructor(private readonly log: Logger) {}

  users(asked: number): number {
    if (!(asked > MAX_USERS_PER_WORKER)) return asked;
    this.warn(`${formatCount(asked)} users`, `${formatCount(MAX_USERS_PER_WORKER)} users`);
    return MAX_USERS_PER_WORKER;
  }

  arrivalRate(asked: number): number {
    if (!(asked > MAX_ARRIVAL_RATE_PER_WORKER)) return asked;
    this.warn(`${formatCount(asked)} iterations/s`, `${formatCount(MAX_ARRIVAL_RATE_PER_WORKER)}/s`);
    return MAX_ARRIVAL_RATE_PER_WORKER;
  }

  private warn(asked: string, cap: string): void {
    if (this.warned) return;
    this.warned = true;
    this.log.warn(
      `this worker was asked for ${asked}, more than one worker can hold; it runs ${cap} (add workers to reach the rest)`,
    );
  }
}
