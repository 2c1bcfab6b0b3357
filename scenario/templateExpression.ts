// The expression inside `{{ }}`: a name (`sku`), a dotted path (`env.TOKEN`, `accounts.email`,
// `user.id` on a captured object), or a call with literal or name arguments (`uuid()`,
// `randomInt(1, 100)`, `base64(env.USER)`). Parsed once into a small tree with offsets (relative
// to the inside of the braces) for diagnostics; the engine compiles the tree into closures. There
// is no eval and no operator: only what this grammar says.
//
//   expr := call | path | literal
//   call := NAME '(' [ arg { ',' arg } ] ')'
//   arg  := path | literal
//   path := NAME { '.' SEGMENT }          SEGMENT := NAME | digits
//   literal := number | 'text' | "text"

export type TemplateExpr = PathExpr | CallExpr | LiteralExpr;

export interface PathExpr {
  kind: 'path';
  /** The first name (`env`, a variable, a capture, a data set) and the names after dots. */
  root: string;
  fields: string[];
  start: number;
  end: number;
}

export interface CallExpr {
  kind: 'call';
  fn: string;
  args: Array<PathExpr | LiteralExpr>;
  /** The function name's offsets. */
  start: number;
  end: number;
}

export interface LiteralExpr {
  kind: 'literal';
  value: string | number;
  start: number;
  end: number;
}

export interface ExprSyntaxError {
  message: string;
  start: number;
  end: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SEGMENT = /[A-Za-z0-9_]+/y;
const NUMBER = /-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Parses the text between `{{` and `}}`. Offsets in the result are relative to `text`. */
export function parseTemplateExpr(text: string): { expr: TemplateExpr } | { error: ExprSyntaxError } {
  const p = new ExprParser(text);
  try {
    p.space();
    const expr = p.expr();
    p.space();
    if (p.at < text.length)
      p.fail(`unexpected \`${text.slice(p.at)}\` after the expression`, p.at, text.length);
    return { expr };
  } catch (e) {
    if (e instanceof ExprFailure) return { error: e.error };
    throw e;
  }
}

class ExprFailure extends Error {
  constructor(readonly error: ExprSyntaxError) {
    super(error.message);
  }
}

class ExprParser {
  at = 0;

  constructor(private readonly text: string) {}

  fail(message: string, start = this.at, end = Math.max(start + 1, this.at + 1)): never {
    throw new ExprFailure({ message, start, end: Math.min(end, Math.max(this.text.length, start)) });
  }

  space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.at += m[0].length;
    return m[0];
  }

  expr(): TemplateExpr {
    if (this.at >= this.text.length) this.fail('empty template `{{ }}`: put a name or a call inside', 0, 0);
    const literal = this.literal();
    if (literal) return literal;
    const start = this.at;
    const name = this.match(NAME);
    if (name === undefined)
      this.fail(
        `\`${this.text.slice(this.at).trim()}\` is not a name, a call or a literal`,
        this.at,
        this.text.trimEnd().length,
      );
    const end = this.at;
    this.space();
    if (this.text[this.at] === '(') return this.call(name, start, end);
    this.at = end;
    return this.path(name, start);
  }

  private path(root: string, start: number): PathExpr {
    const fields: string[] = [];
    while (this.text[this.at] === '.') {
      this.at++;
      const field = this.match(SEGMENT);
      if (field === undefined) this.fail('a name must follow `.`', this.at - 1, this.at);
      fields.push(field);
    }
    return { kind: 'path', root, fields, start, end: this.at };
  }

  private call(fn: string, start: number, end: number): CallExpr {
    const open = this.at;
    this.at++;
    const args: Array<PathExpr | LiteralExpr> = [];
    this.space();
    if (this.text[this.at] !== ')') {
      for (;;) {
        this.space();
        args.push(this.arg());
        this.space();
        if (this.text[this.at] === ',') {
          this.at++;
          continue;
        }
        if (this.text[this.at] === ')') break;
        if (this.at >= this.text.length)
          this.fail(`\`(\` without \`)\`: close the call to \`${fn}\``, open, open + 1);
        this.fail('expected `,` or `)` between arguments');
      }
    }
    this.at++;
    return { kind: 'call', fn, args, start, end };
  }

  private arg(): PathExpr | LiteralExpr {
    const literal = this.literal();
    if (literal) return literal;
    const start = this.at;
    const name = this.match(NAME);
    if (name === undefined) {
      if (this.at >= this.text.length)
        this.fail('`(` without `)`: close the call', this.text.length - 1, this.text.length);
      if (this.text[this.at] === ')' || this.text[this.at] === ',') this.fail('an argument is missing here');
      this.fail('an argument is a name, a number or quoted text (calls do not nest)');
    }
    return this.path(name, start);
  }

  private literal(): LiteralExpr | undefined {
    const start = this.at;
    const quote = this.text[this.at];
    if (quote === '"' || quote === "'") {
      const close = this.text.indexOf(quote, this.at + 1);
      if (close < 0)
        this.fail(`unclosed ${quote === '"' ? 'double' : 'single'} quote`, start, this.text.length);
      this.at = close + 1;
      return { kind: 'literal', value: this.text.slice(start + 1, close), start, end: this.at };
    }
    const n = this.match(NUMBER);
    if (n === undefined) return undefined;
    return { kind: 'literal', value: Number(n), start, end: this.at };
  }
}

/** The expression as text (for messages and hover): `randomInt(1, 100)`, `env.TOKEN`. */
export function exprText(e: TemplateExpr): string {
  if (e.kind === 'literal') return typeof e.value === 'number' ? String(e.value) : JSON.stringify(e.value);
  if (e.kind === 'path') return [e.root, ...e.fields].join('.');
  return `${e.fn}(${e.args.map(exprText).join(', ')})`;
}
