// Checks one parsed template expression against what is readable where it is written: variables
// and captures of earlier steps (templateScope.ts), the dotted roots (`env`, data sets:
// templateRoots.ts) and the function table (templateFunctions.ts). Every problem sits at the exact
// range of the part at fault, with a did-you-mean where one is close.
import type { Scalar } from 'yaml';
import { innerRange } from '../document';
import { closest, didYouMean } from '../suggest';
import type { CallExpr, LiteralExpr, PathExpr, TemplateExpr } from '../templateExpression';
import { exprText } from '../templateExpression';
import { signatureOf, TEMPLATE_FUNCTIONS, templateFunction } from '../templateFunctions';
import { ENV_ROOT } from '../templateRoots';
import type { Ctx } from './context';
import type { Scope } from './templateScope';

const FUNCTION_NAMES = Object.keys(TEMPLATE_FUNCTIONS);
/** randomString's length: a request is not the place for megabytes of noise. */
const MAX_RANDOM_STRING = 65_536;

export function checkTemplateExpr(ctx: Ctx, scalar: Scalar, scope: Scope, e: TemplateExpr): void {
  const at = (x: { start: number; end: number }) => innerRange(ctx.parsed, scalar, x.start, x.end);
  const error = (x: { start: number; end: number }, code: string, message: string, suggestion?: string) =>
    ctx.report.add(at(x), 'error', code, message, suggestion);

  const checkPath = (p: PathExpr): void => {
    const rootRange = { start: p.start, end: p.start + p.root.length };
    const definition = scope.names.get(p.root);
    if (definition) {
      if (ctx.editorIndex) ctx.index.references.push({ name: p.root, range: at(rootRange), definition });
      if (p.fields.length > 0 && definition.kind === 'variable')
        error(
          p,
          'no-fields',
          `\`${p.root}\` is a variable: it has no fields (\`${exprText(p)}\`); only a capture of a JSON object has`,
        );
      return;
    }
    const root = ctx.roots.get(p.root);
    if (root) {
      if (p.fields.length !== 1) {
        const example = root.fields[0] ?? 'NAME';
        error(p, 'bad-path', `\`${p.root}\` needs one name after it: \`${p.root}.${example}\``);
        return;
      }
      const field = p.fields[0];
      const fieldRange = { start: p.end - field.length, end: p.end };
      // Whether an env name has a value is the run's to say: record the use (Scenario.envUses,
      // at the whole `env.NAME`) for check's warning and the run's exit 2.
      if (root.name === ENV_ROOT) ctx.index.env.push({ name: field, range: at(p) });
      if (root.fields.includes(field)) return;
      const problem = root.unknownField(field);
      if (problem)
        ctx.report.add(at(fieldRange), problem.severity, problem.code, problem.message, problem.suggestion);
      return;
    }
    if (p.fields.length === 0 && templateFunction(p.root)) {
      error(p, 'not-called', `\`${p.root}\` is a function: call it, \`${p.root}()\``, `${p.root}()`);
      return;
    }
    if (p.fields.length > 0 && !scope.notYet.has(p.root)) unknownRoot(ctx, scope, p, at(rootRange));
    else undefinedName(ctx, scope, p.root, at(rootRange));
  };

  const checkCall = (c: CallExpr): void => {
    const f = templateFunction(c.fn);
    if (!f) {
      const suggestion = closest(c.fn, FUNCTION_NAMES);
      error(
        c,
        'unknown-function',
        `\`${c.fn}()\` is not a template function${suggestion ? '' : `; the functions are ${FUNCTION_NAMES.map((n) => `\`${n}()\``).join(', ')}`}${didYouMean(suggestion)}`,
        suggestion,
      );
      return;
    }
    const sig = signatureOf(c.fn, f);
    if (c.args.length !== f.params.length) {
      const n = f.params.length;
      error(
        c,
        'wrong-arguments',
        `\`${c.fn}\` takes ${n === 0 ? 'no arguments' : `${n} argument${n === 1 ? '' : 's'}`} (\`${sig}\`), not ${c.args.length}`,
      );
      return;
    }
    c.args.forEach((arg, i) => {
      const param = f.params[i];
      if (param.kind === 'number') {
        if (arg.kind !== 'literal' || typeof arg.value !== 'number')
          error(
            arg,
            'wrong-argument',
            `\`${c.fn}\`'s \`${param.name}\` is a number written in the call (\`${sig}\`), not \`${exprText(arg)}\``,
          );
      } else if (param.kind === 'list') {
        const def = arg.kind === 'path' && arg.fields.length === 0 ? scope.names.get(arg.root) : undefined;
        if (arg.kind === 'path') checkPath(arg);
        if (def && !def.list)
          error(
            arg,
            'wrong-argument',
            `\`${c.fn}\` takes a list variable (\`variables: { ${arg.kind === 'path' ? arg.root : 'sku'}: [A, B] }\`); \`${exprText(arg)}\` holds one value`,
          );
        else if (arg.kind !== 'path')
          error(
            arg,
            'wrong-argument',
            `\`${c.fn}\` takes the name of a list variable (\`variables: { sku: [A, B] }\`), not \`${exprText(arg)}\``,
          );
      } else if (arg.kind === 'path') checkPath(arg);
    });
    checkValues(c);
  };

  /** Argument values that parse but make no sense: randomInt(10, 1), randomString(-1). */
  const checkValues = (c: CallExpr): void => {
    const num = (a: PathExpr | LiteralExpr | undefined): number | undefined =>
      a?.kind === 'literal' && typeof a.value === 'number' ? a.value : undefined;
    if (c.fn === 'randomInt') {
      const [min, max] = [num(c.args[0]), num(c.args[1])];
      if (
        min !== undefined &&
        max !== undefined &&
        (!Number.isSafeInteger(min) || !Number.isSafeInteger(max))
      )
        error(c, 'wrong-argument', '`randomInt` takes whole numbers');
      else if (min !== undefined && max !== undefined && max + 1 - min >= 2 ** 48)
        error(
          c,
          'wrong-argument',
          '`randomInt` spans at most 2^48 values (max - min below 281,474,976,710,655)',
        );
      else if (min !== undefined && max !== undefined && min > max)
        error(
          c,
          'wrong-argument',
          `\`randomInt(${min}, ${max})\`: min is above max; write \`randomInt(${max}, ${min})\``,
        );
    } else if (c.fn === 'randomString') {
      const n = num(c.args[0]);
      if (n !== undefined && (!Number.isInteger(n) || n < 1 || n > MAX_RANDOM_STRING))
        error(
          c.args[0],
          'wrong-argument',
          `\`randomString\`'s length is a whole number from 1 to ${MAX_RANDOM_STRING}`,
        );
    }
  };

  if (e.kind === 'path') checkPath(e);
  else if (e.kind === 'call') checkCall(e);
}

/** A name that is neither a variable, a capture of an earlier step, nor a root. */
function undefinedName(ctx: Ctx, scope: Scope, name: string, range: ReturnType<typeof innerRange>): void {
  if (ctx.editorIndex) ctx.index.references.push({ name, range, definition: undefined });
  const why = scope.notYet.get(name);
  if (why) {
    ctx.report.add(range, 'error', 'undefined-name', `\`${name}\` ${why}`);
    return;
  }
  const suggestion = closest(name, [...scope.names.keys(), ...ctx.roots.keys(), ...FUNCTION_NAMES]);
  const later = suggestion === undefined ? closest(name, scope.notYet.keys()) : undefined;
  if (later !== undefined) {
    ctx.report.add(
      range,
      'error',
      'undefined-name',
      `\`${name}\` is not defined; \`${later}\` ${scope.notYet.get(later)}`,
    );
    return;
  }
  const known = scope.names.size ? '' : ' (none are defined here)';
  const fix = suggestion !== undefined && templateFunction(suggestion) ? `${suggestion}()` : suggestion;
  ctx.report.add(
    range,
    'error',
    'undefined-name',
    `\`${name}\` is not defined: no variable, and no capture of an earlier step, has this name${known}${didYouMean(fix)}`,
    fix,
  );
}

/** `{{ acounts.email }}`: a dotted path whose root is no data set, `env`, variable or capture. */
function unknownRoot(ctx: Ctx, scope: Scope, p: PathExpr, range: ReturnType<typeof innerRange>): void {
  if (ctx.editorIndex) ctx.index.references.push({ name: p.root, range, definition: undefined });
  const suggestion = closest(p.root, [...ctx.dataSets.keys(), ENV_ROOT, ...scope.names.keys()]);
  const known = ctx.dataSets.size ? '' : ' (there is no `data:` section)';
  ctx.report.add(
    range,
    'error',
    'undefined-name',
    `\`${p.root}\` is not a data set${known}: \`{{ set.column }}\` reads a column of a set under \`data:\`, \`{{ env.NAME }}\` the environment, \`{{ capture.field }}\` a field of a JSON object captured by an earlier step${didYouMean(suggestion)}`,
    suggestion === undefined ? undefined : [suggestion, ...p.fields].join('.'),
  );
}
