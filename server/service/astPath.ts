// Finds what the cursor is on in the YAML AST: the path of keys and indexes from the root, and
// whether the cursor is on a key or in a value. Works on whatever the parser recovered.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import type { ParsedDocument } from './parsedDocument';

export type PathSegment = string | number;

export interface AstLocation {
  /** Keys and sequence indexes from the document root to the key or value under the cursor. */
  path: PathSegment[];
  /** `key`: the cursor is on a mapping key (path ends with that key); `value`: on or in a value. */
  on: 'key' | 'value';
  /** The innermost node under the cursor, if any (a null value has none). */
  node?: YamlNode;
  /** The pair whose key or value holds the cursor, when there is one. */
  pair?: Pair;
}

function within(node: YamlNode | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset <= node.range[1];
}

/** A key name as the path records it: the scalar's value as a string. */
export function keyName(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) {
    const value: unknown = key.value;
    if (value == null) return '';
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  }
  if (typeof key === 'string') return key;
  return undefined;
}

/** Walks down from the root to the deepest node containing `offset`. */
export function locate(doc: ParsedDocument, offset: number): AstLocation {
  const path: PathSegment[] = [];
  let node = doc.yaml.contents as YamlNode | null;
  let result: AstLocation = { path: [], on: 'value', node: node ?? undefined };
  while (node) {
    if (isMap(node)) {
      let next: YamlNode | null = null;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = keyName(pair);
        if (name === undefined) continue;
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (within(key, offset)) return { path: [...path, name], on: 'key', node: key ?? undefined, pair };
        if (within(value, offset)) {
          path.push(name);
          result = { path: [...path], on: 'value', node: value ?? undefined, pair };
          next = value;
          break;
        }
        // `think: |` with no value yet: the cursor sits after the key on its line.
        if (
          !value &&
          key?.range &&
          offset > key.range[1] &&
          !doc.text.getText().slice(key.range[1], offset).includes('\n')
        ) {
          return { path: [...path, name], on: 'value', pair };
        }
      }
      if (!next) return result;
      node = next;
    } else if (isSeq(node)) {
      const items = node.items as Array<YamlNode | null>;
      const index = items.findIndex((item) => within(item, offset));
      if (index < 0) return result;
      path.push(index);
      node = items[index]!;
      result = { path: [...path], on: 'value', node };
    } else {
      return result;
    }
  }
  return result;
}

/** The node at a path, or undefined (never throws on a shape mismatch). */
export function nodeAtPath(doc: ParsedDocument, path: readonly PathSegment[]): YamlNode | undefined {
  let node = doc.yaml.contents as YamlNode | null;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = (node.items[segment] as YamlNode | null) ?? null;
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isPair(p) && keyName(p) === segment);
      node = (pair?.value as YamlNode | null) ?? null;
    }
  }
  return node ?? undefined;
}
