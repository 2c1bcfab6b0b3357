// Event filters of duration trackers: `eventType[attr op value, ...]:selector`.
// parseEventFilter is syntax only (offsets into the filter text); checkEventFilter adds the
// semantic problems (unknown event type, unknown request name, unknown attribute) with offsets.
import type { EventFilter, FilterCondition, FilterOp } from './model';
import { BUILTIN_EVENTS, BUILTIN_EVENTS_IN_WORDS, builtinEvent } from './events';
import { closest, didYouMean } from './suggest';

export interface FilterProblem {
  message: string;
  /** Offsets into the filter text. */
  start: number;
  end: number;
  code: string;
  suggestion?: string;
}

export type FilterParse =
  { filter: EventFilter; conditionSpans: ConditionSpan[] } | { errors: FilterProblem[] };

/** Where each condition's parts are in the text (for semantic diagnostics). */
export interface ConditionSpan {
  attr: [number, number];
  value: [number, number];
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ATTR = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const OPS: FilterOp[] = ['!=', '~=', '=', '<', '>'];

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
  eat(s: string): boolean {
    if (this.text.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
}

function fail(message: string, start: number, end: number): FilterParse {
  return { errors: [{ message, start, end: Math.max(end, start + 1), code: 'bad-filter' }] };
}

function parseValue(
  s: Scanner,
): { value: string | number | boolean; quoted: boolean } | { error: FilterProblem } {
  const start = s.pos;
  const quote = s.text[s.pos];
  if (quote === '"' || quote === "'") {
    let out = '';
    s.pos++;
    while (!s.done && s.text[s.pos] !== quote) {
      if (s.text[s.pos] === '\\' && s.pos + 1 < s.text.length) s.pos++;
      out += s.text[s.pos++];
    }
    if (s.done)
      return {
        error: {
          message: `unclosed ${quote} in the filter value`,
          start,
          end: s.text.length,
          code: 'bad-filter',
        },
      };
    s.pos++;
    return { value: out, quoted: true };
  }
  const m = s.match(/[^,\]]*/y) ?? '';
  const raw = m.trim();
  s.pos = start + m.trimEnd().length;
  if (!raw)
    return {
      error: {
        message: 'a condition needs a value after the operator',
        start,
        end: start + 1,
        code: 'bad-filter',
      },
    };
  if (raw === 'true' || raw === 'false') return { value: raw === 'true', quoted: false };
  if (/^-?\d+(\.\d+)?$/.test(raw)) return { value: Number(raw), quoted: false };
  return { value: raw, quoted: false };
}

/** Parses a filter; every error has offsets into `text`. */
export function parseEventFilter(text: string): FilterParse {
  const s = new Scanner(text);
  s.skipSpace();
  const typeStart = s.pos;
  const eventType = s.match(NAME);
  if (!eventType)
    return fail(
      `a filter starts with an event type: ${BUILTIN_EVENTS_IN_WORDS} or an \`emit\` name`,
      typeStart,
      typeStart + 1,
    );
  const conditions: FilterCondition[] = [];
  const conditionSpans: ConditionSpan[] = [];
  s.skipSpace();
  if (s.eat('[')) {
    for (;;) {
      s.skipSpace();
      if (s.eat(']')) break;
      const attrStart = s.pos;
      const attr = s.match(ATTR);
      if (!attr)
        return fail('expected an attribute name such as `name` or `json.state`', attrStart, attrStart + 1);
      s.skipSpace();
      const opStart = s.pos;
      const op = OPS.find((o) => s.eat(o));
      if (!op) return fail('expected an operator: `=`, `!=`, `~=`, `<` or `>`', opStart, opStart + 1);
      s.skipSpace();
      const valueStart = s.pos;
      const value = parseValue(s);
      if ('error' in value) return { errors: [value.error] };
      const valueEnd = s.pos;
      if ((op === '<' || op === '>') && typeof value.value !== 'number') {
        return fail(`\`${op}\` compares numbers: write a number after it`, valueStart, valueEnd);
      }
      if (op === '~=') {
        try {
          new RegExp(String(value.value));
        } catch (e) {
          const detail =
            e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : 'invalid';
          return {
            errors: [
              {
                message: `bad regular expression: ${detail}`,
                start: valueStart,
                end: valueEnd,
                code: 'bad-regex',
              },
            ],
          };
        }
      }
      conditions.push({ attr, op, value: value.value });
      conditionSpans.push({ attr: [attrStart, attrStart + attr.length], value: [valueStart, valueEnd] });
      s.skipSpace();
      if (s.eat(',')) continue;
      if (s.eat(']')) break;
      return fail(
        s.done ? 'unclosed `[`: end the conditions with `]`' : 'expected `,` or `]` after a condition',
        s.pos,
        s.pos + 1,
      );
    }
  }
  s.skipSpace();
  const filter: EventFilter = { source: text, eventType, conditions };
  if (s.eat(':')) {
    const selStart = s.pos;
    const sel = s.match(/[A-Za-z]+/y) ?? '';
    if (sel === 'first' || sel === 'last') filter.selector = { kind: sel };
    else if (sel === 'nth') {
      const n = /^\(\s*(\d+)\s*\)/.exec(text.slice(s.pos));
      if (!n || Number(n[1]) < 1)
        return fail(
          '`:nth(n)` needs a whole number from 1, e.g. `:nth(2)`',
          selStart,
          Math.max(s.pos, selStart + 3),
        );
      s.pos += n[0].length;
      filter.selector = { kind: 'nth', n: Number(n[1]) };
    } else {
      const suggestion = closest(sel, ['first', 'last', 'nth']);
      return {
        errors: [
          {
            message: `unknown selector \`:${sel}\`; use \`:first\`, \`:last\` or \`:nth(n)\`${didYouMean(suggestion)}`,
            start: selStart,
            end: Math.max(s.pos, selStart + 1),
            code: 'bad-filter',
            suggestion,
          },
        ],
      };
    }
  }
  s.skipSpace();
  if (!s.done) return fail(`unexpected \`${text.slice(s.pos)}\` after the filter`, s.pos, text.length);
  return { filter, conditionSpans };
}

export interface FilterContext {
  /** Stats names of every request in the scenario. */
  requestNames: readonly string[];
  /** Custom event names declared by `emit` steps, with the attributes they may carry. */
  events: ReadonlyMap<string, ReadonlySet<string>>;
  /** User kind names and task names (values of `user=` and `task=` on iteration events), when known. */
  userKinds?: readonly string[];
  taskNames?: readonly string[];
  /** Names of the listeners under `events:` (values of `name=` on `event[...]`). */
  listeners?: readonly string[];
}

/** The attributes a filter on `type` may test (from the events table, or the `emit` steps). */
export function attributesOf(type: string, context: FilterContext): string[] {
  const builtin = builtinEvent(type);
  if (builtin) return builtin.attributes.map((a) => a.name);
  return [...(context.events.get(type) ?? [])];
}

const quoteLike = (source: string, at: number, text: string): string => {
  const q = source[at];
  return q === '"' || q === "'" ? `${q}${text}${q}` : text;
};

/** Semantic problems of a parsed filter: unknown event type, attribute, request/user/task name. */
export function checkEventFilter(
  filter: EventFilter,
  spans: ConditionSpan[],
  context: FilterContext,
  typeOffset = 0,
): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const type = filter.eventType;
  const builtin = builtinEvent(type) !== undefined;
  if (!builtin && !context.events.has(type)) {
    const known = [...BUILTIN_EVENTS, ...context.events.keys()];
    const suggestion = closest(type, known);
    const start = filter.source.indexOf(type, typeOffset);
    problems.push({
      message: `unknown event type \`${type}\`: use ${known.map((k) => `\`${k}\``).join(', ')} (custom events come from \`emit:\` steps)${didYouMean(suggestion)}`,
      start,
      end: start + type.length,
      code: 'unknown-event',
      suggestion,
    });
    return problems;
  }
  const attrs = attributesOf(type, context);
  filter.conditions.forEach((c, i) => {
    const span = spans[i];
    const known =
      attrs.includes(c.attr) ||
      (builtin && attrs.some((a) => a.endsWith('.') && c.attr.startsWith(a) && c.attr.length > a.length));
    if (!known) {
      const suggestion = closest(c.attr, attrs);
      const list = attrs.map((a) =>
        a.endsWith('.') ? `\`${a}<${a === 'json.' ? 'path' : 'name'}>\`` : `\`${a}\``,
      );
      const what = builtin
        ? `\`${type}\` events have no attribute \`${c.attr}\``
        : `no \`emit: ${type}\` step sets the attribute \`${c.attr}\``;
      problems.push({
        message: `${what}${list.length ? `; use ${list.join(', ')}` : ''}${didYouMean(suggestion)}`,
        start: span.attr[0],
        end: span.attr[1],
        code: 'unknown-attribute',
        suggestion,
      });
      return;
    }
    if (c.op !== '=' && c.op !== '!=') return;
    const names =
      type === 'request' && c.attr === 'name'
        ? { what: 'request', list: context.requestNames }
        : type.startsWith('iteration.') && c.attr === 'user' && context.userKinds
          ? { what: 'user kind', list: context.userKinds }
          : type.startsWith('iteration.') && c.attr === 'task' && context.taskNames
            ? { what: 'task', list: context.taskNames }
            : undefined;
    if (!names || names.list.includes(String(c.value))) return;
    const guess = closest(String(c.value), names.list);
    const others = guess
      ? ''
      : names.list.length
        ? `; ${names.what}s: ${names.list.map((n) => `\`${n}\``).join(', ')}`
        : '';
    problems.push({
      message: `no ${names.what} is named \`${String(c.value)}\`${didYouMean(guess)}${others}`,
      start: span.value[0],
      end: span.value[1],
      code: names.what === 'request' ? 'unknown-request' : 'unknown-name',
      suggestion: guess === undefined ? undefined : quoteLike(filter.source, span.value[0], guess),
    });
  });
  return problems;
}
