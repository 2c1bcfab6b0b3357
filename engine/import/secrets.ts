// Values that look like credentials never reach the scenario file: an Authorization header, a
// cookie, an `api_key` query parameter, a password field, anything shaped like a JWT. Each becomes
// `{{ env.NAME }}` and NAME is listed under `secrets:` (so every output masks it), with where it
// came from. The same value seen twice gets the same name.
import type { ImportedCollection, ImportedRequest } from './model';

export interface FoundSecret {
  name: string;
  from: string;
}

const SECRET_KEY =
  /^(api[-_]?key|apikey|key|access[-_]?token|id[-_]?token|refresh[-_]?token|token|auth|secret|client[-_]?secret|password|passwd|pwd|pass|session|session[-_]?id|sid|sig|signature)$/i;
const SECRET_HEADER = /(api[-_]?key|token|secret|password|session|auth)/i;
const JWT = /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/;
const TEMPLATE = /\{\{.*\}\}/;

export function envName(text: string): string {
  const n = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z_]/.test(n) ? n : `V_${n}`;
}

export class SecretTable {
  private readonly byValue = new Map<string, string>();
  private readonly taken = new Set<string>();
  readonly found: FoundSecret[] = [];

  /** The `{{ env.NAME }}` for this value (a template value is left as it is). */
  replace(value: string, wanted: string, from: string): string {
    // A credential the source already reads from its environment is listed as a secret as it is.
    const env = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
    if (env && !this.taken.has(env[1])) {
      this.taken.add(env[1]);
      this.found.push({ name: env[1], from });
    }
    if (value === '' || TEMPLATE.test(value)) return value;
    let name = this.byValue.get(value);
    if (name === undefined) {
      const base = envName(wanted);
      name = base;
      for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
      this.taken.add(name);
      this.byValue.set(value, name);
      this.found.push({ name, from });
    }
    return `{{ env.${name} }}`;
  }
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function where(req: ImportedRequest): string {
  let path = req.url;
  try {
    path = new URL(req.url).pathname;
  } catch {
    // a path already
  }
  return `${req.method} ${path.split('?')[0].replace(/\{\{\s*([^}]*?)\s*\}\}/g, '{$1}')}`;
}

function headerSecret(table: SecretTable, req: ImportedRequest, name: string, value: string): string {
  const lower = name.toLowerCase();
  const at = where(req);
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const m = /^(Bearer|Basic|Token|Digest)\s+(.+)$/i.exec(value);
    if (m && m[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(m[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        const pass = table.replace(decoded.slice(colon + 1), 'PASSWORD', `the Basic password of ${at}`);
        return `Basic ${decoded.slice(0, colon)}:${pass}`;
      }
    }
    if (m)
      return `${m[1]} ${table.replace(m[2], m[1].toLowerCase() === 'bearer' ? 'API_TOKEN' : `${m[1]}_TOKEN`, `${name}: ${m[1]} of ${at}`)}`;
    return table.replace(value, name, `${name} of ${at}`);
  }
  if (lower === 'cookie') return table.replace(value, 'COOKIE', `the Cookie header of ${at}`);
  if (SECRET_HEADER.test(lower) || JWT.test(value))
    return table.replace(value, name, `the ${name} header of ${at}`);
  return value;
}

function querySecrets(table: SecretTable, req: ImportedRequest): void {
  const q = req.url.indexOf('?');
  if (q < 0) return;
  const parts = req.url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = decodeURIComponentSafe(pair.slice(0, eq));
      const value = decodeURIComponentSafe(pair.slice(eq + 1));
      if (!isSecretKey(key) && !JWT.test(value)) return pair;
      return `${pair.slice(0, eq)}=${table.replace(value, key, `the ${key} query parameter of ${where(req)}`)}`;
    });
  req.url = `${req.url.slice(0, q)}?${parts.join('&')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function jsonSecrets(table: SecretTable, value: unknown, at: string): unknown {
  if (Array.isArray(value)) return value.map((v) => jsonSecrets(table, v, at));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      typeof v === 'string' && (isSecretKey(k) || JWT.test(v))
        ? table.replace(v, k, `the JSON field ${k} of ${at}`)
        : jsonSecrets(table, v, at);
  }
  return out;
}

/** Replaces every credential-like value of the collection's requests; returns the names found. */
export function extractSecrets(collection: ImportedCollection, table = new SecretTable()): FoundSecret[] {
  for (const task of collection.tasks)
    for (const req of task.requests) {
      req.headers = req.headers.map(([k, v]) => [k, headerSecret(table, req, k, v)]);
      querySecrets(table, req);
      const body = req.body;
      if (body?.kind === 'json') body.value = jsonSecrets(table, body.value, where(req));
      if (body?.kind === 'form' || body?.kind === 'multipart')
        body.fields = body.fields.map(([k, v]) => [
          k,
          isSecretKey(k) || JWT.test(v) ? table.replace(v, k, `the form field ${k} of ${where(req)}`) : v,
        ]);
    }
  return table.found;
}
