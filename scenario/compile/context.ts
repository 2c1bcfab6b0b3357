// What every compile step shares: the parsed document, the reporter, and the index of names the
// language server uses (definitions, template references, request and event names with ranges).
// Compile steps read the YAML nodes directly (so every value has a range) and stay silent about
// wrong types: the schema check has already reported those.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Range } from '../diagnostic';
import type { HttpMethod, Loop, Task } from '../model';
import { asMap, asScalar, asSeq, deref, findPair, rangeOfNode, scalarText } from '../document';
import type { ParsedScenario } from '../document';
import { durationProblem, durationToMs } from '../durations';
import type { Reporter } from '../report';
import type { AnalyzeOptions, DataFileInfo } from '../dataFiles';
import { dottedRoots, type DottedRoot } from '../templateRoots';

export interface Definition {
  name: string;
  kind: 'variable' | 'capture';
  /** A variable holding a list (one value per iteration; what `pick()` takes). */
  list?: boolean;
  /** The key that defines the name. */
  range: Range;
}

export interface TemplateReferenceInfo {
  name: string;
  /** The name inside `{{ }}`. */
  range: Range;
  /** Where the name is defined, when it is in scope. */
  definition?: Definition;
}

/**
 * A request as the stats see it (name and method: the key of its entry in a run's snapshot), with
 * the range of its method key (`get:`), the line the editor shows the request's figures on.
 */
export interface RequestRange extends NamedRange {
  method: HttpMethod;
  methodRange: Range;
}

/** The names a `{{ }}` may use inside one string value (for completion). */
export interface TemplateScope {
  range: Range;
  names: string[];
}

export interface NamedRange {
  name: string;
  range: Range;
}

/** Names and where they are, for completion, hover and go-to-definition. Filled even when there are errors. */
export interface ScenarioIndex {
  variables: Definition[];
  captures: Definition[];
  references: TemplateReferenceInfo[];
  templateScopes: TemplateScope[];
  /** Every request's stats name, with the range of the value that gives it (its `name:` or its URL). */
  requests: RequestRange[];
  /** Every `emit:` event name with the range of its value. */
  events: NamedRange[];
  /** Every `{{ env.NAME }}`: NAME and the range of `env.NAME`. */
  env: NamedRange[];
  /** Names declared under `env:` and `secrets:` (for completion of `{{ env.` ). */
  envNames: string[];
  /** Every multipart `file:` path as written, with the range of its value. */
  files: NamedRange[];
  /** Every `data:` set: its key's range, its file, and what the data file reader said of it. */
  dataSets: DataSetIndex[];
}

/** A `data:` set for completion, hover and checks. `info` is absent when no reader was given. */
export interface DataSetIndex {
  name: string;
  /** The set's key under `data:`. */
  range: Range;
  file?: string;
  info?: DataFileInfo;
}

/**
 * The tasks and loops scenario/itemwise.ts compiled while the document was parsed (the document
 * then lacks them), by user kind index; undefined for a list it did not take.
 */
export interface StreamedItems {
  tasks(kind: number): Array<Task | undefined> | undefined;
  loops(kind: number): Array<Loop | undefined> | undefined;
}

export function emptyIndex(): ScenarioIndex {
  return {
    variables: [],
    captures: [],
    references: [],
    templateScopes: [],
    requests: [],
    events: [],
    env: [],
    envNames: [],
    files: [],
    dataSets: [],
  };
}

export class Ctx {
  readonly index = emptyIndex();
  /** The `data:` sets by name, filled before any template is compiled. */
  readonly dataSets = new Map<string, DataSetIndex>();
  /** Every scalar compiled as a template: a `{{ }}` anywhere else is reported as not filled in. */
  readonly templated = new Set<Node>();
  /** Every request's stats name, in document order (what thresholds and trackers may name). */
  readonly requestNames = new Set<string>();
  /** Whether to fill the index lists only the language server reads (see AnalysisPurpose). */
  readonly editorIndex: boolean;
  /**
   * Whether the compiled steps are kept for the scenario. Without them (`check`), a task or loop
   * keeps only its `emit` steps, which the checks of trackers read.
   */
  readonly keepSteps: boolean;
  /** Tasks and loops compiled while the document was parsed (purpose `check`, itemwise.ts). */
  streamed?: StreamedItems;
  private rootsCache?: { key: string; roots: Map<string, DottedRoot> };

  constructor(
    readonly parsed: ParsedScenario,
    readonly report: Reporter,
    readonly options: AnalyzeOptions = {},
  ) {
    this.editorIndex = (options.purpose ?? 'editor') === 'editor';
    this.keepSteps = options.purpose !== 'check';
  }

  /**
   * `env`, the data sets: roots of dotted template paths (templateRoots.ts). Built from what is
   * indexed so far (the `data:` sets are indexed before any template is compiled).
   */
  get roots(): Map<string, DottedRoot> {
    const key = `${this.dataSets.size}/${this.index.envNames.length}`;
    if (this.rootsCache?.key !== key)
      this.rootsCache = { key, roots: dottedRoots(this.index.envNames, this.dataSets.values()) };
    return this.rootsCache.roots;
  }

  range(node: Node): Range {
    return rangeOfNode(this.parsed, node);
  }

  map(node: unknown): YAMLMap | undefined {
    return asMap(this.parsed, node);
  }

  seqItems(node: unknown): Node[] {
    const seq = asSeq(this.parsed, node);
    return seq ? seq.items.map((i) => deref(this.parsed, i)).filter((n): n is Node => n !== null) : [];
  }

  scalar(node: unknown): Scalar | undefined {
    return asScalar(this.parsed, node);
  }

  pair(map: YAMLMap | undefined, key: string): Pair<Scalar, unknown> | undefined {
    return findPair(map, key);
  }

  value(map: YAMLMap | undefined, key: string): Node | null {
    const p = findPair(map, key);
    return p ? deref(this.parsed, p.value) : null;
  }

  /** A string value of a key (undefined when missing or not a string: the schema reports that). */
  str(map: YAMLMap | undefined, key: string): { value: string; node: Scalar } | undefined {
    const node = this.scalar(this.value(map, key));
    return node && typeof node.value === 'string' ? { value: node.value, node } : undefined;
  }

  num(map: YAMLMap | undefined, key: string): number | undefined {
    const node = this.scalar(this.value(map, key));
    return node && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
  }

  /** A duration in ms; reports a malformed one. Undefined when missing or malformed. */
  duration(map: YAMLMap | undefined, key: string): number | undefined {
    const node = this.scalar(this.value(map, key));
    if (!node || node.value == null) return undefined;
    const ms = typeof node.value === 'string' ? durationToMs(node.value) : undefined;
    if (ms === undefined) {
      const bare = typeof node.value === 'number' || /^\s*\d+(\.\d+)?\s*$/.test(scalarText(node.value));
      if (bare) {
        const fix = `${scalarText(node.value).trim()}s`;
        this.report.error(node, 'bad-duration', `\`${key}\`: a duration needs a unit (ms, s, m or h)`, fix);
      } else this.report.error(node, 'bad-duration', `\`${key}\`: ${durationProblem(node.value)}`);
    }
    return ms;
  }

  /** The first line of a node: where to point when something is missing from a list item. */
  firstLine(node: Node): Range {
    const r = this.range(node);
    if (r.end.line === r.start.line) return r;
    const lineText = this.parsed.text
      .slice(node.range?.[0] ?? 0)
      .split('\n')[0]
      .replace(/\s+$/, '');
    return { start: r.start, end: { line: r.start.line, character: r.start.character + lineText.length } };
  }

  isMap(node: unknown): node is YAMLMap {
    return isMap(node);
  }

  isSeq(node: unknown): boolean {
    return isSeq(node);
  }

  isScalar(node: unknown): node is Scalar {
    return isScalar(node);
  }
}
