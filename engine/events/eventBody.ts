// What every listener shares: the bound on a body and how a body becomes JSON.
import type { EventSourceStats } from '../../common/snapshot';

/** The largest body, datagram or stream event accepted. */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface OpenListener {
  stats: EventSourceStats;
  close(): Promise<void>;
}

/** Parses a body as JSON; undefined (counted malformed by the caller) when it is not. */
export function parseEventJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
