// A hook to see each exchange a virtual user makes, for `stampede try` (engine/try). Runs never
// set it: the runner then checks one undefined field per request and compiles plans as always.
import type { RequestStep } from '../../scenario/model';
import type { HttpResponse } from '../http/index';
import type { ResponseData } from './responseChecks';
import type { Scope } from './scope';

export interface ObservedExchange {
  step: RequestStep;
  /** The request as written to the socket; undefined when it could not be built. */
  request: Buffer | string | undefined;
  url: string | undefined;
  /** The response (headers and body kept); valid only during the call. Undefined when never sent. */
  response: HttpResponse | undefined;
  /** The response as checks and captures read it (undefined on a transport error). */
  data: ResponseData | undefined;
  /** The user's scope after this exchange's captures. */
  scope: Scope;
  /** The engine's failure text (what the stats count), or undefined when the exchange passed. */
  failure: string | undefined;
  /** 1 for the first try of a step, then 2, 3... while it repeats. */
  attempt: number;
}

export type ExchangeObserver = (exchange: ObservedExchange) => void;
