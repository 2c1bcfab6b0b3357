// Rows as the master and the workers keep them: one string per row, the cells joined by the ASCII
// unit separator, which costs a third of the memory of an array of small strings (1,000,000 rows
// of a 66 MiB CSV: docs/benchmarks.md, "Test data"). A row whose cells hold the separator itself
// stays an array. On the wire rows are arrays (msgpack), unpacked a slice at a time.

export type PackedRow = string | string[];

const SEPARATOR = '\u001f';

export function packRow(cells: string[]): PackedRow {
  for (const c of cells) if (c.includes(SEPARATOR)) return cells;
  return cells.join(SEPARATOR);
}

export function unpackRow(row: PackedRow): string[] {
  return typeof row === 'string' ? row.split(SEPARATOR) : row;
}
