// Request bodies (`json`, `body`, `form`, `multipart`: one per request) and `auth`.
import type { Node, YAMLMap } from 'yaml';
import { mapPairs, scalarText } from '../document';
import { filePathProblem } from '../filePaths';
import type { Auth, MultipartPart, RequestBody, Template } from '../model';
import { compileTemplate } from '../templates';
import type { Ctx } from './context';
import { jsonTemplateAt, templateAt } from './templateScope';
import type { Scope } from './templateScope';

export const BODY_KEYS = ['json', 'body', 'form', 'multipart'] as const;

/** A scalar as a template: strings may hold `{{ }}`, numbers and booleans are sent as written. */
function scalarTemplate(ctx: Ctx, node: unknown, scope: Scope): Template | undefined {
  const s = ctx.scalar(node);
  if (!s || s.value === null || typeof s.value === 'object') return undefined;
  return typeof s.value === 'string' ? templateAt(ctx, s, scope) : compileTemplate(scalarText(s.value));
}

function compileForm(ctx: Ctx, node: unknown, scope: Scope): Array<[string, Template]> {
  const map = ctx.map(node);
  const fields: Array<[string, Template]> = [];
  if (!map) return fields;
  for (const { key, pair } of mapPairs(map)) {
    const items = ctx.isSeq(pair.value) ? ctx.seqItems(pair.value) : [pair.value];
    for (const item of items) {
      const t = scalarTemplate(ctx, item, scope);
      if (t) fields.push([key, t]);
    }
  }
  return fields;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

/** The content type a file is sent with when the scenario names none (by extension). */
export function contentTypeOf(file: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

function compileFilePart(ctx: Ctx, name: string, map: YAMLMap): MultipartPart | undefined {
  const file = ctx.str(map, 'file');
  if (!file) {
    ctx.report.add(
      ctx.firstLine(map),
      'error',
      'missing-file',
      `the multipart part \`${name}\` needs \`file: path\` (relative to the scenario), or write a plain value for a text field`,
    );
    return undefined;
  }
  const problem = filePathProblem(file.value);
  if (problem) {
    ctx.report.error(file.node, 'bad-file-path', problem);
    return undefined;
  }
  ctx.index.files.push({ name: file.value, range: ctx.range(file.node) });
  return {
    kind: 'file',
    name,
    file: file.value,
    contentType: ctx.str(map, 'contentType')?.value ?? contentTypeOf(file.value),
    filename: ctx.str(map, 'filename')?.value ?? file.value.split('/').pop() ?? file.value,
  };
}

function compileMultipart(ctx: Ctx, node: unknown, scope: Scope): MultipartPart[] {
  const map = ctx.map(node);
  const parts: MultipartPart[] = [];
  if (!map) return parts;
  for (const { key, pair } of mapPairs(map)) {
    const fileMap = ctx.map(pair.value);
    if (fileMap) {
      const part = compileFilePart(ctx, key, fileMap);
      if (part) parts.push(part);
      continue;
    }
    const value = scalarTemplate(ctx, pair.value, scope);
    if (value) parts.push({ kind: 'field', name: key, value });
  }
  return parts;
}

/** The body of a request map, reporting a second body key. */
export function compileRequestBody(ctx: Ctx, map: YAMLMap, scope: Scope): RequestBody | undefined {
  const present = BODY_KEYS.map((k) => ({ k, pair: ctx.pair(map, k) })).filter((p) => p.pair !== undefined);
  for (const extra of present.slice(1))
    ctx.report.error(
      extra.pair!.key,
      'body-and-json', // the code predates form and multipart; kept for editors and tests that match it
      `a request has one body: \`${present[0].k}\` is already given, so \`${extra.k}\` cannot be (choose one of json, body, form, multipart)`,
    );
  const first = present[0];
  if (!first) return undefined;
  const value = first.pair!.value;
  switch (first.k) {
    case 'json':
      return { type: 'json', value: jsonTemplateAt(ctx, value, scope) };
    case 'body': {
      const text = ctx.scalar(value);
      return text && typeof text.value === 'string'
        ? { type: 'text', value: templateAt(ctx, text, scope) }
        : undefined;
    }
    case 'form':
      return { type: 'form', fields: compileForm(ctx, value, scope) };
    case 'multipart':
      return { type: 'multipart', parts: compileMultipart(ctx, value, scope) };
  }
}

/** `auth: { basic: { user, password } }` or `auth: { bearer: token }`. */
export function compileAuth(ctx: Ctx, node: Node | null, scope: Scope): Auth | undefined {
  const map = ctx.map(node);
  if (!map) return undefined;
  const basic = ctx.pair(map, 'basic');
  const bearer = ctx.pair(map, 'bearer');
  if (basic && bearer) {
    ctx.report.error(bearer.key, 'two-auths', '`auth` is either `basic` or `bearer`, not both');
    return undefined;
  }
  if (bearer) {
    const token = scalarTemplate(ctx, bearer.value, scope);
    return token ? { kind: 'bearer', token } : undefined;
  }
  const basicMap = ctx.map(basic?.value);
  if (!basic || !basicMap) {
    if (!basic && !bearer && map.items.length === 0)
      ctx.report.error(map, 'empty-auth', '`auth` needs `basic: { user, password }` or `bearer: token`');
    return undefined;
  }
  const part = (key: 'user' | 'password'): Template | undefined => {
    const t = scalarTemplate(ctx, ctx.value(basicMap, key), scope);
    if (!t && !ctx.pair(basicMap, key))
      ctx.report.error(basic.key, 'missing-credential', `\`basic\` needs \`${key}\``);
    return t;
  };
  const user = part('user');
  const password = part('password');
  return user && password ? { kind: 'basic', user, password } : undefined;
}
