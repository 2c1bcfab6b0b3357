// `check` of a large file without its whole YAML document (issue 15: checking takes a few times
// the file size in memory). The document's nodes are ~24 bytes of heap per byte of YAML, and a
// large scenario is large because of its tasks; so each task (and loop) is composed a few at a
// time as the parser finishes them (docs/benchmarks.md: small batches keep their garbage young),
// schema-checked, compiled and let go, and the document never holds it. Then the rest of the document (its skeleton) is compiled as usual, with
// each user kind's tasks compiled already.
//
// This is a fast path, not a second analysis: it answers only for a file with no problem at all.
// Whatever it meets (a problem anywhere, a YAML error, an anchor or alias, a tag on a task, a
// directive, `variables:` or a kind's `start:` after tasks that read them) sends the caller to the
// whole-document analysis, which gives the diagnostics: messages and their order have one source.
import { Composer, isAlias, isMap, isNode, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { CST, Document, Node } from 'yaml';
import { addDuplicateKeyErrors } from './duplicateKeys';
import type { ParsedScenario } from './document';
import type { AnalyzeOptions, DataFileInfo } from './dataFiles';
import type { Loop, Task } from './model';
import { Reporter } from './report';
import { Ctx, type StreamedItems } from './compile/context';
import { compileData } from './compile/data';
import { compileLoop, compileTask, lifeScope } from './compile/users';
import { compileScenario, compileVariables } from './compile/scenario';
import type { DetailedAnalysis } from './index';
import { reportStrayTemplates, variableScope } from './compile/templateScope';
import type { Scope } from './compile/templateScope';
import { parseObserved } from './yamlParse';
import type { Item, ItemObserver, ItemPath } from './yamlStream';
import { createValidator } from './schemaValidator';
import { scenarioSchema } from './schema';
import type { ValidateFunction } from 'ajv';

/** Tasks composed together: one Composer, Document and schema check per batch, not per task. */
const BATCH_ITEMS = 4;
const BATCH_CHARS = 16 * 1024;

const YAML_OPTIONS = { uniqueKeys: false, logLevel: 'error' } as const;

type ListKey = 'tasks' | 'loops';

interface Batch {
  kind: number;
  list: ListKey;
  /** The sequence's indent: the items are composed as a sequence of their own. */
  indent: number;
  items: Array<{ index: number; item: Item }>;
}

/** A task and a loop the schema accepts: what the skeleton's plain value holds in their place. */
const VALID_ITEM: Record<ListKey, unknown> = { tasks: { get: '/' }, loops: { every: '1s', get: '/' } };

/** A scenario the schema accepts but for the tasks or loops it is given (see checkItems). */
function scenarioAround(list: ListKey, items: unknown[]): unknown {
  return { target: 'http://127.0.0.1', load: { users: 1, duration: '1s' }, users: [{ [list]: items }] };
}

/** CST tokens of an item that holds nothing: a comment line after a list's last item. */
const BLANK = new Set(['space', 'newline', 'comment']);

const TOP_KEYS = new Set(Object.keys(scenarioSchema.properties));
const USER_KIND_KEYS = new Set(Object.keys(scenarioSchema.properties.users.items.properties));

let validator: ValidateFunction | undefined;

function validate(value: unknown): boolean {
  validator ??= createValidator();
  const ok = validator(value);
  // ajv keeps the last errors until the next call.
  validator.errors = null;
  return ok;
}

/**
 * `check`'s analysis of a file with no problem, built task by task; undefined where the file has
 * any problem or uses what this path does not handle (the caller then analyses the whole document).
 */
export function checkCleanItemwise(text: string, options: AnalyzeOptions): DetailedAnalysis | undefined {
  // A `%YAML` or `%TAG` directive changes how every item is read: compose those whole.
  if (/^\uFEFF?%/m.test(text)) return undefined;
  try {
    return analyzeClean(text, options);
  } catch {
    // A failure of this path is not the file's: the whole-document analysis decides.
    return undefined;
  }
}

function analyzeClean(text: string, options: AnalyzeOptions): DetailedAnalysis | undefined {
  const lineCounter = new LineCounter();
  const parsed: ParsedScenario = { text, doc: parseDocument(''), lineCounter };
  const ctx = new Ctx(parsed, new Reporter(parsed), { ...options, dataFile: remembered(options.dataFile) });
  const items = new ItemwiseCompiler(ctx);
  const doc = parseObserved(text, { ...YAML_OPTIONS, lineCounter }, items);
  if (!doc) return undefined;
  parsed.doc = doc;
  items.flush();
  if (items.failed || doc.errors.length || doc.warnings.length) return undefined;
  addDuplicateKeyErrors(doc);
  // An anchor on what holds the tasks (a user kind, a task list) would hand an alias the node
  // without them: anchors and aliases anywhere send the file to the whole analysis.
  if (doc.errors.length || !isMap(doc.contents) || !plainNodes(doc)) return undefined;
  if (!skeletonAccepted(doc, items)) return undefined;
  ctx.streamed = items;
  const scenario = compileScenario(ctx);
  reportStrayTemplates(ctx);
  if (!scenario || ctx.report.diagnostics.length) return undefined;
  const env = { env: scenario.env, secrets: scenario.secrets, envUses: scenario.envUses };
  return { env, parsed, index: ctx.index, diagnostics: [] };
}

/**
 * The schema check of the document without its tasks: each list taken is empty in the skeleton,
 * and is checked here as that many valid items (each item was checked on its own, checkItems).
 * The schema says nothing across the items of a list but `minItems`, so this is the whole check.
 */
function skeletonAccepted(doc: Document.Parsed, items: ItemwiseCompiler): boolean {
  let plain: unknown;
  try {
    plain = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return false;
  }
  const users = (plain as { users?: unknown }).users;
  for (const { kind, list, count } of items.lists()) {
    const userKind = Array.isArray(users) ? (users[kind] as Record<string, unknown> | undefined) : undefined;
    const taken = userKind?.[list];
    if (!Array.isArray(taken) || taken.length) return false;
    userKind![list] = new Array<unknown>(count).fill(VALID_ITEM[list]);
  }
  return validate(plain);
}

/** The data file reader, reading each file once: `data:` is compiled twice on this path. */
function remembered(read: AnalyzeOptions['dataFile']): AnalyzeOptions['dataFile'] {
  if (!read) return undefined;
  const seen = new Map<string, DataFileInfo | undefined>();
  return (file) => {
    if (!seen.has(file)) seen.set(file, read(file));
    return seen.get(file);
  };
}

/** Sees the items as they are parsed: the scopes tasks read, then each task, compiled in batches. */
class ItemwiseCompiler implements ItemObserver, StreamedItems {
  /** Set at the first problem: the parse stops there and the file goes to the whole analysis. */
  failed = false;
  /** Compiled tasks and loops by `kind/list`, in document order. */
  private readonly compiled = new Map<string, Array<Task | Loop | undefined>>();
  /** Variables, then data sets: what every task's templates may read. */
  private base: Scope = variableScope([]);
  /** Each user kind's scope once its `start:` captures are added. */
  private readonly lives = new Map<number, Scope>();
  private readonly kindsWithItems = new Set<number>();
  /** The lists (`kind/list`) whose last item so far was taken, and where each taken item ended. */
  private readonly lastTaken = new Set<string>();
  private readonly ends = new Map<string, number>();
  private batch: Batch | null = null;
  private readonly composer = new Composer(YAML_OPTIONS);
  /** Compiles `variables:`, `data:` and `start:` for their scope only; its problems are dropped. */
  private readonly scratch: Ctx;

  constructor(private readonly ctx: Ctx) {
    this.scratch = new Ctx(ctx.parsed, new Reporter(ctx.parsed, false), ctx.options);
  }

  tasks(kind: number): Array<Task | undefined> | undefined {
    return this.compiled.get(`${kind}/tasks`) as Array<Task | undefined> | undefined;
  }

  loops(kind: number): Array<Loop | undefined> | undefined {
    return this.compiled.get(`${kind}/loops`) as Array<Loop | undefined> | undefined;
  }

  /** The lists taken, with their lengths. */
  lists(): Array<{ kind: number; list: ListKey; count: number }> {
    return [...this.compiled].map(([key, list]) => {
      const [kind, name] = key.split('/');
      return { kind: Number(kind), list: name as ListKey, count: list.length };
    });
  }

  get stopped(): boolean {
    return this.failed;
  }

  wantsWhole(path: ItemPath): boolean {
    if (path.length === 1) return path[0] === 'variables' || path[0] === 'data';
    if (path[0] !== 'users' || typeof path[1] !== 'number') return false;
    if (path.length === 3) return path[2] === 'start';
    return path.length === 4 && (path[2] === 'tasks' || path[2] === 'loops');
  }

  item(path: ItemPath, item: Item, collection: { indent: number }): null | undefined {
    if (this.failed) return undefined;
    // An unknown key at the top or in a user kind (a file of misspelt keys): no need to read on.
    const [top, , key] = path;
    if (path.length === 1 && typeof top === 'string' && !TOP_KEYS.has(top)) return this.fail();
    if (path.length === 3 && top === 'users' && typeof key === 'string' && !USER_KIND_KEYS.has(key))
      return this.fail();
    if (!this.wantsWhole(path)) return undefined;
    if (path.length === 1) {
      // Tasks compiled already did not see these names.
      if (this.kindsWithItems.size) return this.fail();
      const value = this.composeValue(item);
      if (value === undefined) return this.fail();
      if (path[0] === 'variables') {
        this.base = variableScope(compileVariables(this.scratch, value).defs);
      } else {
        compileData(this.scratch, value);
        for (const [name, set] of this.scratch.dataSets) this.ctx.dataSets.set(name, set);
      }
      return undefined;
    }
    const kind = path[1] as number;
    if (path.length === 3) {
      if (this.kindsWithItems.has(kind)) return this.fail();
      const value = this.composeValue(item);
      if (value === undefined) return this.fail();
      this.lives.set(kind, lifeScope(this.scratch, this.scratch.seqItems(value), this.base));
      return undefined;
    }
    const index = path[3];
    const list = path[2] as ListKey;
    // Comments after the last item (no `-`, nothing else): the composer reads them as they are.
    if (index === null && !item.value && item.start.every((t) => BLANK.has(t.type))) {
      this.lastTaken.delete(`${kind}/${list}`);
      return undefined;
    }
    // A list is taken whole or not at all: an item with an anchor or a tag (which the rest of the
    // document may read), or without a `-` or a value, leaves this path.
    if (
      typeof index !== 'number' ||
      !item.value ||
      item.start.some((t) => t.type === 'anchor' || t.type === 'tag')
    )
      return this.fail();
    this.lastTaken.add(`${kind}/${list}`);
    this.kindsWithItems.add(kind);
    if (this.batch && (this.batch.kind !== kind || this.batch.list !== list)) this.flush();
    const batch = (this.batch ??= { kind, list, indent: collection.indent, items: [] });
    batch.items.push({ index, item });
    const first = batch.items[0].item.value as CST.Token;
    if (batch.items.length >= BATCH_ITEMS || item.value.offset - first.offset >= BATCH_CHARS) this.flush();
    return null;
  }

  ended(path: ItemPath): number | undefined {
    const [top, kind, list] = path;
    if (path.length !== 3 || top !== 'users' || (list !== 'tasks' && list !== 'loops')) return undefined;
    const key = `${String(kind)}/${list}`;
    if (!this.lastTaken.has(key)) return undefined;
    this.flush();
    return this.failed ? undefined : this.ends.get(key);
  }

  /** Composes, checks and compiles the tasks waiting in the batch. */
  flush(): void {
    const batch = this.batch;
    this.batch = null;
    if (!batch || this.failed) return;
    const { kind, list } = batch;
    const compiled = this.compiled.get(`${kind}/${list}`) ?? [];
    this.compiled.set(`${kind}/${list}`, compiled);
    // Taken in order, none left out: the k-th compiled item is the document's k-th.
    if (batch.items.some((p, k) => p.index !== compiled.length + k)) return void this.fail();
    const first = batch.items[0].item;
    const doc = this.compose({
      type: 'block-seq',
      offset: first.start[0]?.offset ?? (first.value as CST.Token).offset,
      indent: batch.indent,
      items: batch.items.map(({ item }) => ({ start: item.start, value: item.value })),
    });
    const seq = doc?.contents;
    if (!doc || !isSeq(seq) || seq.items.length !== batch.items.length) return void this.fail();
    if (!this.checkItems(list, doc.toJS({ maxAliasCount: 1000 }) as unknown[])) return void this.fail();
    this.ends.set(`${kind}/${list}`, (seq.items[seq.items.length - 1] as Node).range?.[2] ?? 0);
    const ctx = this.ctx;
    const life = this.lives.get(kind) ?? this.base;
    seq.items.forEach((node, k) => {
      const index = batch.items[k].index;
      compiled.push(list === 'tasks' ? compileTask(ctx, node, index, life) : compileLoop(ctx, node, life));
    });
    reportStrayTemplates(ctx, doc);
    // The compiled templates' nodes are this batch's: let them go with it.
    visit(doc, { Scalar: (_, scalar) => void ctx.templated.delete(scalar) });
    if (ctx.report.diagnostics.length) this.fail();
  }

  /** The schema check of a batch of tasks or loops: in a scenario that is valid without them. */
  private checkItems(list: ListKey, values: unknown[]): boolean {
    return validate(scenarioAround(list, values));
  }

  private fail(): null {
    this.failed = true;
    this.batch = null;
    return null;
  }

  /** An item's value composed on its own; undefined where that gives any error or warning. */
  private composeValue(item: Item): Node | null | undefined {
    if (!item.value) return null;
    const doc = this.compose(item.value);
    return doc ? doc.contents : undefined;
  }

  /**
   * A token composed as a document of its own: what the whole document would compose there,
   * unless the composer says anything or the nodes hold anchors or aliases (which read or are
   * read by the rest of the document).
   */
  private compose(value: CST.Token): Document.Parsed | undefined {
    const token: CST.Document = { type: 'document', offset: value.offset, start: [], value, end: [] };
    const docs = [...this.composer.compose([token], false)];
    const doc = docs[0];
    if (docs.length !== 1 || doc.errors.length || doc.warnings.length || !plainNodes(doc)) return undefined;
    addDuplicateKeyErrors(doc);
    return doc.errors.length ? undefined : doc;
  }
}

/** No anchors or aliases: a node composed alone reads the same as in the whole document. */
function plainNodes(doc: Document.Parsed): boolean {
  let plain = true;
  visit(doc, (_, node) => {
    if (isAlias(node) || (isNode(node) && node.anchor)) {
      plain = false;
      return visit.BREAK;
    }
    return undefined;
  });
  return plain;
}
