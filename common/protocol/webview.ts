// Messages between the extension and the results webview. The webview renders; it computes nothing.
// It receives a full `hydrate` when (re)opened or restored and small `update`s while visible.
// With a baseline picked (an earlier run's JSON result, read by the host), the host sends the
// baseline's chart history once (`baseline`) and the comparison with every snapshot.
import type { RunComparison } from '../baseline';
import type { HistoryPoint, RunSnapshot } from '../snapshot';
import { hasKind } from '../is';

/** The earlier run the panel compares with. */
export interface BaselineView {
  /** What the panel calls it: scenario name and start time. */
  label: string;
  history: HistoryPoint[];
}

/** Extension -> webview. `comparison` is present while a baseline is picked and there is a snapshot. */
export type ToWebview =
  | { kind: 'hydrate'; snapshot: RunSnapshot | null; history: HistoryPoint[]; comparison?: RunComparison }
  | { kind: 'update'; snapshot: RunSnapshot; point: HistoryPoint; comparison?: RunComparison }
  /** A baseline was picked (or, with null, removed). */
  | { kind: 'baseline'; baseline: BaselineView | null; comparison?: RunComparison };

/** Webview -> extension. */
export type FromWebview =
  | { kind: 'ready' }
  | { kind: 'stop' }
  | { kind: 'setUsers'; users: number }
  | { kind: 'export'; format: 'json' | 'csv' }
  /** The person wants to pick an earlier run as the baseline (the host lists them). */
  | { kind: 'chooseBaseline' }
  | { kind: 'clearBaseline' };

export function asToWebview(v: unknown): ToWebview | undefined {
  return hasKind(v, ['hydrate', 'update', 'baseline'] as const) ? (v as unknown as ToWebview) : undefined;
}
export function asFromWebview(v: unknown): FromWebview | undefined {
  return hasKind(v, ['ready', 'stop', 'setUsers', 'export', 'chooseBaseline', 'clearBaseline'] as const)
    ? (v as unknown as FromWebview)
    : undefined;
}
