// The results panel: owns the last snapshot and the chart history, and projects them onto the
// header, controls, charts and tables. It computes nothing about the run; it only displays.
// What must survive hide/show is kept with vscode.setState (the host re-hydrates on `ready` too).
import type {
  EntryStats,
  ErrorStats,
  HistoryPoint,
  RunSnapshot,
  TrackerResult,
  WorkerInfo,
} from '../common/snapshot';
import type { EntryComparison, RunComparison } from '../common/baseline';
import type { BaselineView, FromWebview } from '../common/protocol/webview';
import { BaselineBar } from './baselineBar';
import { Controls } from './controls';
import { Header } from './header';
import { CHARTS } from './charts/datasets';
import { HistoryBuffer, type HistoryBufferState } from './charts/historyBuffer';
import { LineChart } from './charts/lineChart';
import { readPalette, watchTheme } from './charts/theme';
import { ENTRY_COLUMNS, ERROR_COLUMNS, TRACKER_COLUMNS, WORKER_COLUMNS } from './tables/columns';
import { COMPARISON_COLUMNS } from './tables/comparisonColumns';
import type { SortState } from './tables/sort';
import { SortableTable } from './tables/table';
import { failureSamplesElement } from './tables/failureSamples';

/** What the panel keeps in vscode.setState. Bump `version` when the shape changes. */
export interface PanelState {
  version: 1;
  snapshot: RunSnapshot | null;
  history: HistoryBufferState;
  sorts: Record<string, SortState>;
}

export interface PanelHost {
  post(message: FromWebview): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

function restoredState(raw: unknown): PanelState | undefined {
  const s = raw as Partial<PanelState> | undefined;
  return s && s.version === 1 && s.history && s.sorts ? (s as PanelState) : undefined;
}

const DEFAULT_SORTS: Record<string, SortState> = {
  entries: { column: 'name', direction: 'asc' },
  errors: { column: 'count', direction: 'desc' },
  workers: { column: 'id', direction: 'asc' },
};

export class Panel {
  private snapshot: RunSnapshot | null = null;
  private history: HistoryBuffer;
  /** The earlier run picked as the baseline and the host's comparison with it (not kept in state: the host re-sends both on `ready`). */
  private baseline: BaselineView | null = null;
  private comparison: RunComparison | null = null;
  private readonly baselineBar: BaselineBar;
  private readonly compared: SortableTable<EntryComparison>;
  private readonly sorts: Record<string, SortState>;
  private readonly header = new Header();
  private readonly controls: Controls;
  private readonly charts: LineChart[];
  private readonly entries: SortableTable<EntryStats>;
  private readonly errors: SortableTable<ErrorStats>;
  private readonly workers: SortableTable<WorkerInfo>;
  private readonly trackers: SortableTable<TrackerResult>;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PanelHost,
  ) {
    const saved = restoredState(host.getState());
    this.history = HistoryBuffer.restore(saved?.history);
    this.snapshot = saved?.snapshot ?? null;
    this.sorts = { ...DEFAULT_SORTS, ...saved?.sorts };
    this.controls = new Controls((m) => host.post(m));
    this.baselineBar = new BaselineBar((m) => host.post(m));

    const palette = readPalette();
    this.charts = CHARTS.map((spec) => new LineChart(spec, palette));
    const chartGrid = document.createElement('section');
    chartGrid.className = 'charts';
    chartGrid.setAttribute('aria-label', 'Charts');
    chartGrid.append(...this.charts.map((c) => c.element));

    const onSort = (table: string) => (sort: SortState) => {
      this.sorts[table] = sort;
      this.persist();
    };
    const entryKey = (e: { name: string; method: string }) => `${e.method} ${e.name}`;
    this.entries = new SortableTable({
      id: 'entries',
      caption: 'Requests',
      columns: ENTRY_COLUMNS,
      empty: 'No requests yet.',
      sort: this.sorts.entries,
      onSort: onSort('entries'),
      rowKey: entryKey,
    });
    this.compared = new SortableTable({
      id: 'compared',
      caption: 'Compared with the baseline',
      columns: COMPARISON_COLUMNS,
      empty: 'No request of this run was in the baseline.',
      sort: this.sorts.compared,
      onSort: onSort('compared'),
      rowKey: entryKey,
    });
    this.errors = new SortableTable({
      id: 'errors',
      caption: 'Failures',
      columns: ERROR_COLUMNS,
      empty: 'No failures.',
      sort: this.sorts.errors,
      onSort: onSort('errors'),
      rowKey: (e) => `${entryKey(e)} ${e.error}`,
      details: failureSamplesElement,
    });
    this.workers = new SortableTable({
      id: 'workers',
      caption: 'Workers',
      columns: WORKER_COLUMNS,
      empty: 'No workers connected.',
      sort: this.sorts.workers,
      onSort: onSort('workers'),
      rowKey: (w) => w.id,
    });
    this.trackers = new SortableTable({
      id: 'trackers',
      caption: 'Duration trackers',
      columns: TRACKER_COLUMNS,
      empty: 'No tracker results.',
      sort: this.sorts.trackers,
      onSort: onSort('trackers'),
      rowKey: (t) => `${t.metric}#${t.stage}`,
    });

    root.replaceChildren(
      this.header.element,
      this.controls.element,
      this.baselineBar.element,
      chartGrid,
      this.entries.element,
      this.compared.element,
      this.errors.element,
      this.workers.element,
      this.trackers.element,
    );
    watchTheme((p) => this.charts.forEach((c) => c.applyPalette(p)));
    this.render();
  }

  /** A full state: replaces whatever was shown (the panel was opened, re-opened or restored). */
  hydrate(snapshot: RunSnapshot | null, history: readonly HistoryPoint[], comparison?: RunComparison): void {
    this.snapshot = snapshot;
    this.comparison = comparison ?? null;
    this.history.clear();
    this.history.pushAll(history);
    this.render();
    this.persist();
  }

  /** One more second of the run. A new run id starts the history afresh. */
  update(snapshot: RunSnapshot, point: HistoryPoint, comparison?: RunComparison): void {
    if (this.snapshot && this.snapshot.runId !== snapshot.runId) this.history.clear();
    this.snapshot = snapshot;
    this.comparison = comparison ?? null;
    this.history.push(point);
    this.render();
    this.persist();
  }

  /** A baseline was picked (or removed, with null): its faint lines and the comparison table. */
  setBaseline(baseline: BaselineView | null, comparison?: RunComparison): void {
    this.baseline = baseline;
    this.comparison = baseline ? (comparison ?? null) : null;
    this.render();
  }

  private render(): void {
    const s = this.snapshot;
    const points = this.history.points();
    this.header.render(s);
    this.controls.render(s);
    for (const [i, chart] of this.charts.entries()) {
      const visible = CHARTS[i].visible(s);
      chart.element.hidden = !visible;
      if (visible) chart.setData(s, points, this.baseline?.history);
    }
    this.baselineBar.render(this.baseline?.label ?? null);
    const c = this.baseline ? this.comparison : null;
    this.compared.setRows(c?.entries ?? [], c?.total);
    this.compared.element.hidden = c === null;
    this.entries.setRows(s?.entries ?? [], s ? s.total : undefined);
    this.errors.setRows(s?.errors ?? []);
    this.workers.setRows(s?.workers ?? []);
    this.trackers.setRows(s?.trackers ?? []);
    this.trackers.element.hidden = !s?.trackers.length;
    // Signals for tests and for anyone inspecting the page: what was last rendered.
    this.root.dataset.runState = s?.state ?? 'idle';
    this.root.dataset.lastT = points.length ? String(this.history.lastT) : '';
    this.root.dataset.points = String(points.length);
    this.root.dataset.baseline = this.baseline ? 'shown' : 'none';
  }

  private persist(): void {
    this.host.setState({
      version: 1,
      snapshot: this.snapshot,
      history: this.history.state(),
      sorts: this.sorts,
    });
  }
}
