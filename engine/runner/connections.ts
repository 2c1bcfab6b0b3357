// The connections of one activity of a virtual user (its tasks, or one of its loops): one
// keep-alive connection per origin, nearly always just the target's.
import type { Scenario } from '../../scenario/model';
import { HttpConnection, type ConnectionOptions, type Origin } from '../http/index';

/** The connection settings of a scenario's `defaults`; `insecure` from the command line wins. */
export function connectionOptions(scenario: Scenario, insecure: boolean | undefined): ConnectionOptions {
  const d = scenario.defaults;
  return {
    insecure: insecure ?? d.insecure,
    keepAlive: d.keepAlive !== false,
    resumeTlsSessions: d.resumeTlsSessions !== false,
    sourceAddresses: scenario.sourceAddresses,
  };
}

export class Connections {
  /**
   * The request this activity is trying now (an activity sends one request at a time): its bytes
   * and URL, kept here between the write and the response so no object is made per request.
   */
  payload: Buffer | string = '';
  url = '';
  private lastOrigin: Origin | undefined;
  private last: HttpConnection | undefined;
  private readonly byKey = new Map<string, HttpConnection>();

  constructor(private readonly options: ConnectionOptions) {}

  get(origin: Origin): HttpConnection {
    if (origin === this.lastOrigin) return this.last!;
    let c = this.byKey.get(origin.key);
    if (c === undefined) this.byKey.set(origin.key, (c = new HttpConnection(origin, this.options)));
    this.lastOrigin = origin;
    this.last = c;
    return c;
  }

  closeAll(): void {
    for (const c of this.byKey.values()) c.close();
    this.byKey.clear();
    this.lastOrigin = undefined;
    this.last = undefined;
  }
}
