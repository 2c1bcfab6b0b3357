// OpenAPI 3.x (and Swagger 2.0) documents: each operation becomes a task. `$ref`s are resolved by
// @apidevtools/swagger-parser (local files only: a document from a cloned repository never makes
// the importer fetch a URL); a body is the media type's example, else one generated from its schema
// by openapi-sampler; path parameters become `variables:` (their example, default or a sample).
// Security schemes become credentials that prepare.ts turns into secrets like any other.
import SwaggerParser from '@apidevtools/swagger-parser';
import { sample } from 'openapi-sampler';
import type { OpenAPIV2, OpenAPIV3 } from 'openapi-types';
import { parseData } from './detect';
import { emptyRequest, ImportError } from './model';
import type { ImportedBody, ImportedCollection, ImportedRequest } from './model';

type Doc = OpenAPIV3.Document | OpenAPIV2.Document;
type Param = OpenAPIV3.ParameterObject & OpenAPIV2.Parameter;
type Schema = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function identifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

function sampleOf(schema: Schema | undefined, doc: Doc): unknown {
  if (!schema) return undefined;
  try {
    return sample(schema, { skipReadOnly: true, quiet: true }, doc);
  } catch {
    return undefined;
  }
}

function exampleOf(
  p: { example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: Schema },
  doc: Doc,
): unknown {
  if (p.example !== undefined) return p.example;
  const first = p.examples ? Object.values(p.examples)[0] : undefined;
  if (first?.value !== undefined) return first.value;
  const s = p.schema;
  if (s?.example !== undefined) return s.example;
  if (s?.default !== undefined) return s.default;
  if (Array.isArray(s?.enum) && s.enum.length) return s.enum[0];
  return sampleOf(s, doc);
}

function scalar(v: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => String(scalar(x))).join(',');
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

/** The base URL: the first server (variables at their defaults), or Swagger 2's host and basePath. */
function baseUrl(doc: Doc): string {
  if ('openapi' in doc) {
    const server = doc.servers?.[0];
    if (!server) return '';
    let url = server.url;
    for (const [k, v] of Object.entries(server.variables ?? {})) url = url.split(`{${k}}`).join(v.default);
    return url.replace(/\/$/, '');
  }
  if (!doc.host) return (doc.basePath ?? '').replace(/\/$/, '');
  return `${doc.schemes?.[0] ?? 'https'}://${doc.host}${(doc.basePath ?? '').replace(/\/$/, '')}`;
}

function requestBody(
  op: OpenAPIV3.OperationObject & OpenAPIV2.OperationObject,
  params: Param[],
  doc: Doc,
  req: ImportedRequest,
): ImportedBody | undefined {
  const content = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content;
  if (content) {
    const types = Object.keys(content);
    const json = types.find((t) => /json/i.test(t));
    const form = types.find((t) => /x-www-form-urlencoded/i.test(t));
    const multipart = types.find((t) => /multipart\/form-data/i.test(t));
    const chosen = json ?? form ?? multipart;
    if (!chosen) {
      req.notes.push(
        `the body (${types.join(', ')}) has no JSON or form media type; write it as \`body:\` yourself`,
      );
      return undefined;
    }
    const value = exampleOf(content[chosen] as Parameters<typeof exampleOf>[0], doc);
    if (chosen === json) {
      if (chosen !== 'application/json') req.headers.push(['Content-Type', chosen]);
      return { kind: 'json', value: value ?? {} };
    }
    const fields = Object.entries(value && typeof value === 'object' ? value : {}).map(
      ([k, v]): [string, string] => [k, String(scalar(v))],
    );
    return { kind: chosen === form ? 'form' : 'multipart', fields };
  }
  const body = params.find((p) => p.in === 'body');
  if (body) return { kind: 'json', value: exampleOf(body as Parameters<typeof exampleOf>[0], doc) ?? {} };
  const formParams = params.filter((p) => p.in === 'formData');
  if (formParams.length)
    return {
      kind: 'form',
      fields: formParams.map((p) => [
        p.name,
        String(scalar(exampleOf(p as Parameters<typeof exampleOf>[0], doc))),
      ]),
    };
  return undefined;
}

type Requirement = Record<string, string[]>;

function applySecurity(req: ImportedRequest, requirements: Requirement[] | undefined, doc: Doc): void {
  const first = requirements?.[0];
  if (!first) return;
  const schemes: Record<string, Record<string, string>> = ('openapi' in doc
    ? (doc.components?.securitySchemes ?? {})
    : (doc.securityDefinitions ?? {})) as unknown as Record<string, Record<string, string>>;
  for (const name of Object.keys(first)) {
    const s = schemes[name];
    if (!s) continue;
    const placeholder = `<${name}>`;
    if (s.type === 'apiKey') {
      if (s.in === 'header') req.headers.push([s.name, placeholder]);
      else if (s.in === 'query')
        req.url += `${req.url.includes('?') ? '&' : '?'}${s.name}=${encodeURIComponent(placeholder)}`;
      else
        req.notes.push(
          `the ${name} API key goes in a cookie (${s.name}); add a Cookie header with {{ env.NAME }}`,
        );
    } else if (
      (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') ||
      s.type === 'oauth2' ||
      s.type === 'openIdConnect'
    ) {
      req.headers.push(['Authorization', `Bearer ${placeholder}`]);
    } else if ((s.type === 'http' && s.scheme?.toLowerCase() === 'basic') || s.type === 'basic') {
      req.headers.push(['Authorization', `Basic ${Buffer.from(`user:${placeholder}`).toString('base64')}`]);
    } else
      req.notes.push(`the ${name} security scheme (${s.type}) has no equivalent; add its header yourself`);
    return;
  }
}

export async function fromOpenApi(
  text: string,
  name: string,
  basePath?: string,
): Promise<ImportedCollection> {
  const data = parseData(text);
  if (data === null || typeof data !== 'object')
    throw new ImportError(
      'the OpenAPI document is neither JSON nor YAML',
      'check that the file is an OpenAPI or Swagger document',
    );
  let doc: Doc;
  try {
    const options = { resolve: { http: false as const }, dereference: { circular: 'ignore' as const } };
    doc = (await (basePath
      ? SwaggerParser.dereference(basePath, data as Doc, options)
      : SwaggerParser.dereference(data as Doc, options))) as Doc;
  } catch (err) {
    throw new ImportError(
      `the OpenAPI document cannot be read: ${(err as Error).message}`,
      'validate it with an OpenAPI editor, then import again',
    );
  }
  const collection: ImportedCollection = {
    name: doc.info?.title || name,
    tasks: [],
    variables: {},
    notes: [],
    leftOut: [],
  };
  const base = baseUrl(doc);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method] as
        (OpenAPIV3.OperationObject & OpenAPIV2.OperationObject) | undefined;
      if (!op) continue;
      const params = [...((item.parameters ?? []) as Param[]), ...((op.parameters ?? []) as Param[])];
      let url = base + path.replace(/\{([^}]+)\}/g, (_a, p: string) => `{{ ${identifier(p)} }}`);
      const req = emptyRequest(method, url);
      for (const p of params) {
        const example = exampleOf(p as Parameters<typeof exampleOf>[0], doc);
        if (p.in === 'path') {
          const id = identifier(p.name);
          // A sampled integer id is 0, which few APIs have: 1 reads as a real id.
          if (!(id in collection.variables))
            collection.variables[id] = example === 0 || example === undefined ? 1 : scalar(example);
        } else if (p.in === 'query' && (p.required || example !== undefined) && example !== undefined) {
          url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(p.name)}=${encodeURIComponent(String(scalar(example)))}`;
        } else if (p.in === 'header' && p.required) req.headers.push([p.name, String(scalar(example))]);
        else if (p.in === 'cookie' && p.required)
          req.notes.push(`the cookie parameter ${p.name} is required; add it as a Cookie header`);
      }
      for (const v of path.matchAll(/\{([^}]+)\}/g)) {
        const id = identifier(v[1]);
        if (!(id in collection.variables)) collection.variables[id] = 1;
      }
      req.url = url;
      req.body = requestBody(op, params, doc, req);
      applySecurity(req, op.security ?? doc.security, doc);
      const ok = Object.keys(op.responses ?? {}).filter((c) => /^2\d\d$/.test(c));
      if (ok.length && !(op.responses && 'default' in op.responses)) req.expectStatus = ok.map(Number);
      if (op.deprecated) req.notes.push('this operation is deprecated');
      collection.tasks.push({
        name: op.operationId ?? op.summary ?? `${method.toUpperCase()} ${path}`,
        requests: [req],
      });
    }
  }
  if (!/^https?:\/\//i.test(base))
    collection.notes.push(
      base
        ? `the document's server (${base}) has no host: paths start with it; give the host with \`stampede run --target URL\``
        : 'the document names no server: give one with `stampede run --target URL`',
    );
  return collection;
}
