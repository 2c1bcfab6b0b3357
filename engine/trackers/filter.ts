// The stateless half of an event filter `eventType[attr op value, ...]:selector`: does one event
// match the type and every condition? Selectors (:first, :last, :nth) depend on the events seen
// before, so they live in selectors.ts; `matches` ignores them.
//
// Semantics (docs/trackers.md says the same for people):
// - The event type must be equal to the filter's type (case-sensitive).
// - Conditions are ANDed. An attribute the event does not have fails every condition, `!=`
//   included (as in SQL: unknown is not "different").
// - `=` / `!=`: when the filter value is a number and the attribute is numeric (a number, or a
//   string that is a finite number), they compare as numbers (`status=200` matches 200 and
//   "200"; `duration=1.0` matches 1). Otherwise they compare string forms
//   (`ok=true` matches the boolean true and the string "true").
// - `~=`: the attribute's string form contains a match of the regular expression (unanchored; use
//   ^...$ to anchor). The regex is compiled once per filter.
// - `<` / `>`: both sides as numbers; false when either side is not a finite number.
import type { EventFilter, FilterCondition } from '../../scenario/model';
import type { EngineEvent } from './types';

type AttrValue = string | number | boolean | undefined;

/** One condition, ready to test: the regex compiled and the numeric value converted once. */
type ConditionTest = (value: Exclude<AttrValue, undefined>) => boolean;

export interface CompiledFilter {
  readonly filter: EventFilter;
  /** Type and conditions only (no selector). */
  test(event: EngineEvent): boolean;
}

/** A filter whose regex does not compile. The parser reports these first; this is the engine's guard. */
export class FilterError extends Error {
  constructor(
    readonly filter: string,
    message: string,
  ) {
    super(`tracker filter \`${filter}\`: ${message}`);
    this.name = 'FilterError';
  }
}

const cache = new WeakMap<EventFilter, CompiledFilter>();

/** True when the event has the filter's type and satisfies every condition. Selectors are ignored. */
export function matches(filter: EventFilter, event: EngineEvent): boolean {
  return compileFilter(filter).test(event);
}

/** Compiles a filter once (cached per filter object); throws FilterError for a bad regex. */
export function compileFilter(filter: EventFilter): CompiledFilter {
  const hit = cache.get(filter);
  if (hit) return hit;
  const conditions = filter.conditions.map((c) => ({ attr: c.attr, test: compileCondition(filter, c) }));
  const compiled: CompiledFilter = {
    filter,
    test(event) {
      if (event.type !== filter.eventType) return false;
      for (const c of conditions) {
        const value = event.attr(c.attr);
        if (value === undefined || !c.test(value)) return false;
      }
      return true;
    },
  };
  cache.set(filter, compiled);
  return compiled;
}

/** Tests one condition against a plain value (used by needsBody for `name` conditions). */
export function conditionHolds(filter: EventFilter, condition: FilterCondition, value: AttrValue): boolean {
  return value !== undefined && compileCondition(filter, condition)(value);
}

function compileCondition(filter: EventFilter, c: FilterCondition): ConditionTest {
  switch (c.op) {
    case '=':
      return equality(c.value);
    case '!=': {
      const eq = equality(c.value);
      return (v) => !eq(v);
    }
    case '~=': {
      const regex = compileRegex(filter, c);
      return (v) => regex.test(String(v));
    }
    case '<': {
      const limit = toNumber(c.value);
      return (v) => {
        const n = toNumber(v);
        return n !== undefined && limit !== undefined && n < limit;
      };
    }
    case '>': {
      const limit = toNumber(c.value);
      return (v) => {
        const n = toNumber(v);
        return n !== undefined && limit !== undefined && n > limit;
      };
    }
  }
}

function equality(expected: string | number | boolean): ConditionTest {
  if (typeof expected === 'number') {
    const text = String(expected);
    return (v) => {
      const n = toNumber(v);
      return n !== undefined ? n === expected : String(v) === text;
    };
  }
  const text = String(expected);
  return (v) => String(v) === text;
}

function compileRegex(filter: EventFilter, c: FilterCondition): RegExp {
  try {
    // No `g` or `y` flag: test() must not carry lastIndex from one event to the next.
    return new RegExp(String(c.value));
  } catch (err) {
    throw new FilterError(
      filter.source,
      `\`${c.attr} ~= ${String(c.value)}\` is not a valid regular expression (${(err as Error).message})`,
    );
  }
}

/** A finite number from a number or a numeric string; booleans and other text are not numbers. */
function toNumber(v: string | number | boolean): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
