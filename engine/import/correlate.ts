// A recorded journey reuses what the server answered: a token from the login response in the next
// Authorization header, a cart id in the next URL. Replaying the recorded literal would fail on a
// fresh server, so each such value becomes a capture on the response it came from and a
// `{{ name }}` where it is reused. Only values that cannot be coincidence are matched: strings of
// 8+ characters that hold a digit (ids, tokens, UUIDs).
import type { ImportedRequest } from './model';

interface Origin {
  request: ImportedRequest;
  path: string;
  as?: string;
}

function leaves(value: unknown, path: string[], out: Array<[string, string]>): void {
  if (typeof value === 'string') {
    if (value.length >= 8 && /\d/.test(value) && !/\s/.test(value)) out.push([path.join('.'), value]);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
}

function captureName(req: ImportedRequest, path: string, taken: Set<string>): string {
  let segment = '';
  try {
    segment =
      new URL(req.url).pathname
        .split('/')
        .filter((s) => s && !/\d/.test(s))
        .pop() ?? '';
  } catch {
    // a relative path
  }
  const key =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? 'value';
  const base = `${segment ? `${segment}_` : ''}${key}`
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function replaceAll(text: string, known: Map<string, Origin>, use: (o: Origin) => string): string {
  let out = text;
  for (const [value, origin] of known)
    if (out.includes(value)) out = out.split(value).join(`{{ ${use(origin)} }}`);
  return out;
}

function replaceJson(value: unknown, known: Map<string, Origin>, use: (o: Origin) => string): unknown {
  if (typeof value === 'string') {
    const o = known.get(value);
    return o ? `{{ ${use(o)} }}` : value;
  }
  if (Array.isArray(value)) return value.map((v) => replaceJson(v, known, use));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceJson(v, known, use)]));
}

/** Rewrites later requests of a sequence to capture what earlier responses gave them. */
export function correlate(requests: ImportedRequest[]): void {
  const known = new Map<string, Origin>();
  const taken = new Set<string>();
  const use = (o: Origin): string => {
    if (o.as === undefined) {
      o.as = captureName(o.request, o.path, taken);
      (o.request.captures ??= []).push({ as: o.as, from: `json.${o.path}` });
    }
    return o.as;
  };
  for (const req of requests) {
    if (known.size) {
      req.url = replaceAll(req.url, known, use);
      req.headers = req.headers.map(([k, v]) => [k, replaceAll(v, known, use)]);
      const body = req.body;
      if (body?.kind === 'json') body.value = replaceJson(body.value, known, use);
      else if (body?.kind === 'form' || body?.kind === 'multipart')
        body.fields = body.fields.map(([k, v]) => [k, replaceAll(v, known, use)]);
      else if (body?.kind === 'text') body.text = replaceAll(body.text, known, use);
    }
    const found: Array<[string, string]> = [];
    leaves(req.response?.json, [], found);
    for (const [path, value] of found) known.set(value, { request: req, path });
  }
}
