// An event from the system under test as a tracker filter sees it: type `event`, the listener's
// name as `name`, and `json.<path>` into its JSON body. The body is untrusted: paths walk own
// properties only (never `__proto__` or inherited ones), and objects come out as JSON text.
import { EXTERNAL_EVENT } from '../../scenario/events';
import type { EngineEvent, TraceIds } from '../trackers/types';

/** External events belong to no user: they are paired by key on the master. */
const NO_TRACE: TraceIds = { run: '', stage: -1, user: -1, iteration: -1 };

export class ExternalEvent implements EngineEvent {
  readonly type = EXTERNAL_EVENT;
  readonly trace = NO_TRACE;

  constructor(
    readonly source: string,
    private readonly body: unknown,
    /** Master clock (performance.timeOrigin + performance.now()) when it arrived. */
    readonly ts: number,
  ) {}

  attr(name: string): string | number | boolean | undefined {
    if (name === 'name') return this.source;
    if (!name.startsWith('json.')) return undefined;
    let v: unknown = this.body;
    for (const key of name.slice(5).split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
    if (v === undefined || v === null) return undefined;
    return typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
}
