// The demo target's form and upload endpoints (for examples/upload.load.yaml): a form login that
// answers a bearer token, an endpoint that needs it, an upload that parses what it got and says
// so (400 when the body is not what its Content-Type claims), basic auth, and a logout.
// Bodies are parsed by the runtime's own Fetch implementation (undici's Response.formData()),
// the same parser browsers' servers-side peers use, so a malformed body is refused, not guessed.
import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';

export type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

const MAX_SESSIONS = 100_000;

async function formData(req: http.IncomingMessage, raw: Buffer): Promise<FormData | string> {
  const type = req.headers['content-type'] ?? '';
  try {
    return await new Response(raw, { headers: { 'content-type': type } }).formData();
  } catch (err) {
    return `the body is not a valid ${type.split(';')[0] || 'form'}: ${(err as Error).message}`;
  }
}

function bearer(req: http.IncomingMessage): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
}

/** Handles the route when it is one of these; returns false otherwise. */
export function formRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  raw: Buffer,
  sessions: Map<string, string>,
  send: Send,
): boolean {
  const path = new URL(req.url ?? '/', 'http://demo').pathname;
  const method = req.method ?? 'GET';
  const signedIn = (): string | undefined => {
    const token = bearer(req);
    return token === undefined ? undefined : sessions.get(token);
  };
  if (path === '/form/login' && method === 'POST') {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      send(res, 415, { error: 'send the login as a form (application/x-www-form-urlencoded)' });
      return true;
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    const user = form.get('user');
    if (!user || !form.get('password')) {
      send(res, 400, { error: 'the form needs user and password' });
      return true;
    }
    const token = `f-${randomUUID()}`;
    if (sessions.size > MAX_SESSIONS) sessions.clear();
    sessions.set(token, user);
    send(res, 200, { token, user, remember: form.get('remember') === 'true' });
    return true;
  }
  if (path === '/me' && method === 'GET') {
    const user = signedIn();
    send(
      res,
      user ? 200 : 401,
      user ? { user } : { error: 'send Authorization: Bearer <token from /form/login>' },
    );
    return true;
  }
  if (path === '/logout' && method === 'POST') {
    const token = bearer(req);
    const known = token !== undefined && sessions.delete(token);
    send(res, known ? 200 : 401, known ? { signedOut: true } : { error: 'not signed in' });
    return true;
  }
  if (path === '/basic' && method === 'GET') {
    const pair = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user, password] = Buffer.from(pair ?? '', 'base64')
      .toString('utf8')
      .split(':');
    send(
      res,
      user && password ? 200 : 401,
      user && password ? { user } : { error: 'send HTTP Basic credentials' },
    );
    return true;
  }
  if (path === '/upload' && method === 'POST') {
    if (!signedIn()) {
      send(res, 401, { error: 'sign in first: Authorization: Bearer <token from /form/login>' });
      return true;
    }
    void formData(req, raw).then(async (form) => {
      if (typeof form === 'string') return send(res, 400, { error: form });
      const fields: Record<string, string> = {};
      const files: Array<{ field: string; filename: string; type: string; size: number; sha256: string }> =
        [];
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') fields[field] = value;
        else {
          const bytes = Buffer.from(await value.arrayBuffer());
          const sha256 = createHash('sha256').update(bytes).digest('hex');
          files.push({ field, filename: value.name, type: value.type, size: bytes.length, sha256 });
        }
      }
      send(
        res,
        files.length ? 201 : 400,
        files.length ? { fields, files } : { error: 'no file in the upload', fields },
      );
    });
    return true;
  }
  return false;
}
