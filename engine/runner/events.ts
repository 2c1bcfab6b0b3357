// Events for duration trackers, built only when the scenario has trackers. Attributes are read
// lazily: `json.<path>` parses the body once, on first use; `header.<name>` reads the kept head.
import type { Template } from '../../scenario/model';
import type { EngineEvent, TraceIds } from '../trackers/types';
import { parseHeaders } from '../http/index';
import { ResponseData } from './responseChecks';
import type { HttpResponse } from '../http/index';

export class RequestEvent implements EngineEvent {
  readonly type = 'request';
  private data: ResponseData | undefined;
  private headers: Map<string, string> | undefined;
  /** Set by the virtual user: its scope, for the keys of trackers that end with an event from outside. */
  render?: (template: Template) => string;

  constructor(
    readonly ts: number,
    readonly trace: TraceIds,
    private readonly name: string,
    private readonly method: string,
    private readonly url: string,
    private readonly status: number,
    private readonly ok: boolean,
    private readonly duration: number,
    private readonly body: Buffer | undefined,
    private readonly headText: string | undefined,
  ) {}

  attr(name: string): string | number | boolean | undefined {
    switch (name) {
      case 'name':
        return this.name;
      case 'method':
        return this.method;
      case 'url':
        return this.url;
      case 'status':
        return this.status;
      case 'ok':
        return this.ok;
      case 'duration':
        return this.duration;
    }
    if (name.startsWith('json.')) {
      if (this.data === undefined) {
        // A detached view: the connection's response object is reused, the body Buffer is not.
        this.data = new ResponseData({ status: this.status, body: this.body, header: () => undefined });
      }
      const v = this.data.jsonPath(
        name
          .slice(5)
          .split('.')
          .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
      );
      if (v === undefined || v === null) return undefined;
      return typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
    }
    if (name.startsWith('header.')) {
      if (this.headText === undefined) return undefined;
      this.headers ??= parseHeaders(this.headText);
      return this.headers.get(name.slice(7).toLowerCase());
    }
    return undefined;
  }
}

/** iteration.start / iteration.end / stage / custom `emit` events. */
export class SimpleEvent implements EngineEvent {
  render?: (template: Template) => string;

  constructor(
    readonly type: string,
    readonly ts: number,
    readonly trace: TraceIds,
    private readonly attributes: Record<string, string | number | boolean>,
  ) {}

  attr(name: string): string | number | boolean | undefined {
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : undefined;
  }
}

export function requestEvent(
  trace: TraceIds,
  name: string,
  method: string,
  url: string,
  res: HttpResponse,
  ok: boolean,
): RequestEvent {
  return new RequestEvent(
    res.endMs,
    trace,
    name,
    method,
    url,
    res.status,
    ok,
    res.durationMs,
    res.body,
    res.headText,
  );
}
