// A strict reader of the text exposition format 0.0.4, written from the format's description, for
// tests: it throws on any line a Prometheus scraper would refuse (bad escapes, unquoted values,
// a sample of a family split from its others, a TYPE after its samples).
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  types: Map<string, string>;
  samples: ParsedSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function familyOf(name: string, types: Map<string, string>): string {
  for (const suffix of ['_sum', '_count', '_bucket']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && types.get(base) === 'summary') return base;
  }
  return name;
}

function parseValue(text: string, line: number): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${line}: bad value ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseExposition(text: string): ParsedExposition {
  if (!text.endsWith('\n')) throw new Error('the text must end with a line feed');
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  const closed = new Set<string>();
  let current = '';
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.startsWith('# TYPE ') || raw.startsWith('# HELP ')) {
        const [, kind, name, ...rest] = raw.split(' ');
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name in ${kind}`);
        if (kind === 'TYPE') {
          if (samples.some((s) => familyOf(s.name, types) === name))
            throw new Error(`line ${line}: TYPE after samples`);
          types.set(name, rest.join(' '));
        }
        return;
      }
      if (raw.startsWith('#') || raw === '') return;
      const name = NAME.exec(raw)?.[0];
      if (!name) throw new Error(`line ${line}: no metric name`);
      let at = name.length;
      const labels: Record<string, string> = {};
      if (raw[at] === '{') {
        at++;
        while (raw[at] !== '}') {
          const label = LABEL.exec(raw.slice(at))?.[0];
          if (!label) throw new Error(`line ${line}: bad label name at ${at}`);
          at += label.length;
          if (raw.slice(at, at + 2) !== '="') throw new Error(`line ${line}: expected =" after ${label}`);
          at += 2;
          let value = '';
          for (;;) {
            const c = raw[at++];
            if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
            if (c === '"') break;
            if (c === '\\') {
              const e = raw[at++];
              if (e === 'n') value += '\n';
              else if (e === '\\' || e === '"') value += e;
              else throw new Error(`line ${line}: bad escape \\${e}`);
            } else value += c;
          }
          if (label in labels) throw new Error(`line ${line}: label ${label} twice`);
          labels[label] = value;
          if (raw[at] === ',') at++;
          else if (raw[at] !== '}') throw new Error(`line ${line}: expected , or } at ${at}`);
        }
        at++;
      }
      const rest = raw.slice(at);
      if (!rest.startsWith(' ')) throw new Error(`line ${line}: expected a space before the value`);
      const [value, timestamp, extra] = rest.slice(1).split(' ');
      if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp)))
        throw new Error(`line ${line}: trailing text`);
      const family = familyOf(name, types);
      if (family !== current) {
        if (closed.has(family)) throw new Error(`line ${line}: samples of ${family} are not together`);
        if (current) closed.add(current);
        current = family;
      }
      samples.push({ name, labels, value: parseValue(value, line) });
    });
  return { types, samples };
}
