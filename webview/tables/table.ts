// A sortable table built once and refilled on every snapshot. Header cells hold buttons, so sorting
// works with the keyboard, and the header is never rebuilt (focus stays where the person left it).
import { cellText, type Column } from './columns';
import { nextSort, sortRows, type SortState } from './sort';

export interface TableOptions<T> {
  id: string;
  caption: string;
  columns: Column<T>[];
  /** Shown in the body when there are no rows. */
  empty: string;
  sort: SortState | undefined;
  onSort: (sort: SortState) => void;
  /** A stable key per row, written to data-key (tests and styling use it). */
  rowKey: (row: T) => string;
  /**
   * What a row shows when opened (a click or Enter on it), or undefined when it has nothing more.
   * Opened rows stay open across snapshots (by key).
   */
  details?: (row: T) => HTMLElement | undefined;
}

export class SortableTable<T> {
  readonly element: HTMLElement;
  private readonly tbody = document.createElement('tbody');
  private readonly tfoot = document.createElement('tfoot');
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private sort: SortState | undefined;
  private rows: readonly T[] = [];
  private footer: T | undefined;
  /** Keys of the rows the person opened. */
  private readonly open = new Set<string>();

  constructor(private readonly options: TableOptions<T>) {
    this.sort = options.sort;
    const section = document.createElement('section');
    section.className = 'table-section';
    section.id = options.id;
    const heading = document.createElement('h2');
    heading.textContent = options.caption;
    heading.id = `${options.id}-heading`;
    const scroller = document.createElement('div');
    scroller.className = 'table-scroll';
    const table = document.createElement('table');
    table.setAttribute('aria-labelledby', heading.id);
    const thead = document.createElement('thead');
    const tr = document.createElement('tr');
    for (const col of options.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.dataset.column = col.key;
      if (col.numeric) th.classList.add('num');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = col.label;
      if (col.title) button.title = col.title;
      button.addEventListener('click', () => this.sortBy(col));
      th.append(button);
      tr.append(th);
      this.headers.set(col.key, th);
    }
    thead.append(tr);
    table.append(thead, this.tbody, this.tfoot);
    scroller.append(table);
    section.append(heading, scroller);
    this.element = section;
    this.renderHeaders();
  }

  /** Shows these rows (sorted by the current sort) and, when given, a pinned footer row. */
  setRows(rows: readonly T[], footer?: T): void {
    this.rows = rows;
    this.footer = footer;
    this.renderBody();
  }

  private sortBy(col: Column<T>): void {
    this.sort = nextSort(this.sort, col.key, col.numeric);
    this.renderHeaders();
    this.renderBody();
    this.options.onSort(this.sort);
  }

  private renderHeaders(): void {
    for (const [key, th] of this.headers) {
      const dir = this.sort?.column === key ? this.sort.direction : undefined;
      th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
      th.dataset.sorted = dir ?? '';
    }
  }

  private renderBody(): void {
    const col = this.options.columns.find((c) => c.key === this.sort?.column);
    const rows = col && this.sort ? sortRows(this.rows, col.value, this.sort.direction) : this.rows;
    this.tbody.replaceChildren(...rows.flatMap((r) => this.renderWithDetails(r)));
    if (!rows.length) {
      const tr = document.createElement('tr');
      tr.className = 'empty';
      const td = document.createElement('td');
      td.colSpan = this.options.columns.length;
      td.textContent = this.options.empty;
      tr.append(td);
      this.tbody.append(tr);
    }
    this.tfoot.replaceChildren(...(this.footer ? [this.renderRow(this.footer)] : []));
  }

  /** The row, and below it its details when it has some and is open. */
  private renderWithDetails(row: T): HTMLTableRowElement[] {
    const tr = this.renderRow(row);
    const details = this.options.details?.(row);
    if (details === undefined) return [tr];
    const key = tr.dataset.key!;
    const isOpen = this.open.has(key);
    tr.classList.add('expandable');
    tr.tabIndex = 0;
    tr.setAttribute('aria-expanded', String(isOpen));
    const toggle = (): void => {
      if (this.open.has(key)) this.open.delete(key);
      else this.open.add(key);
      this.renderBody();
      this.tbody.querySelector<HTMLElement>(`tr[data-key="${CSS.escape(key)}"]`)?.focus();
    };
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    });
    if (!isOpen) return [tr];
    const detailRow = document.createElement('tr');
    detailRow.className = 'details';
    const td = document.createElement('td');
    td.colSpan = this.options.columns.length;
    td.append(details);
    detailRow.append(td);
    return [tr, detailRow];
  }

  private renderRow(row: T): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.dataset.key = this.options.rowKey(row);
    for (const col of this.options.columns) {
      const td = document.createElement('td');
      if (col.numeric) td.className = 'num';
      td.textContent = cellText(col, row);
      const tone = col.tone?.(row);
      if (tone) td.dataset.tone = tone;
      tr.append(td);
    }
    return tr;
  }
}
