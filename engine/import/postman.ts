// Postman collections (v2.0 and v2.1), read through the format's own SDK (postman-collection),
// which normalises the URL, header, body and auth forms. A top-level request is one task; a folder
// is one task whose requests run in order (as the collection runner runs them). Collection
// variables are filled in; `{{name}}` left undefined reads the environment (`{{ env.name }}`), as a
// Postman environment would. Scripts (pre-request, tests) cannot run here and are kept as notes.
import { Collection, ItemGroup } from 'postman-collection';
import type { RequestAuth, Item } from 'postman-collection';
import { bodyFromText, headerValue } from './body';
import { emptyRequest, ImportError } from './model';
import type { ImportedCollection, ImportedRequest, ImportedTask } from './model';
import { envName } from './secrets';

type Vars = Map<string, string>;
type FormField = { key?: string | null; value?: string | null; disabled?: boolean; type?: string };

function resolve(text: string, vars: Vars, notes: string[], depth = 0): string {
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_all, inner: string) => {
    if (inner.startsWith('$')) {
      const literal =
        inner === '$guid' || inner === '$randomUUID'
          ? '00000000-0000-4000-8000-000000000000'
          : inner.startsWith('$random')
            ? '1'
            : '0';
      notes.push(`Postman's {{${inner}}} has no equivalent yet; replaced by the fixed value "${literal}"`);
      return literal;
    }
    const v = vars.get(inner);
    if (v !== undefined) return depth < 10 ? resolve(v, vars, notes, depth + 1) : v;
    return `{{ env.${envName(inner)} }}`;
  });
}

function authHeader(auth: RequestAuth | undefined, req: ImportedRequest, vars: Vars): void {
  if (!auth || !auth.type || auth.type === 'noauth') return;
  const params = auth.parameters();
  const get = (k: string): string => resolve(String(params.get(k) ?? ''), vars, req.notes);
  switch (auth.type) {
    case 'bearer':
      req.headers.push(['Authorization', `Bearer ${get('token')}`]);
      return;
    case 'basic':
      req.headers.push([
        'Authorization',
        `Basic ${Buffer.from(`${get('username')}:${get('password')}`).toString('base64')}`,
      ]);
      return;
    case 'apikey': {
      const key = get('key') || 'api_key';
      if (get('in') === 'query')
        req.url += `${req.url.includes('?') ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(get('value'))}`;
      else req.headers.push([key, get('value')]);
      return;
    }
    default:
      req.notes.push(
        `Postman ${auth.type} auth has no equivalent; add \`auth:\` or an Authorization header yourself`,
      );
  }
}

function toRequest(item: Item, vars: Vars): ImportedRequest {
  const r = item.request;
  const notes: string[] = [];
  const req = emptyRequest(r.method || 'GET', resolve(r.url.toString(), vars, notes));
  req.name = item.name;
  req.notes = notes;
  r.headers.each((h) => {
    if (!h.disabled && h.key) req.headers.push([h.key, resolve(String(h.value ?? ''), vars, notes)]);
  });
  authHeader(item.getAuth(), req, vars);
  const body = r.body;
  if (body && !body.isEmpty()) {
    const type = headerValue(req.headers, 'content-type');
    if (body.mode === 'raw')
      req.body = bodyFromText(
        resolve(body.raw ?? '', vars, notes),
        type ?? (/^\s*[[{]/.test(body.raw ?? '') ? 'application/json' : undefined),
      );
    else if (body.mode === 'urlencoded' || body.mode === 'formdata') {
      const fields: Array<[string, string]> = [];
      const list = body[body.mode] as unknown as { each(cb: (p: FormField) => void): void } | undefined;
      list?.each((p) => {
        if (p.disabled || !p.key) return;
        if (p.type === 'file')
          req.notes.push(
            `the form field ${p.key} uploads a file; add it under multipart as \`${p.key}: { file: PATH }\``,
          );
        else fields.push([p.key, resolve(p.value ?? '', vars, notes)]);
      });
      req.body = { kind: body.mode === 'urlencoded' ? 'form' : 'multipart', fields };
    } else req.notes.push(`a Postman ${body.mode} body has no equivalent; left out`);
  }
  for (const ev of item.events.all()) {
    const script = scriptNote(ev, `"${item.name}"`);
    if (script) req.notes.push(script);
  }
  return req;
}

const SCRIPT_LINES = 30;

/** A script, kept as it was written (up to 30 lines): it cannot run in a scenario. */
function scriptNote(
  ev: { listen?: string; script?: { exec?: string[] } },
  owner: string,
): string | undefined {
  const lines = (ev.script?.exec ?? []).filter((l) => l.trim());
  if (!lines.length) return undefined;
  const shown = lines.slice(0, SCRIPT_LINES).map((l) => `    ${l}`);
  if (lines.length > SCRIPT_LINES) shown.push(`    ... (${lines.length - SCRIPT_LINES} more lines)`);
  return [
    `Postman ${ev.listen ?? ''} script of ${owner}, which cannot run in a scenario (write checks as \`check:\`, values as \`capture:\`):`,
    ...shown,
  ].join('\n');
}

function requestsOf(group: ItemGroup<Item>, vars: Vars, notes: string[]): ImportedRequest[] {
  const out: ImportedRequest[] = [];
  for (const ev of group.events?.all() ?? []) {
    const script = scriptNote(ev, `the folder "${group.name}"`);
    if (script) notes.push(script);
  }
  group.items.each((child: Item | ItemGroup<Item>) => {
    if (ItemGroup.isItemGroup(child)) out.push(...requestsOf(child as ItemGroup<Item>, vars, notes));
    else out.push(toRequest(child as Item, vars));
  });
  return out;
}

export function fromPostman(text: string, name: string): ImportedCollection {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(
      `the Postman collection is not JSON: ${(err as Error).message}`,
      'export it again from Postman (Collection v2.1)',
    );
  }
  const c = new Collection(json as ConstructorParameters<typeof Collection>[0]);
  const vars: Vars = new Map();
  c.variables.each((v) => {
    if (v.key && !v.disabled) vars.set(v.key, String(v.get() ?? ''));
  });
  const collection: ImportedCollection = {
    name: c.name || name,
    tasks: [],
    variables: {},
    notes: [],
    leftOut: [],
  };
  for (const ev of c.events.all()) {
    const script = scriptNote(ev, 'the collection');
    if (script) collection.notes.push(script);
  }
  c.items.each((top: Item | ItemGroup<Item>) => {
    const task: ImportedTask = ItemGroup.isItemGroup(top)
      ? { name: top.name, requests: requestsOf(top as ItemGroup<Item>, vars, collection.notes) }
      : { requests: [toRequest(top as Item, vars)] };
    collection.tasks.push(task);
  });
  return collection;
}
