// Shapes the imported requests the way a person would write the scenario: headers the engine sets
// itself or that only a browser sends are left out (and listed), credentials become secrets, the
// most common origin becomes `target:`, headers every request sends go to `defaults.headers`, and
// every request and task gets a readable name.
import { headerValue, isFormType, isJsonType } from './body';
import type { ImportedCollection, ImportedRequest } from './model';
import { extractSecrets, type FoundSecret } from './secrets';

/** Set by the engine from the connection and the body; a copied value would be wrong. */
const ENGINE_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'proxy-connection',
  'expect',
]);
const SUPPORTED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

export interface PreparedRequest extends ImportedRequest {
  /** Relative to the target when it shares its origin, else absolute. */
  path: string;
  displayName: string;
}

export interface PreparedTask {
  name: string;
  requests: PreparedRequest[];
}

export interface Prepared {
  target?: string;
  defaultHeaders: Array<[string, string]>;
  tasks: PreparedTask[];
  secrets: FoundSecret[];
}

function dropHeaders(req: ImportedRequest, leftOut: Set<string>): void {
  const type = headerValue(req.headers, 'content-type');
  const body = req.body;
  req.headers = req.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || ENGINE_HEADERS.has(lower)) return false;
    if (lower.startsWith('sec-') || lower === 'priority') {
      leftOut.add('headers only a browser sends (sec-ch-*, sec-fetch-*, priority)');
      return false;
    }
    if (lower === 'accept-encoding') {
      leftOut.add('Accept-Encoding (the engine reads responses as sent and does not decompress)');
      return false;
    }
    if (lower === 'content-type') {
      if (body?.kind === 'multipart') return false;
      if (body?.kind === 'form' && isFormType(type)) return false;
      if (body?.kind === 'json' && isJsonType(type) && /^application\/json\s*(;.*)?$/i.test(type ?? ''))
        return false;
    }
    return true;
  });
}

function originOf(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url.replace(/\{\{.*?\}\}/g, 'x')).origin;
  } catch {
    return undefined;
  }
}

/** The origin most requests use (ties: the first seen). */
function commonOrigin(requests: ImportedRequest[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const o = originOf(r.url);
    if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [o, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = o;
  return best;
}

function relative(url: string, target: string | undefined): string {
  if (target !== undefined && originOf(url) === target) {
    const rest = url.slice(target.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return url;
}

/** Headers every request sends with the same value (when there are two requests or more). */
function sharedHeaders(requests: ImportedRequest[]): Array<[string, string]> {
  if (requests.length < 2) return [];
  return requests[0].headers.filter(([name, value]) =>
    requests.every((r) => headerValue(r.headers, name) === value && name.toLowerCase() !== 'authorization'),
  );
}

/** `GET /cart/{{ id }}?x=1` reads as `GET /cart/{id}`. */
export function requestName(method: string, path: string): string {
  const bare = path.split('?')[0].replace(/\{\{\s*(?:env\.)?([^}]*?)\s*\}\}/g, '{$1}');
  const short = bare.length > 70 ? `${bare.slice(0, 67)}...` : bare;
  return `${method} ${short || '/'}`;
}

function unique(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name} (${i})`;
  taken.add(out);
  return out;
}

export function prepare(collection: ImportedCollection): Prepared {
  const leftOut = new Set(collection.leftOut);
  for (const task of collection.tasks) {
    task.requests = task.requests.filter((r) => {
      if (!r.url.trim()) {
        collection.notes.push(`${r.name ?? r.method}: the request has no URL; left out`);
        return false;
      }
      if (!/^(https?:\/\/|\/|\{\{)/i.test(r.url)) r.url = `/${r.url}`;
      if (SUPPORTED_METHODS.has(r.method)) return true;
      collection.notes.push(
        `${r.method} ${r.url}: the scenario language sends ${[...SUPPORTED_METHODS].join(', ')} only; left out`,
      );
      return false;
    });
    task.requests.forEach((r) => dropHeaders(r, leftOut));
  }
  collection.tasks = collection.tasks.filter((t) => t.requests.length > 0);
  collection.leftOut = [...leftOut];
  const secrets = extractSecrets(collection);
  const all = collection.tasks.flatMap((t) => t.requests);
  const target = commonOrigin(all);
  const defaultHeaders = sharedHeaders(all);
  const shared = new Set(defaultHeaders.map(([k]) => k.toLowerCase()));
  const taskNames = new Set<string>();
  const tasks = collection.tasks.map((task, i): PreparedTask => {
    const requests = task.requests.map((r): PreparedRequest => {
      const path = relative(r.url, target);
      return {
        ...r,
        headers: r.headers.filter(([k]) => !shared.has(k.toLowerCase())),
        path,
        displayName: r.name ?? requestName(r.method, path),
      };
    });
    const fallback = requests.length === 1 ? requests[0].displayName : `task ${i + 1}`;
    return { name: unique(task.name ?? fallback, taskNames), requests };
  });
  return { target, defaultHeaders, tasks, secrets };
}
