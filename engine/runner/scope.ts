// The values templates read in one virtual user: the scenario's variables (a list variable holds
// one value per iteration, picked at the iteration's start) and the user's captures.
import type { JsonTemplate, Template, VariableValue } from '../../scenario/model';

export class Scope {
  private readonly values = new Map<string, unknown>();
  private readonly lists: Array<[string, ReadonlyArray<string | number | boolean>]> = [];

  constructor(variables: Record<string, VariableValue>) {
    for (const [name, value] of Object.entries(variables)) {
      if (Array.isArray(value)) this.lists.push([name, value]);
      else this.values.set(name, value);
    }
    this.newIteration();
  }

  /** Picks this iteration's value of every list variable. */
  newIteration(): void {
    for (const [name, list] of this.lists) {
      if (list.length > 0) this.values.set(name, list[Math.floor(Math.random() * list.length)]);
    }
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
}

export function hasHoles(t: Template): boolean {
  return !(t.parts.length === 1 && typeof t.parts[0] === 'string') && t.parts.length > 0;
}

export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Fills a template. A template without holes returns its literal (no allocation). */
export function render(t: Template, scope: Scope): string {
  const parts = t.parts;
  if (parts.length === 1) {
    const p = parts[0];
    return typeof p === 'string' ? p : textOf(scope.get(p.ref));
  }
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    out += typeof p === 'string' ? p : textOf(scope.get(p.ref));
  }
  return out;
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

/** True when a JSON body template has a hole anywhere. */
export function jsonHasHoles(v: JsonTemplate): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (isTemplate(v)) return hasHoles(v);
  if (Array.isArray(v)) return v.some(jsonHasHoles);
  return Object.values(v).some(jsonHasHoles);
}

/**
 * Builds the JSON value of a body template. A string that is exactly one `{{ name }}` keeps the
 * value's own type (a captured number stays a number); any other template becomes a string.
 */
export function renderJson(v: JsonTemplate, scope: Scope): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isTemplate(v)) {
    const parts = v.parts;
    if (parts.length === 1 && typeof parts[0] !== 'string') {
      const value = scope.get(parts[0].ref);
      return value === undefined ? '' : value;
    }
    return render(v, scope);
  }
  if (Array.isArray(v)) return v.map((x) => renderJson(x, scope));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = renderJson(x, scope);
  return out;
}
