// The functions a template may call: one table drives validation (unknown function, argument
// count and types), completion and hover in the language server, and the engine's
// implementations (engine/runner/templateFunctionImpls.ts is typed by TemplateFunctionName, so a
// function listed here without an implementation does not compile).

/** What an argument may be: a number literal, any value (literal or name), or a list variable's name. */
export type ParamKind = 'number' | 'value' | 'list';

export interface TemplateFunction {
  params: ReadonlyArray<{ name: string; kind: ParamKind }>;
  /** One line for hover and completion. */
  doc: string;
  /** What it gives, e.g. `f47ac10b-58cc-4372-a567-0e02b2c3d479`. */
  example: string;
  /** A new value on every call (so the request is rendered per request, never prebuilt). */
  generated: boolean;
}

export const TEMPLATE_FUNCTIONS = {
  uuid: {
    params: [],
    doc: 'A random UUID (version 4), new on every request.',
    example: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
    generated: true,
  },
  randomInt: {
    params: [
      { name: 'min', kind: 'number' },
      { name: 'max', kind: 'number' },
    ],
    doc: 'A random whole number from min to max (both included), new on every request.',
    example: '42',
    generated: true,
  },
  randomString: {
    params: [{ name: 'length', kind: 'number' }],
    doc: 'Random letters and digits (A-Z, a-z, 0-9) of the given length, new on every request.',
    example: 'q3ZkP0aXw9Lm',
    generated: true,
  },
  now: {
    params: [],
    doc: 'The current time in ISO 8601 (UTC), when the request is made.',
    example: '2026-12-06T19:00:00.000Z',
    generated: true,
  },
  timestamp: {
    params: [],
    doc: 'The current time in milliseconds since 1970 (Unix epoch), when the request is made.',
    example: '1796583600000',
    generated: true,
  },
  base64: {
    params: [{ name: 'value', kind: 'value' }],
    doc: 'The value encoded in base64 (its UTF-8 bytes), e.g. for a Basic authorization header.',
    example: 'dXNlcjpwYXNz',
    generated: false,
  },
  urlencode: {
    params: [{ name: 'value', kind: 'value' }],
    doc: 'The value percent-encoded for a URL (encodeURIComponent).',
    example: 'a%20b%26c',
    generated: false,
  },
  sha256: {
    params: [{ name: 'value', kind: 'value' }],
    doc: 'The SHA-256 digest of the value (its UTF-8 bytes), in lowercase hex.',
    example: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    generated: false,
  },
  pick: {
    params: [{ name: 'list', kind: 'list' }],
    doc: 'One value of a list variable, picked at random on every call (the variable itself keeps one value per iteration).',
    example: 'P3',
    generated: true,
  },
} as const satisfies Record<string, TemplateFunction>;

export type TemplateFunctionName = keyof typeof TEMPLATE_FUNCTIONS;

export function templateFunction(name: string): TemplateFunction | undefined {
  return Object.hasOwn(TEMPLATE_FUNCTIONS, name)
    ? (TEMPLATE_FUNCTIONS as Record<string, TemplateFunction>)[name]
    : undefined;
}

/** `randomInt(min, max)`: the signature shown in completion, hover and messages. */
export function signatureOf(name: string, f: TemplateFunction): string {
  return `${name}(${f.params.map((p) => p.name).join(', ')})`;
}
