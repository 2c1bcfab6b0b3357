// Writes the prepared requests as a scenario with the `yaml` library, so the text is valid YAML
// with comments where they help: where it came from, what was left out, where each secret was
// found, and every note on the request it belongs to.
import { Document, isMap, isNode } from 'yaml';
import type { ImportedCollection } from './model';
import type { Prepared, PreparedRequest } from './prepare';

/** Pauses shorter than this in a recording are the browser's own gaps, not a person thinking. */
const MIN_THINK_MS = 100;

export interface WriteOptions {
  kind: string;
  /** The source as the person named it (a file name, or "standard input"). */
  source: string;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(10, Math.round(ms / 10) * 10)}ms`;
  return `${(Math.round(ms / 100) / 10).toString()}s`;
}

type Auth = { bearer: string } | { basic: { user: string; password: string } };

/** `Authorization` as `auth:` when it is Bearer or (a secret-ised) Basic. */
function authOf(value: string | undefined): Auth | undefined {
  if (value === undefined) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(value);
  if (bearer) return { bearer: bearer[1] };
  const basic = /^Basic\s+([^:]*):(\{\{.*\}\})$/i.exec(value);
  if (basic) return { basic: { user: basic[1], password: basic[2] } };
  return undefined;
}

function authHeader(r: PreparedRequest): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1];
}

function requestObject(
  r: PreparedRequest,
  defaultAuth: string | undefined,
  inlineName: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (inlineName) out.name = r.displayName;
  out[r.method.toLowerCase()] = r.path;
  const auth = authHeader(r);
  const asAuth = auth === defaultAuth ? undefined : authOf(auth);
  const headers = r.headers.filter(([k]) => {
    if (k.toLowerCase() !== 'authorization') return true;
    return auth !== defaultAuth && asAuth === undefined;
  });
  if (headers.length) out.headers = Object.fromEntries(headers);
  if (asAuth) out.auth = asAuth;
  const body = r.body;
  if (body?.kind === 'json') out.json = body.value;
  else if (body?.kind === 'form' || body?.kind === 'multipart') {
    const fields: Record<string, string | string[]> = {};
    for (const [k, v] of body.fields) {
      const had = fields[k];
      fields[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
    }
    out[body.kind] = fields;
  } else if (body?.kind === 'text') out.body = body.text;
  if (r.captures?.length) out.capture = Object.fromEntries(r.captures.map((c) => [c.as, c.from]));
  if (r.expectStatus?.length)
    out.check = { status: r.expectStatus.length === 1 ? r.expectStatus[0] : r.expectStatus };
  return out;
}

function comment(lines: string[]): string {
  return lines
    .flatMap((l) => l.split('\n'))
    .map((l) => ` ${l}`)
    .join('\n');
}

/** Every `check:`, `capture:` and `auth:` map is written on one line. */
function flowSmallMaps(node: unknown): void {
  if (!isMap(node)) {
    if (isNode(node) && 'items' in node)
      for (const item of (node as { items: unknown[] }).items) flowSmallMaps(item);
    return;
  }
  for (const pair of node.items) {
    const key = isNode(pair.key) && 'value' in pair.key ? String((pair.key as { value: unknown }).value) : '';
    if (['check', 'capture', 'auth', 'load'].includes(key) && isMap(pair.value)) pair.value.flow = true;
    else flowSmallMaps(pair.value);
  }
}

export function writeScenario(
  collection: ImportedCollection,
  prepared: Prepared,
  options: WriteOptions,
): string {
  const all = prepared.tasks.flatMap((t) => t.requests);
  const auths = new Set(all.map(authHeader));
  const sharedAuth = all.length > 1 && auths.size === 1 ? [...auths][0] : undefined;
  const defaultAuth = authOf(sharedAuth) ? sharedAuth : undefined;

  const tasks = prepared.tasks.map((task) => {
    const [first] = task.requests;
    if (task.requests.length === 1 && !first.thinkBeforeMs) {
      const inline = requestObject(first, defaultAuth, false);
      return { name: task.name, ...inline };
    }
    const steps: Array<Record<string, unknown>> = [];
    task.requests.forEach((r, i) => {
      if (i > 0 && (r.thinkBeforeMs ?? 0) >= MIN_THINK_MS)
        steps.push({ think: formatMs(r.thinkBeforeMs ?? 0) });
      steps.push(requestObject(r, defaultAuth, true));
    });
    return { name: task.name, steps };
  });

  const root: Record<string, unknown> = { name: collection.name };
  if (prepared.target) root.target = prepared.target;
  root.load = { users: 5, spawnRate: 1, duration: '1m' };
  const defaults: Record<string, unknown> = {};
  if (prepared.defaultHeaders.length) defaults.headers = Object.fromEntries(prepared.defaultHeaders);
  if (defaultAuth) defaults.auth = authOf(defaultAuth);
  if (collection.insecure) defaults.insecure = true;
  if (Object.keys(defaults).length) root.defaults = defaults;
  if (prepared.secrets.length) root.secrets = prepared.secrets.map((s) => s.name);
  if (Object.keys(collection.variables).length) root.variables = collection.variables;
  root.users = [{ name: 'imported', tasks }];

  const doc = new Document(root);
  const header = [`Imported from ${options.source} (${options.kind}) by \`stampede import\`.`];
  if (collection.leftOut.length)
    header.push('Left out on purpose:', ...collection.leftOut.map((l) => `  - ${l}`));
  if (collection.notes.length)
    header.push('Not imported (no equivalent in a scenario):', ...collection.notes.map((n) => `  - ${n}`));
  doc.commentBefore = comment(header);
  const load = doc.get('load', true);
  if (isNode(load)) load.comment = ' a start: raise users and duration once every request passes';
  const secrets = doc.get('secrets', true);
  if (isNode(secrets) && 'items' in secrets) {
    secrets.commentBefore = comment([
      'Credentials found in the source were not copied here. Give their values with',
      '`stampede run --env NAME=VALUE`, the environment, or a .env file beside this scenario',
      '(keep it out of git); every output shows them as ***.',
    ]);
    (secrets as { items: unknown[] }).items.forEach((item, i) => {
      if (isNode(item)) item.comment = ` ${prepared.secrets[i].from}`;
    });
  }
  prepared.tasks.forEach((task, ti) => {
    const inline = task.requests.length === 1 && !task.requests[0].thinkBeforeMs;
    let stepIndex = 0;
    task.requests.forEach((r, i) => {
      if (!inline && i > 0 && (r.thinkBeforeMs ?? 0) >= MIN_THINK_MS) stepIndex++;
      const path = inline ? ['users', 0, 'tasks', ti] : ['users', 0, 'tasks', ti, 'steps', stepIndex];
      const node = doc.getIn(path, true);
      if (r.notes.length && isNode(node)) node.commentBefore = comment(r.notes.map((n) => `TODO ${n}`));
      stepIndex++;
    });
  });
  flowSmallMaps(doc.contents);
  return doc.toString({ lineWidth: 100 });
}
