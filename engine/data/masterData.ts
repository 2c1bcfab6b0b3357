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
  private slices: MasterDataRowsMessage[] | undefined;

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

  /** Every sequential and random row, in slices: what each worker gets after `start`. Built once. */
  rowMessages(): MasterDataRowsMessage[] {
    if (this.slices) return this.slices;
    const slices: MasterDataRowsMessage[] = [];
    for (const { spec, table } of this.sets.values()) {
      if (spec.pick === 'unique') continue;
      let from = 0;
      let bytes = 0;
      table.rows.forEach((row, i) => {
        for (const cell of row) bytes += cell.length + 2;
        if (bytes >= ROWS_SLICE_BYTES || i === table.rows.length - 1) {
          slices.push({ kind: 'dataRows', set: spec.name, rows: table.rows.slice(from, i + 1) });
          from = i + 1;
          bytes = 0;
        }
      });
    }
    return (this.slices = slices);
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
          rows: data.table.rows.slice(first, first + count),
          exhausted: false,
        },
      };
    }
    if (data.spec.onExhausted === 'fail')
      return {
        kind: 'fail',
        reason: `the data set \`${set}\` (${data.spec.file}) ran out of unique rows: all ${leases.total} were used (onExhausted: fail)`,
      };
    return { kind: 'grant', message: { kind: 'dataGrant', set, first: leases.total, rows: [], exhausted: true } };
  }

  /** Rows of each unique set handed out so far (for the log at the end). */
  leasedRows(): Record<string, number> {
    return Object.fromEntries([...this.leases].map(([name, l]) => [name, l.leased]));
  }
}
