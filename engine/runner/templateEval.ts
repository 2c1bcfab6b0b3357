// Evaluates the template holes that are not plain names: dotted paths (`env.TOKEN`, a field of a
// captured object) and calls (`uuid()`, `randomInt(1, 100)`). Each expression is compiled once
// into a closure (cached by the expression object, which the compiled scenario shares) — no eval,
// no Function. The functions' table is scenario/templateFunctions.ts; the implementations below
// are keyed by its names, so the two cannot drift.
import crypto from 'node:crypto';
import type { CallExpr, PathExpr, TemplateExpr } from '../../scenario/templateExpression';
import type { TemplateFunctionName } from '../../scenario/templateFunctions';
import type { Scope } from './scope';
import { textOf } from './textOf';

type Evaluator = (scope: Scope) => unknown;

const compiled = new WeakMap<TemplateExpr, Evaluator>();

export function evaluate(expr: TemplateExpr, scope: Scope): unknown {
  let f = compiled.get(expr);
  if (f === undefined) compiled.set(expr, (f = compile(expr)));
  return f(scope);
}

function compile(e: TemplateExpr): Evaluator {
  if (e.kind === 'literal') {
    const value = e.value;
    return () => value;
  }
  if (e.kind === 'path') return compilePath(e);
  return compileCall(e);
}

function compilePath(p: PathExpr): Evaluator {
  const { root, fields } = p;
  // `env.NAME` (a single-value variable, runEnv.ts) and a data column (`accounts.email`, put in
  // the scope by userData.ts) are held under their dotted name.
  const dotted = fields.length === 1 ? `${root}.${fields[0]}` : undefined;
  return (scope) => {
    // A variable or capture of that name wins over a root, as in the checker.
    if (scope.has(root)) {
      let v: unknown = scope.get(root);
      for (const f of fields)
        v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[f] : undefined;
      return v;
    }
    return dotted !== undefined ? scope.get(dotted) : undefined;
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  // Rejection sampling over random bytes: 62 of 256 values map evenly onto 248 = 4 x 62.
  let out = '';
  while (out.length < length) {
    for (const b of crypto.randomBytes(length - out.length + 8)) {
      if (b < 248) out += ALPHANUMERIC[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

const IMPLEMENTATIONS: Record<TemplateFunctionName, (args: Evaluator[], call: CallExpr) => Evaluator> = {
  uuid: () => () => crypto.randomUUID(),
  randomInt: (_, call) => {
    const [min, max] = [literalNumber(call, 0), literalNumber(call, 1)];
    return () => crypto.randomInt(min, max + 1);
  },
  randomString: (_, call) => {
    const length = literalNumber(call, 0);
    return () => randomString(length);
  },
  now: () => () => new Date().toISOString(),
  timestamp: () => () => Date.now(),
  base64:
    ([value]) =>
    (scope) =>
      Buffer.from(textOf(value(scope)), 'utf8').toString('base64'),
  urlencode:
    ([value]) =>
    (scope) =>
      encodeURIComponent(textOf(value(scope))),
  sha256:
    ([value]) =>
    (scope) =>
      crypto
        .createHash('sha256')
        .update(textOf(value(scope)), 'utf8')
        .digest('hex'),
  pick: (_, call) => {
    const arg = call.args[0];
    const name = arg.kind === 'path' ? arg.root : '';
    return (scope) => {
      const list = scope.choicesOf(name);
      return list === undefined || list.length === 0
        ? undefined
        : list[Math.floor(Math.random() * list.length)];
    };
  },
};

/** A number argument: the checker allows only a number written in the call. */
function literalNumber(call: CallExpr, i: number): number {
  const a = call.args[i];
  return a?.kind === 'literal' ? Number(a.value) : 0;
}

function compileCall(c: CallExpr): Evaluator {
  const impl = (IMPLEMENTATIONS as Record<string, (args: Evaluator[], call: CallExpr) => Evaluator>)[c.fn];
  // The checker refuses unknown functions; a scenario that reached the engine has none.
  if (impl === undefined) return () => undefined;
  return impl(c.args.map(compile), c);
}
