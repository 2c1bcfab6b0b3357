// A worker's drained stats in the wire form of protocol 3 (common/protocol/engine.ts, WireEntry):
// entries and errors as positional tuples keyed by the entry's index in the scenario's request
// table. Built once per report on the worker; the master reads the tuples as they are.
import type { StatsReport, WireEntry, WireError, WireStatsReport } from '../../common/protocol/engine';
import type { EntryTable } from './entryTable';

type Compact<T> = Omit<T, 'entries' | 'errors'> & Pick<WireStatsReport, 'entries' | 'errors'>;

/** The same stats with entries and errors as tuples; a (name, method) new to `table` is added to it. */
export function toWireStats<T extends Pick<StatsReport, 'entries' | 'errors'>>(
  stats: T,
  table: EntryTable,
): Compact<T> {
  const { entries, errors, ...rest } = stats;
  const wireEntries = entries.map((e): WireEntry => {
    const perSecond: number[] = [];
    for (const [sec, r, f] of e.perSecond) perSecond.push(sec, r, f);
    return [
      table.intern(e.name, e.method),
      e.requests,
      e.failures,
      e.totalMs,
      e.minMs,
      e.maxMs,
      e.bytes,
      typeof e.histogram === 'string' ? Buffer.from(e.histogram, 'base64') : e.histogram,
      perSecond,
    ];
  });
  const wireErrors = errors.map((e): WireError => [table.intern(e.name, e.method), e.error, e.count]);
  return { ...rest, entries: wireEntries, errors: wireErrors };
}
