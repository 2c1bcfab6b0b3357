// Messages between the extension and the results webview. The webview renders; it computes nothing.
// It receives a full `hydrate` when (re)opened or restored and small `update`s while visible.
import type { HistoryPoint, RunSnapshot } from '../snapshot';
import { hasKind } from '../is';

/** Extension -> webview. */
export type ToWebview =
  | { kind: 'hydrate'; snapshot: RunSnapshot | null; history: HistoryPoint[] }
  | { kind: 'update'; snapshot: RunSnapshot; point: HistoryPoint };

/** Webview -> extension. */
export type FromWebview =
  | { kind: 'ready' }
  | { kind: 'stop' }
  | { kind: 'setUsers'; users: number }
  | { kind: 'export'; format: 'json' | 'csv' };

export function asToWebview(v: unknown): ToWebview | undefined {
  return hasKind(v, ['hydrate', 'update'] as const) ? (v as unknown as ToWebview) : undefined;
}
export function asFromWebview(v: unknown): FromWebview | undefined {
  return hasKind(v, ['ready', 'stop', 'setUsers', 'export'] as const) ? (v as unknown as FromWebview) : undefined;
}
