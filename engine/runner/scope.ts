// The values templates read in one virtual user: the scenario's variables (a list variable holds
// one value per iteration, picked at the iteration's start) and the user's captures.
import type { JsonTemplate, Template, TemplatePart, VariableValue } from '../../scenario/model';
import { evaluate } from './templateEval';
import { textOf } from './textOf';

export { textOf };

/**
 * The scenario's variables in a fixed order (one slot each), shared by every scope of a run so that
 * request plans can prebuild one request per combination of variable values.
 */
export interface VariableTable {
  readonly slots: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  /** Per slot: the values the variable can hold (one for a plain variable). */
  readonly choices: ReadonlyArray<ReadonlyArray<string | number | boolean>>;
  /** The slots of list variables (picked per iteration). */
  readonly lists: readonly number[];
}

const tables = new WeakMap<Record<string, VariableValue>, VariableTable>();

export function variableTable(variables: Record<string, VariableValue>): VariableTable {
  let t = tables.get(variables);
  if (t === undefined) {
    const slots = new Map<string, number>();
    const names: string[] = [];
    const choices: Array<ReadonlyArray<string | number | boolean>> = [];
    const lists: number[] = [];
    for (const [name, value] of Object.entries(variables)) {
      slots.set(name, choices.length);
      names.push(name);
      if (Array.isArray(value)) {
        if (value.length > 0) lists.push(choices.length);
        choices.push(value.length > 0 ? value : ['']);
      } else choices.push([value]);
    }
    tables.set(variables, (t = { slots, names, choices, lists }));
  }
  return t;
}

export class Scope {
  private readonly values = new Map<string, unknown>();
  private readonly table: VariableTable;
  /** Per variable slot: which of its values it holds now; -1 once a capture replaced it. */
  private readonly chosen: Int32Array;

  constructor(variables: Record<string, VariableValue>) {
    const table = (this.table = variableTable(variables));
    this.chosen = new Int32Array(table.choices.length);
    for (let slot = 0; slot < table.names.length; slot++)
      this.values.set(table.names[slot], table.choices[slot][0]);
    this.newIteration();
  }

  /** Picks this iteration's value of every list variable (a capture of its name ends here too). */
  newIteration(): void {
    const lists = this.table.lists;
    for (let i = 0; i < lists.length; i++) {
      const slot = lists[i];
      const list = this.table.choices[slot];
      this.pick(slot, list.length === 1 ? 0 : Math.floor(Math.random() * list.length));
    }
  }

  /** Sets variable `slot` to its `index`-th value. */
  pick(slot: number, index: number): void {
    this.chosen[slot] = index;
    this.values.set(this.table.names[slot], this.table.choices[slot][index]);
  }

  /** Which value variable `slot` holds, or -1 when a capture has replaced it. */
  choice(slot: number): number {
    return this.chosen[slot];
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Every value of a list variable (what `pick()` picks from), or undefined for other names. */
  choicesOf(name: string): ReadonlyArray<string | number | boolean> | undefined {
    const slot = this.table.slots.get(name);
    return slot === undefined ? undefined : this.table.choices[slot];
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
    const slot = this.table.slots.get(name);
    if (slot !== undefined) this.chosen[slot] = -1;
  }
}

export function hasHoles(t: Template): boolean {
  return !(t.parts.length === 1 && typeof t.parts[0] === 'string') && t.parts.length > 0;
}

/** The value of one hole: a name's value, or an expression evaluated now. */
export function partValue(p: Exclude<TemplatePart, string>, scope: Scope): unknown {
  return 'ref' in p ? scope.get(p.ref) : evaluate(p.expr, scope);
}

/** Fills a template. A template without holes returns its literal (no allocation). */
export function render(t: Template, scope: Scope): string {
  const parts = t.parts;
  if (parts.length === 1) {
    const p = parts[0];
    return typeof p === 'string' ? p : textOf(partValue(p, scope));
  }
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out += typeof p === 'string' ? p : textOf(partValue(p, scope));
  }
  return out;
}

/** The template has a hole that is not a plain name (a call, a dotted path): render it per request. */
export function hasExpressions(t: Template): boolean {
  return t.parts.some((p) => typeof p !== 'string' && 'expr' in p);
}

export function isTemplate(v: unknown): v is Template {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as Template).source === 'string' &&
    Array.isArray((v as Template).parts)
  );
}

/** Every template string inside a JSON body template. */
export function jsonTemplates(v: JsonTemplate, into: Template[] = []): Template[] {
  if (v === null || typeof v !== 'object') return into;
  if (isTemplate(v)) into.push(v);
  else if (Array.isArray(v)) for (const x of v) jsonTemplates(x, into);
  else for (const x of Object.values(v)) jsonTemplates(x, into);
  return into;
}

/**
 * Builds the JSON value of a body template. A string that is exactly one `{{ }}` keeps the value's
 * own type (a captured number, `randomInt(1, 9)` stay numbers); any other template becomes a string.
 */
export function renderJson(v: JsonTemplate, scope: Scope): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isTemplate(v)) {
    const parts = v.parts;
    if (parts.length === 1 && typeof parts[0] !== 'string') {
      const value = partValue(parts[0], scope);
      return value === undefined ? '' : value;
    }
    return render(v, scope);
  }
  if (Array.isArray(v)) return v.map((x) => renderJson(x, scope));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = renderJson(x, scope);
  return out;
}
