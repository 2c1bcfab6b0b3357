// Walks the scenario's JSON Schema along a document path, so completion and hover read keys,
// descriptions, examples and enums from the one source of truth. Handles the subset of JSON
// Schema a hand-written schema uses: $ref (local), allOf/anyOf/oneOf, properties,
// patternProperties, additionalProperties, items (schema or tuple), enum, const.
import type { PathSegment } from './astPath';

/** A JSON Schema node, as loosely typed as JSON Schema itself. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
  examples?: unknown[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  required?: string[];
  deprecated?: boolean;
  [other: string]: unknown;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== null && typeof node === 'object' ? (node as JsonSchema) : undefined;
}

/** The schema and every alternative it combines, with references followed (cycles cut). */
export function expand(
  root: JsonSchema,
  schema: JsonSchema | undefined,
  seen = new Set<JsonSchema>(),
): JsonSchema[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const out: JsonSchema[] = [schema];
  if (schema.$ref) out.push(...expand(root, resolveRef(root, schema.$ref), seen));
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf]) {
    if (Array.isArray(list)) for (const s of list) out.push(...expand(root, s, seen));
  }
  return out;
}

function childSchemas(root: JsonSchema, schema: JsonSchema, segment: PathSegment): JsonSchema[] {
  if (typeof segment === 'number') {
    if (Array.isArray(schema.items)) return schema.items[segment] ? [schema.items[segment]] : [];
    return schema.items ? [schema.items] : [];
  }
  const found: JsonSchema[] = [];
  const direct = schema.properties?.[segment];
  if (direct) found.push(direct);
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (safeTest(pattern, segment)) found.push(sub);
  }
  if (!found.length && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    found.push(schema.additionalProperties);
  }
  void root;
  return found;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/** Every schema that may describe the node at `path` (alternatives expanded). */
export function schemasAt(root: JsonSchema, path: readonly PathSegment[]): JsonSchema[] {
  let current = expand(root, root);
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const s of current) for (const c of childSchemas(root, s, segment)) next.push(...expand(root, c));
    current = [...new Set(next)];
    if (!current.length) break;
  }
  return current;
}

export interface KeyInfo {
  key: string;
  schemas: JsonSchema[];
}

/** The keys a mapping at `path` may hold, in schema order, each with the schemas describing it. */
export function keysAt(root: JsonSchema, path: readonly PathSegment[]): KeyInfo[] {
  const byKey = new Map<string, JsonSchema[]>();
  for (const s of schemasAt(root, path)) {
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      const list = byKey.get(key) ?? [];
      list.push(...expand(root, sub));
      byKey.set(key, list);
    }
  }
  return [...byKey].map(([key, schemas]) => ({ key, schemas }));
}

/** The first description found among the schemas (descriptions sit on properties or on $defs). */
export function describe(schemas: readonly JsonSchema[]): { description?: string; examples: unknown[] } {
  const description = schemas
    .map((s) => s.markdownDescription ?? s.description)
    .find((d) => typeof d === 'string');
  const examples = schemas.flatMap((s) => (Array.isArray(s.examples) ? s.examples : []));
  return {
    description,
    examples: [...new Set(examples.map((e) => JSON.stringify(e)))].map((e) => JSON.parse(e) as unknown),
  };
}

/** Enum and const values allowed by the schemas. */
export function allowedValues(schemas: readonly JsonSchema[]): unknown[] {
  const values: unknown[] = [];
  for (const s of schemas) {
    if (Array.isArray(s.enum)) values.push(...s.enum);
    if ('const' in s) values.push(s.const);
  }
  return [...new Set(values)];
}

/** The JSON types the schemas accept (`object`, `array`, `string`...). */
export function typesOf(schemas: readonly JsonSchema[]): Set<string> {
  const types = new Set<string>();
  for (const s of schemas) {
    if (typeof s.type === 'string') types.add(s.type);
    else if (Array.isArray(s.type)) for (const t of s.type) types.add(t);
    if (s.properties) types.add('object');
    if (s.items) types.add('array');
  }
  return types;
}
