// The master's side of test data. Each data file is read and parsed once, before the run
// (loadDataSets). Sequential and random sets go to every worker whole, as `dataRows` slices after
// `start` (columns once in `start`, rows as arrays); unique sets stay here and are leased out in
// disjoint blocks as workers ask (`dataLease` -> `dataGrant`), so no row is used twice anywhere.
import type {
  DataSetHeader,
  MasterDataGrantMessage,
  MasterDataRowsMessage,
} from '../../common/protocol/engine';
import type { DataSetSpec, Scenario } from '../../scenario/model';
import { RunInputError } from '../inputs/envSources';
import { DataFileError, type DataTable } from './dataTable';
import { readDataFile } from './readDataFile';
import { unpackRow } from './packedRows';
import { RowLeases } from './rowLeases';

export interface LoadedDataSet {
  spec: DataSetSpec;
  table: DataTable;
}

/** Rows per `dataRows` slice: keeps each message far below the transport's size cap. */
const ROWS_SLICE_BYTES = 4 * 1024 * 1024;
/** The most rows one lease holds: a worker keeps at most about two blocks per set. */
export const MAX_LEASE_ROWS = 1000;

/** Reads every data set of the scenario; throws RunInputError (exit 2) naming each file that fails. */
export function loadDataSets(scenario: Scenario, scenarioPath: string): LoadedDataSet[] {
  const problems: string[] = [];
  const sets: LoadedDataSet[] = [];
  for (const spec of scenario.data) {
    try {
      const table = readDataFile(scenarioPath, spec.file);
      if (table.rows.length === 0) throw new DataFileError('it has a header but no rows');
      sets.push({ spec, table });
    } catch (err) {
      if (!(err instanceof DataFileError)) throw err;
      problems.push(`${spec.file} (data set \`${spec.name}\`): ${err.message}`);
    }
  }
  if (problems.length)
    throw new RunInputError(
      `cannot use ${problems.join('; ')}; nothing was run`,
      "data files are CSV (header row = column names) or a JSON array of objects, relative to the scenario's folder and inside it",
    );
  return sets;
}

export type LeaseOutcome =
  | { kind: 'grant'; message: MasterDataGrantMessage }
  /** `onExhausted: fail`: the run must end (exit 3) with this reason. */
  | { kind: 'fail'; reason: string }
  | { kind: 'unknown' };

export class MasterData {
  private readonly sets = new Map<string, LoadedDataSet>();
  private readonly leases = new Map<string, RowLeases>();

  constructor(sets: readonly LoadedDataSet[]) {
    for (const s of sets) {
      this.sets.set(s.spec.name, s);
      if (s.spec.pick === 'unique')
        this.leases.set(
          s.spec.name,
          new RowLeases(s.table.rows.length, s.spec.onExhausted === 'wrap', MAX_LEASE_ROWS),
        );
    }
  }

  /** For the start message. */
  headers(): DataSetHeader[] | undefined {
    if (this.sets.size === 0) return undefined;
    return [...this.sets.values()].map(({ spec, table }) => ({
      name: spec.name,
      columns: table.columns,
      rows: table.rows.length,
      unique: spec.pick === 'unique',
    }));
  }

  /**
   * Every sequential and random row, in slices: what each worker gets after `start`. Built lazily,
   * a slice at a time, so only the slice being sent exists as arrays.
   */
  *rowMessages(): Generator<MasterDataRowsMessage> {
    for (const { spec, table } of this.sets.values()) {
      if (spec.pick === 'unique') continue;
      let slice: string[][] = [];
      let bytes = 0;
      for (const packed of table.rows) {
        const row = unpackRow(packed);
        slice.push(row);
        for (const cell of row) bytes += cell.length + 2;
        if (bytes >= ROWS_SLICE_BYTES) {
          yield { kind: 'dataRows', set: spec.name, rows: slice };
          slice = [];
          bytes = 0;
        }
      }
      if (slice.length) yield { kind: 'dataRows', set: spec.name, rows: slice };
    }
  }

  /** Some set's rows go to every worker after `start` (sequential or random). */
  hasSharedRows(): boolean {
    return [...this.sets.values()].some((s) => s.spec.pick !== 'unique');
  }

  /** The next block of a unique set for one worker, or what to do when none is left. */
  lease(set: string, want: number): LeaseOutcome {
    const leases = this.leases.get(set);
    const data = this.sets.get(set);
    if (!leases || !data) return { kind: 'unknown' };
    const r = leases.take(want);
    if (r.kind === 'lease') {
      const { first, count } = r.lease;
      return {
        kind: 'grant',
        message: {
          kind: 'dataGrant',
          set,
          first,
          rows: data.table.rows.slice(first, first + count).map(unpackRow),
          exhausted: false,
        },
      };
    }
    if (data.spec.onExhausted === 'fail')
      return {
        kind: 'fail',
        reason: `the data set \`${set}\` (${data.spec.file}) ran out of unique rows: all ${leases.total} were used (onExhausted: fail)`,
      };
    return {
      kind: 'grant',
      message: { kind: 'dataGrant', set, first: leases.total, rows: [], exhausted: true },
    };
  }

  /** Rows of each unique set handed out so far (for the log at the end). */
  leasedRows(): Record<string, number> {
    return Object.fromEntries([...this.leases].map(([name, l]) => [name, l.leased]));
  }
}
