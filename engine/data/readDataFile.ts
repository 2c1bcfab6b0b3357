// Reading data files on the master's side (the CLI, the engine host, the language server): the
// whole file before a run, or only its head (size-bounded) for checks as the person types. The
// path must stay inside the scenario's folder, also through symbolic links. Workers read no file.
import fs from 'node:fs';
import type { DataFileInfo } from '../../scenario/dataFiles';
import { resolveScenarioFile } from '../inputs/runFiles';
import { DataFileError, parseDataText, type DataTable } from './dataTable';
import { unpackRow } from './packedRows';

/** Larger files are refused: the master keeps every row in memory and sends rows to workers. */
export const MAX_DATA_FILE_BYTES = 512 * 1024 * 1024;
/** How much of a file `stampede check` and the language server read. */
export const DATA_HEAD_BYTES = 256 * 1024;

/** Reads and parses a whole data file; throws DataFileError with the reason (and line). */
export function readDataFile(scenarioPath: string, file: string): DataTable {
  const resolved = resolveScenarioFile(scenarioPath, file);
  if ('problem' in resolved) throw new DataFileError(resolved.problem);
  const size = fs.statSync(resolved.path).size;
  if (size > MAX_DATA_FILE_BYTES)
    throw new DataFileError(`it is larger than ${MAX_DATA_FILE_BYTES / 1024 / 1024} MiB`);
  let text: string;
  try {
    text = fs.readFileSync(resolved.path, 'utf8');
  } catch (err) {
    throw new DataFileError((err as NodeJS.ErrnoException).code ?? String(err));
  }
  return parseDataText(file, text);
}

/**
 * What the first `maxBytes` of a data file say: its columns and first row, or why it cannot be used
 * (a CSV that breaks within the head; a JSON file is read whole up to the limit, as it cannot be cut).
 */
export function dataFileInfo(
  scenarioPath: string,
  file: string,
  maxBytes = DATA_HEAD_BYTES,
): DataFileInfo | undefined {
  const resolved = resolveScenarioFile(scenarioPath, file);
  if ('problem' in resolved) return { ok: false, problem: resolved.problem };
  let head: Buffer;
  let size: number;
  try {
    const fd = fs.openSync(resolved.path, 'r');
    try {
      size = fs.fstatSync(fd).size;
      head = Buffer.alloc(Math.min(size, maxBytes));
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return { ok: false, problem: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
  const truncated = size > head.length;
  // A JSON array cut in the middle cannot be parsed: its columns stay unknown (not checked).
  if (truncated && /\.json$/i.test(file)) return undefined;
  try {
    const table = parseDataText(file, head.toString('utf8'), truncated);
    if (table.rows.length === 0 && !truncated)
      return { ok: false, problem: 'it has a header but no rows: add at least one row' };
    const first = table.rows[0];
    return {
      ok: true,
      columns: table.columns,
      ...(first !== undefined ? { firstRow: unpackRow(first) } : {}),
    };
  } catch (err) {
    if (err instanceof DataFileError) return { ok: false, problem: err.message };
    throw err;
  }
}
