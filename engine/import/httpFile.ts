// `.http` / `.rest` files as the REST Client and httpyac extensions read them: requests separated
// by `###`, `@name = value` file variables, `# @name login` request names, `{{name}}` references
// (an undefined one becomes `{{ env.name }}`, as the extensions read environments), and
// `{{login.response.body.$.token}}` chaining, which becomes a capture on `login`. Requests that
// chain run as one sequence; independent requests become one task each.
import { bodyFromText, headerValue } from './body';
import { emptyRequest, ImportError } from './model';
import type { ImportedCollection, ImportedRequest } from './model';
import { envName } from './secrets';

const METHODS = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT';
const REQUEST_LINE = new RegExp(`^(?:(${METHODS})\\s+)?(\\S+?)(?:\\s+HTTP\\/[\\d.]+)?\\s*$`, 'i');

/** One request block of a .http file: where it starts (0-based line of its request line) and its name. */
export interface HttpFileRequest {
  line: number;
  name?: string;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
  /** `# @...` settings other than @name (kept as notes). */
  settings: string[];
}

function isComment(line: string): boolean {
  return /^\s*(#|\/\/)/.test(line);
}

/** The requests of a .http file, in order (the CodeLens uses their lines). File variables are not resolved here. */
export function httpFileRequests(text: string): HttpFileRequest[] {
  const lines = text.split(/\r?\n/);
  const out: HttpFileRequest[] = [];
  let block: string[] = [];
  let start = 0;
  /** Text after `###` names the request below it (REST Client shows it), unless `# @name` does. */
  let title: string | undefined;
  const flush = (): void => {
    let name = title;
    const settings: string[] = [];
    let i = 0;
    for (; i < block.length; i++) {
      const l = block[i];
      const meta = /^\s*(?:#|\/\/)\s*@([\w-]+)\s*(.*)$/.exec(l);
      if (meta) {
        if (meta[1] === 'name') name = meta[2].trim();
        else settings.push(`@${meta[1]}${meta[2] ? ` ${meta[2].trim()}` : ''}`);
        continue;
      }
      if (!l.trim() || isComment(l) || /^\s*@[\w.-]+\s*=/.test(l)) continue;
      break;
    }
    if (i >= block.length) return;
    const m = REQUEST_LINE.exec(block[i].trim());
    if (!m) return;
    const req: HttpFileRequest = {
      line: start + i,
      name,
      method: (m[1] ?? 'GET').toUpperCase(),
      url: m[2],
      headers: [],
      body: '',
      settings,
    };
    let j = i + 1;
    for (; j < block.length && /^\s*[?&]/.test(block[j]); j++) req.url += block[j].trim();
    for (; j < block.length && block[j].trim() !== ''; j++) {
      if (isComment(block[j])) continue;
      const colon = block[j].indexOf(':');
      if (colon > 0) req.headers.push([block[j].slice(0, colon).trim(), block[j].slice(colon + 1).trim()]);
    }
    req.body = block
      .slice(j + 1)
      .filter((l) => !/^\s*(#|\/\/)\s*@/.test(l))
      .join('\n')
      .trim();
    out.push(req);
  };
  lines.forEach((line, n) => {
    if (/^\s*###/.test(line)) {
      flush();
      block = [];
      start = n + 1;
      title = line.replace(/^\s*###/, '').trim() || undefined;
      return;
    }
    block.push(line);
  });
  flush();
  return out;
}

/** `@name = value` lines anywhere in the file (later ones win, as in REST Client). */
function fileVariables(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*@([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars.set(m[1], m[2]);
  }
  return vars;
}

interface Resolver {
  vars: Map<string, string>;
  captures: Map<string, { request: string; as: string; from: string }>;
  notes: string[];
}

/** `$.items[0].id` or `items.0.id` -> `items.0.id`. */
function jsonPath(p: string): string {
  return p
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\[['"]([^'"]+)['"]\]/g, '.$1');
}

function resolve(text: string, r: Resolver, depth = 0): string {
  return text.replace(/\{\{\s*(.+?)\s*\}\}/g, (all, inner: string) => {
    const chain = /^([\w-]+)\.response\.(body|headers)\.(.+)$/.exec(inner);
    if (chain) {
      const [, request, part, rest] = chain;
      const from =
        part === 'body'
          ? rest === '*' || rest === '$'
            ? 'body'
            : `json.${jsonPath(rest)}`
          : `header.${rest}`;
      const as = envName(`${request}_${from.split('.').pop() ?? 'value'}`).toLowerCase();
      r.captures.set(as, { request, as, from });
      return `{{ ${as} }}`;
    }
    const sys = /^\$(\w+)\s*(.*)$/.exec(inner);
    if (sys) {
      const [, fn, args] = sys;
      if ((fn === 'processEnv' || fn === 'dotenv') && args)
        return `{{ env.${envName(args.replace(/^%/, ''))} }}`;
      const literal =
        fn === 'guid'
          ? '00000000-0000-4000-8000-000000000000'
          : fn === 'randomInt'
            ? (args.split(/\s+/)[0] ?? '1')
            : fn === 'timestamp'
              ? '0'
              : '';
      r.notes.push(
        `{{$${fn}${args ? ` ${args}` : ''}}} has no equivalent yet; replaced by the fixed value "${literal}"`,
      );
      return literal;
    }
    const value = r.vars.get(inner);
    if (value !== undefined) return depth < 10 ? resolve(value, r, depth + 1) : value;
    return `{{ env.${envName(inner)} }}`;
  });
}

function toRequest(h: HttpFileRequest, r: Resolver): ImportedRequest {
  const req = emptyRequest(h.method, resolve(h.url, r));
  if (h.name) req.name = h.name;
  req.headers = h.headers.map(([k, v]) => [k, resolve(v, r)]);
  for (const s of h.settings) req.notes.push(`.http setting ${s} has no equivalent; left out`);
  if (h.body.startsWith('<'))
    req.notes.push(`the body is read from a file (${h.body.split('\n')[0]}); put its content in the request`);
  else req.body = bodyFromText(resolve(h.body, r), headerValue(req.headers, 'content-type'));
  if (!/^https?:\/\//i.test(req.url) && !req.url.startsWith('/') && !req.url.startsWith('{{'))
    req.url = `http://${req.url}`;
  return req;
}

export function fromHttpFile(text: string, name: string, only?: number): ImportedCollection {
  const found = httpFileRequests(text);
  if (found.length === 0)
    throw new ImportError(
      'no request found in the .http file',
      'write a request line such as GET http://127.0.0.1:8080/ (requests separated by ###)',
    );
  const r: Resolver = { vars: fileVariables(text), captures: new Map(), notes: [] };
  const requests = found.map((h) => toRequest(h, r));
  const unresolved: Record<string, string> = {};
  for (const c of r.captures.values()) {
    const source = requests.find((q) => q.name === c.request);
    if (source) (source.captures ??= []).push({ as: c.as, from: c.from });
    else {
      r.notes.push(
        `{{${c.request}.response...}} names no request of this file (# @name ${c.request}); the value stays empty`,
      );
      unresolved[c.as] = '';
    }
  }
  const collection: ImportedCollection = {
    name,
    tasks: [],
    variables: unresolved,
    notes: r.notes,
    leftOut: [],
  };
  if (only !== undefined) {
    if (!requests[only]) throw new ImportError(`the file has no request number ${only + 1}`);
    // The chosen request, after the requests whose responses it reads.
    const needed = new Set(
      r.captures.size
        ? requests
            .slice(0, only)
            .filter((q) => q.captures?.length)
            .map((q) => requests.indexOf(q))
        : [],
    );
    collection.tasks.push({
      name: requests[only].name,
      requests: [...[...needed].map((i) => requests[i]), requests[only]],
    });
  } else if (r.captures.size) collection.tasks.push({ name: 'sequence', requests });
  else for (const q of requests) collection.tasks.push({ requests: [q] });
  return collection;
}
