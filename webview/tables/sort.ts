// Sorting for the panel's tables. Pure: rows in, new array out; the input is never reordered.

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  column: string;
  direction: SortDirection;
}

export type SortValue = string | number | undefined;

/**
 * Stable sort by the value `key` reads. Numbers compare numerically, strings with a natural,
 * case-insensitive order ("item 2" before "item 10"); a missing value sorts last in both directions.
 */
export function sortRows<T>(rows: readonly T[], key: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      const am = a.value === undefined || (typeof a.value === 'number' && Number.isNaN(a.value));
      const bm = b.value === undefined || (typeof b.value === 'number' && Number.isNaN(b.value));
      if (am || bm) return am === bm ? a.index - b.index : am ? 1 : -1;
      const c =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return c !== 0 ? c * sign : a.index - b.index;
    })
    .map((x) => x.row);
}

/**
 * The sort after a click on `column`: the same column flips direction; a new column starts with
 * its natural direction (numbers largest first, text A to Z).
 */
export function nextSort(current: SortState | undefined, column: string, numeric: boolean): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: numeric ? 'desc' : 'asc' };
}
