// Where the cursor is inside a flow collection that opens on its own line, after a block key:
// `load: { users: 3, du|`, `check: { status: [200, |`, `defaults: { headers: { A: b }, ti|`.
// The scenario examples write small maps this way, and the text is usually unclosed while typed,
// so this reads the characters (quotes, braces, commas, `key:`), not the YAML tree.
import type { PathSegment } from './astPath';

interface Frame {
  kind: 'map' | 'seq';
  path: PathSegment[];
  /** Seq: the index of the item being written. */
  index: number;
  /** Map: the key whose value is being written, once its `:` has been typed. */
  key: string | undefined;
  /** Map: keys already written in this collection. */
  keys: string[];
}

export type FlowContext =
  | { kind: 'key'; mapPath: PathSegment[]; prefix: string; present: string[] }
  | { kind: 'value'; path: PathSegment[]; prefix: string };

const KEY_PREFIX = /^[\w.$-]*$/;

/**
 * The context at the end of `text`, the value of the block key at `ownerPath` up to the cursor;
 * undefined when the cursor is not inside an open flow collection, or inside a quoted string.
 */
export function flowContext(text: string, ownerPath: PathSegment[]): FlowContext | undefined {
  if (!/^[[{]/.test(text)) return undefined;
  const stack: Frame[] = [];
  let segment = 0;
  const childPath = (): PathSegment[] => {
    const top = stack[stack.length - 1];
    if (top === undefined) return ownerPath;
    return top.kind === 'seq' ? [...top.path, top.index] : [...top.path, top.key ?? ''];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined; // the cursor is inside a string
      i = close;
    } else if (c === '{' || c === '[') {
      if (top?.kind === 'map' && top.key === undefined) return undefined; // a collection as a key
      stack.push({ kind: c === '{' ? 'map' : 'seq', path: childPath(), index: 0, key: undefined, keys: [] });
      segment = i + 1;
    } else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return undefined; // closed before the cursor
    } else if (c === ',' && top !== undefined) {
      if (top.kind === 'seq') top.index++;
      top.key = undefined;
      segment = i + 1;
    } else if (
      c === ':' &&
      top?.kind === 'map' &&
      top.key === undefined &&
      /[\s,}\]]|$/.test(text[i + 1] ?? '')
    ) {
      top.key = text
        .slice(segment, i)
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2');
      top.keys.push(top.key);
      segment = i + 1;
    }
  }
  const top = stack[stack.length - 1];
  if (top === undefined) return undefined;
  const prefix = text.slice(segment).trimStart();
  if (top.kind === 'map' && top.key === undefined) {
    if (!KEY_PREFIX.test(prefix)) return undefined;
    return { kind: 'key', mapPath: top.path, prefix, present: top.keys };
  }
  return { kind: 'value', path: childPath(), prefix };
}
