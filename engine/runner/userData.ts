// Test data in a virtual user: which data sets a user kind reads (found once per kind from its
// templates), and filling the user's scope with a row's columns (`accounts.email`, ...), once for
// the user's life (`per: user`) or at each iteration (`per: iteration`).
import type { DataSetSpec, UserKind } from '../../scenario/model';
import type { DataRows } from '../data/workerData';
import type { Scope } from './scope';

export interface DataUses {
  perUser: string[];
  perIteration: string[];
}

const NONE: DataUses = { perUser: [], perIteration: [] };

/** Every template reference (`{ ref }` part, or an expression's path root) anywhere inside a user kind. */
function collectRefs(v: unknown, into: Set<string>, depth = 0): Set<string> {
  if (depth > 64 || v === null || typeof v !== 'object') return into;
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, into, depth + 1);
    return into;
  }
  const ref = (v as { ref?: unknown }).ref;
  if (typeof ref === 'string') into.add(ref);
  // An expression's path (`{{ accounts.email }}`, `base64(accounts.email)`): its root names the set.
  const path = v as { kind?: unknown; root?: unknown };
  if (path.kind === 'path' && typeof path.root === 'string') into.add(path.root);
  for (const x of Object.values(v)) collectRefs(x, into, depth + 1);
  return into;
}

/** The data sets a user kind reads, split by `per`. Sets it never reads take no rows (a unique row is not wasted). */
export function dataUsesOf(kind: UserKind, sets: readonly DataSetSpec[]): DataUses {
  if (sets.length === 0) return NONE;
  const roots = new Set([...collectRefs(kind, new Set())].map((r) => r.split('.')[0]));
  const used = sets.filter((s) => roots.has(s.name));
  return {
    perUser: used.filter((s) => s.per === 'user').map((s) => s.name),
    perIteration: used.filter((s) => s.per === 'iteration').map((s) => s.name),
  };
}

/**
 * Puts a row of each set into the scope. Resolves false when a set has no row left (or the worker
 * is stopping); synchronous sets cost no promise.
 */
export async function takeRows(data: DataRows, sets: readonly string[], scope: Scope): Promise<boolean> {
  for (const set of sets) {
    const taken = data.take(set);
    const row = taken instanceof Promise ? await taken : taken;
    if (row === undefined) return false;
    const keys = data.keys(set);
    for (let i = 0; i < keys.length; i++) scope.set(keys[i], row[i] ?? '');
  }
  return true;
}
