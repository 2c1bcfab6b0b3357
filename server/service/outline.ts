// The scenario's structure with positions, read from the YAML AST as far as it makes sense:
// variables, user kinds, tasks, loops, steps (with captures and emitted events) and trackers.
// Symbols, completion, hover and go-to-definition all read it; it never throws on odd shapes.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { HTTP_METHODS } from '../../scenario/model';
import type { PathSegment } from './astPath';
import { keyName } from './astPath';
import type { ParsedDocument } from './parsedDocument';

export interface Named {
  name: string;
  /** The key node that defines the name (a variable's or capture's key). */
  keyNode: YamlNode;
  valueNode?: YamlNode;
}

export interface StepInfo {
  path: PathSegment[];
  map: YAMLMap;
  kind: 'request' | 'emit' | 'other';
  /** Lower-case HTTP method key (`get`) and the pair holding it. */
  method?: string;
  methodPair?: Pair;
  url?: string;
  /** The stats entry name: `name:` or, by default, the URL. */
  entryName?: string;
  event?: string;
  captures: Named[];
}

export interface TaskInfo {
  path: PathSegment[];
  map: YAMLMap;
  name?: string;
  /** Steps run in order; a task written as one request is its own single step. */
  steps: StepInfo[];
}

export interface LoopInfo {
  path: PathSegment[];
  map: YAMLMap;
  every?: string;
  steps: StepInfo[];
}

export interface UserInfo {
  path: PathSegment[];
  map: YAMLMap;
  name?: string;
  tasks: TaskInfo[];
  loops: LoopInfo[];
}

export interface TrackerInfo {
  path: PathSegment[];
  map: YAMLMap;
  metric?: string;
}

export interface Outline {
  variables: Named[];
  users: UserInfo[];
  trackers: TrackerInfo[];
  /** Names of the `events:` listeners (what `event[name="..."]` may say). */
  listeners: string[];
}

const METHOD_KEYS = new Set(HTTP_METHODS.map((m) => m.toLowerCase()));

export function pairsOf(node: unknown): Pair[] {
  return isMap(node) ? node.items.filter((p): p is Pair => isPair(p) && keyName(p) !== undefined) : [];
}

export function valueOf(map: YAMLMap, key: string): unknown {
  return pairsOf(map).find((p) => keyName(p) === key)?.value;
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value: unknown = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function itemsOf(node: unknown, path: PathSegment[]): Array<{ map: YAMLMap; path: PathSegment[] }> {
  if (!isSeq(node)) return [];
  const out: Array<{ map: YAMLMap; path: PathSegment[] }> = [];
  node.items.forEach((item, index) => {
    if (isMap(item)) out.push({ map: item, path: [...path, index] });
  });
  return out;
}

function namedPairs(node: unknown): Named[] {
  return pairsOf(node).map((p) => ({
    name: keyName(p)!,
    keyNode: p.key as YamlNode,
    valueNode: (p.value as YamlNode | null) ?? undefined,
  }));
}

function stepOf(map: YAMLMap, path: PathSegment[]): StepInfo {
  const step: StepInfo = { path, map, kind: 'other', captures: namedPairs(valueOf(map, 'capture')) };
  for (const pair of pairsOf(map)) {
    const key = keyName(pair)!;
    if (METHOD_KEYS.has(key.toLowerCase()) && !step.method) {
      step.kind = 'request';
      step.method = key.toLowerCase();
      step.methodPair = pair;
      step.url = scalarText(pair.value);
    }
  }
  const event = scalarText(valueOf(map, 'emit'));
  if (step.kind === 'other' && event !== undefined) {
    step.kind = 'emit';
    step.event = event;
  }
  if (step.kind === 'request') step.entryName = scalarText(valueOf(map, 'name')) ?? step.url;
  return step;
}

/** A task or loop holds either `steps:` or one request of its own. */
function stepsOf(map: YAMLMap, path: PathSegment[]): StepInfo[] {
  const steps = valueOf(map, 'steps');
  if (isSeq(steps)) return itemsOf(steps, [...path, 'steps']).map((s) => stepOf(s.map, s.path));
  const self = stepOf(map, path);
  return self.kind === 'other' ? [] : [self];
}

export function buildOutline(doc: ParsedDocument): Outline {
  const root = doc.yaml.contents;
  const outline: Outline = { variables: [], users: [], trackers: [], listeners: [] };
  if (!isMap(root)) return outline;
  outline.variables = namedPairs(valueOf(root, 'variables'));
  for (const u of itemsOf(valueOf(root, 'users'), ['users'])) {
    const user: UserInfo = {
      path: u.path,
      map: u.map,
      name: scalarText(valueOf(u.map, 'name')),
      tasks: [],
      loops: [],
    };
    for (const t of itemsOf(valueOf(u.map, 'tasks'), [...u.path, 'tasks'])) {
      user.tasks.push({
        path: t.path,
        map: t.map,
        name: scalarText(valueOf(t.map, 'name')),
        steps: stepsOf(t.map, t.path),
      });
    }
    for (const l of itemsOf(valueOf(u.map, 'loops'), [...u.path, 'loops'])) {
      user.loops.push({
        path: l.path,
        map: l.map,
        every: scalarText(valueOf(l.map, 'every')),
        steps: stepsOf(l.map, l.path),
      });
    }
    outline.users.push(user);
  }
  for (const l of itemsOf(valueOf(root, 'events'), ['events'])) {
    const name = scalarText(valueOf(l.map, 'name'));
    if (name !== undefined) outline.listeners.push(name);
  }
  for (const t of itemsOf(valueOf(root, 'trackers'), ['trackers'])) {
    outline.trackers.push({ path: t.path, map: t.map, metric: scalarText(valueOf(t.map, 'metric')) });
  }
  return outline;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** Every step sequence in the document (tasks and loops), in document order. */
export function sequences(outline: Outline): StepInfo[][] {
  return outline.users.flatMap((u) => [...u.tasks.map((t) => t.steps), ...u.loops.map((l) => l.steps)]);
}

/** Captures a template at `path` may read: those of earlier steps in the same task or loop. */
export function visibleCaptures(
  outline: Outline,
  path: readonly PathSegment[],
): Array<Named & { step: StepInfo }> {
  for (const steps of sequences(outline)) {
    const index = steps.findIndex((s) => startsWith(path, s.path));
    if (index < 0) continue;
    return steps.slice(0, index).flatMap((step) => step.captures.map((c) => ({ ...c, step })));
  }
  return [];
}

/** Every request step (for entry names in tracker filters) and every emitted event name. */
export function allSteps(outline: Outline): StepInfo[] {
  return sequences(outline).flat();
}
