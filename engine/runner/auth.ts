// `auth:` as an Authorization header. Bearer is a template (`Bearer ` + the token's parts), so a
// token from a variable or env keeps the prebuilt-request speed. Basic needs base64 of the
// rendered `user:password`: a literal pair is encoded once, one with holes per request.
import type { Auth, Template } from '../../scenario/model';
import { hasHoles, render, type Scope } from './scope';

export interface AuthHeader {
  /** The header as a template, when it can be one (bearer, or basic without holes). */
  template?: Template;
  /** Otherwise the header computed per request, and the templates it reads. */
  compute?: (scope: Scope) => string;
  templates: Template[];
}

/** The text of a template without holes. */
function textOf(t: Template): string {
  return t.parts.map((p) => (typeof p === 'string' ? p : '')).join('');
}

function literal(text: string): Template {
  return { source: text, parts: [text] };
}

function basicValue(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export function authHeader(auth: Auth): AuthHeader {
  if (auth.kind === 'bearer') {
    const t = auth.token;
    if (!hasHoles(t)) return { template: literal(`Bearer ${textOf(t)}`), templates: [] };
    return { template: { source: `Bearer ${t.source}`, parts: ['Bearer ', ...t.parts] }, templates: [t] };
  }
  const { user, password } = auth;
  if (!hasHoles(user) && !hasHoles(password)) {
    return { template: literal(basicValue(textOf(user), textOf(password))), templates: [] };
  }
  return {
    compute: (scope) => basicValue(render(user, scope), render(password, scope)),
    templates: [user, password],
  };
}
