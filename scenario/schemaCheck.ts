// Validates the document against the JSON Schema (ajv) and turns ajv's errors into diagnostics at
// the YAML node at fault: the KEY for unknown keys (with "did you mean"), the value for wrong types.
// Format errors (`pattern`) are left to the compiler, which knows the exact spot and the fix.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Node } from 'yaml';
import type { Range } from './diagnostic';
import { nodeAtPath, rangeOfNode, rangeOfOffsets, splitPointer } from './document';
import type { ParsedScenario } from './document';
import type { Reporter } from './report';
import { createValidator } from './schemaValidator';
import { closest, didYouMean } from './suggest';

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  validator ??= createValidator();
  return validator;
}

/** `users[0].tasks[1]` for a path, or `the scenario` at the root. */
export function pathLabel(path: Array<string | number>): string {
  if (!path.length) return 'the scenario';
  let out = '';
  for (const seg of path) out += /^\d+$/.test(String(seg)) ? `[${seg}]` : out ? `.${seg}` : String(seg);
  return `\`${out}\``;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (`key: value` lines)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: '`true`/`false`',
  null: 'empty',
};

function joinOr(words: string[]): string {
  return words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : (words[0] ?? '');
}

function wordsOfType(type: unknown): string[] {
  return (Array.isArray(type) ? type : [type]).map((t) => TYPE_WORDS[String(t)] ?? String(t));
}

function typeWords(type: unknown): string {
  return joinOr(wordsOfType(type));
}

/** `a whole number or \`auto\``: every branch's words in one list. */
function describeBranches(branches: unknown): string {
  if (!Array.isArray(branches)) return 'a valid value';
  const words = branches.flatMap((b: Record<string, unknown>) =>
    'const' in b ? [`\`${String(b.const)}\``] : wordsOfType(b.type),
  );
  return joinOr([...new Set(words)]);
}

/** The first line of a node: where to point for a missing key in a list item or the root. */
function firstLine(parsed: ParsedScenario, node: Node): Range {
  const r = node.range ?? [0, 0, 0];
  const nl = parsed.text.indexOf('\n', r[0]);
  const end = nl < 0 || nl > r[1] ? r[1] : nl;
  return rangeOfOffsets(parsed, r[0], end > r[0] ? end : r[1]);
}

export function checkAgainstSchema(parsed: ParsedScenario, value: unknown, report: Reporter): void {
  const validate = getValidator();
  if (validate(value)) return;
  const errors = validate.errors ?? [];
  // Errors under an anyOf are summarised by the anyOf itself.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  for (const e of errors) {
    if (anyOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(p))) continue;
    reportError(parsed, e, report, value);
  }
  // ajv keeps the last errors until the next validation: a file of 200,000 unknown keys would hold
  // 200,000 error objects for the rest of the analysis.
  validate.errors = null;
}

/**
 * `; expected one of \`name\`, \`target\`, ...` for a schema object: one string shared by every
 * unknown key under it (each message then holds its own part and this one).
 */
const expectedKeysHints = new WeakMap<object, string>();

function expectedKeysHint(schema: object, expected: string[]): string {
  let hint = expectedKeysHints.get(schema);
  if (hint === undefined) {
    hint = expected.length ? `; expected one of ${expected.map((k) => `\`${k}\``).join(', ')}` : '';
    expectedKeysHints.set(schema, hint);
  }
  return hint;
}

function reportError(parsed: ParsedScenario, e: ErrorObject, report: Reporter, value: unknown): void {
  if (e.keyword === 'pattern' || e.keyword === 'propertyNames' || e.keyword === 'if') return;
  const path = splitPointer(e.instancePath);
  const at = nodeAtPath(parsed, path);
  const label = pathLabel(path);
  const valueRange = (): Range =>
    at.node
      ? rangeOfNode(parsed, at.node)
      : at.pair
        ? rangeOfNode(parsed, at.pair.key)
        : rangeOfOffsets(parsed, 0, 0);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      // Keys with a prefix (`json.<path>`, `header.<name>`): suggest the fixed prefix, keep the rest.
      const prefixes = Object.keys((e.parentSchema?.patternProperties as object | undefined) ?? {}).map((p) =>
        p.replace(/^\^/, '').replace(/\\\./g, '.'),
      );
      const dot = key.indexOf('.');
      const prefixGuess = dot > 0 ? closest(key.slice(0, dot + 1), prefixes) : undefined;
      const suggestion =
        closest(key, allowed) ?? (prefixGuess ? prefixGuess + key.slice(dot + 1) : undefined);
      const expected = [...allowed, ...prefixes.map((p) => `${p}…`)];
      const keyPair = at.node ? nodeAtPath(parsed, [...path, key]).pair : undefined;
      const range = keyPair ? rangeOfNode(parsed, keyPair.key) : valueRange();
      const where = path.length ? ` in ${label}` : '';
      const hint = suggestion ? didYouMean(suggestion) : expectedKeysHint(e.parentSchema ?? {}, expected);
      report.add(range, 'error', 'unknown-key', `unknown key \`${key}\`${where}${hint}`, suggestion);
      return;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      // The compiler says this one better, at the `load` key.
      if (
        !path.length &&
        missing === 'users' &&
        value !== null &&
        typeof value === 'object' &&
        'load' in value
      )
        return;
      const range = at.pair
        ? rangeOfNode(parsed, at.pair.key)
        : at.node
          ? firstLine(parsed, at.node)
          : rangeOfOffsets(parsed, 0, 0);
      const where = path.length ? `${label} needs` : 'the scenario needs';
      report.add(range, 'error', 'missing-key', `${where} \`${missing}\``);
      return;
    }
    case 'type':
      report.add(valueRange(), 'error', 'wrong-type', `${label} must be ${typeWords(params.type)}`);
      return;
    case 'anyOf':
    case 'oneOf': {
      const branches: unknown[] = Array.isArray(e.schema) ? e.schema : [];
      const consts = branches.flatMap((b) =>
        b && typeof b === 'object' && 'const' in b ? [String(b.const)] : [],
      );
      const suggestion = typeof e.data === 'string' ? closest(e.data, consts) : undefined;
      report.add(
        valueRange(),
        'error',
        'wrong-type',
        `${label} must be ${describeBranches(e.schema)}${didYouMean(suggestion)}`,
        suggestion,
      );
      return;
    }
    case 'const':
    case 'enum': {
      const allowed = (
        e.keyword === 'const' ? [params.allowedValue] : (params.allowedValues as unknown[])
      ).map(String);
      const suggestion = closest(String(e.data), allowed);
      report.add(
        valueRange(),
        'error',
        'bad-value',
        `${label} must be ${allowed.map((a) => `\`${a}\``).join(' or ')}${didYouMean(suggestion)}`,
        suggestion,
      );
      return;
    }
    case 'minItems':
      report.add(
        valueRange(),
        'error',
        'empty-list',
        `${label} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
      );
      return;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'above',
        exclusiveMaximum: 'below',
      };
      report.add(
        valueRange(),
        'error',
        'out-of-range',
        `${label} must be ${words[e.keyword]} ${String(params.limit)}`,
      );
      return;
    }
    default:
      report.add(valueRange(), 'error', 'invalid', `${label} ${e.message ?? 'is invalid'}`);
  }
}
