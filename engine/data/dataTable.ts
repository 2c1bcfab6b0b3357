// A parsed data file: column names once, rows as arrays of strings (the compact form the master
// keeps and sends: a row costs one array, not an object with repeated keys). CSV follows RFC 4180
// through csv-parse (quotes, delimiters and line breaks inside quotes, a BOM, CRLF); JSON is an
// array of objects whose keys become the columns.
import { CsvError, parse } from 'csv-parse/sync';
import { packRow, type PackedRow } from './packedRows';

export interface DataTable {
  columns: string[];
  /** Packed (packedRows.ts): read a row's cells with unpackRow. */
  rows: PackedRow[];
}

/** A data file that cannot be used; `line` (1-based) is where it breaks, when known. */
export class DataFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

/**
 * Parses CSV text. With `truncated` (the text is a file's head, cut anywhere) the partial last line
 * is dropped and a quote left open by the cut is not an error.
 */
export function parseCsv(text: string, truncated = false): DataTable {
  const input = truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
  let header: string[] | undefined;
  // Each record is packed as it is parsed: the parser's arrays never pile up.
  const options = {
    bom: true,
    skip_empty_lines: true,
    // csv-parse's types expect arrays back; a packed row is a string or an array (packedRows.ts).
    on_record: (record: string[]): string[] | null => {
      if (header !== undefined) return packRow(record) as string[];
      header = record;
      return null;
    },
  };
  let rows: PackedRow[];
  try {
    rows = parse(input, options);
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const { lines, records: complete } = err as CsvError & { lines?: number; records?: number };
    // The cut fell inside a quoted field: keep the records before it.
    if (!(truncated && err.code === 'CSV_QUOTE_NOT_CLOSED')) throw new DataFileError(csvProblem(err), lines);
    header = undefined;
    rows = complete ? parse(input, { ...options, to: complete }) : [];
  }
  if (header === undefined) throw new DataFileError('the file is empty: the first row names the columns');
  checkColumns(header, 1);
  return { columns: header, rows };
}

/** csv-parse's message without its own trailing position (the error carries the line). */
function csvProblem(err: CsvError): string {
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const m = /expect (\d+), got (\d+)/.exec(err.message);
      return m
        ? `this row has ${m[2]} fields but the header has ${m[1]} (a field holding a comma or a line break needs "double quotes")`
        : err.message;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a "quoted field" starts here and is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by something other than a comma or a line break (write a quote inside a quoted field as "")';
    default:
      return err.message.replace(/ (on|at) line \d+.*$/, '');
  }
}

function checkColumns(columns: string[], line: number): void {
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (c.trim() === '') throw new DataFileError(`column ${i + 1} of the header has no name`, line);
    if (seen.has(c)) throw new DataFileError(`the header names \`${c}\` twice`, line);
    seen.add(c);
  });
}

/** A JSON array of objects; each key becomes a column (in order of first appearance). */
export function parseJsonRows(text: string): DataTable {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DataFileError(`not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(value))
    throw new DataFileError('a JSON data file is an array of objects: `[{"sku": "A1"}, ...]`');
  const index = new Map<string, number>();
  const objects = value.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new DataFileError(`item ${i + 1} of the array is not an object`);
    for (const key of Object.keys(item as object)) if (!index.has(key)) index.set(key, index.size);
    return item as Record<string, unknown>;
  });
  const columns = [...index.keys()];
  const rows = objects.map((o) => packRow(columns.map((c) => cellText(o[c]))));
  return { columns, rows };
}

function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function parseDataText(file: string, text: string, truncated = false): DataTable {
  return isJsonFile(file) ? parseJsonRows(text) : parseCsv(text, truncated);
}
