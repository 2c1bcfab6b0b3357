// Runtime guards for untyped boundaries (IPC, sockets, postMessage). Each decoder calls these once,
// at the edge, so the rest of the code works with typed values (after vscode-languageserver-node's is.ts).

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function isString(v: unknown): v is string {
  return typeof v === 'string';
}
export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}
export function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
export function isArray(v: unknown): v is unknown[] {
  return Array.isArray(v);
}
/** True when `v` is an object whose `kind` is one of `kinds`. */
export function hasKind<K extends string>(v: unknown, kinds: readonly K[]): v is { kind: K } & Record<string, unknown> {
  return isObject(v) && typeof v.kind === 'string' && (kinds as readonly string[]).includes(v.kind);
}
