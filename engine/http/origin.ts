// Where requests go: scheme, host and port of a base URL, resolved once. Paths are joined to it
// per request; an absolute URL in a step names its own origin.

export interface Origin {
  protocol: 'http:' | 'https:';
  /** Host name or IP literal without brackets, as net/tls connect wants it. */
  hostname: string;
  port: number;
  /** The Host header value (brackets kept for IPv6, port only when not the default). */
  hostHeader: string;
  /** Path prefix of the base URL without a trailing slash ('' for '/'). */
  basePath: string;
  /** `protocol//host:port`, a key for connection reuse. */
  key: string;
}

/** Parses a base URL. Throws an Error with a person-readable message when the URL is unusable. */
export function parseOrigin(url: string): Origin {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid target URL "${url}": write it like http://127.0.0.1:8080`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`unsupported protocol "${u.protocol}" in "${url}": only http: and https: are supported`);
  }
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  const basePath = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  return {
    protocol: u.protocol,
    hostname,
    port,
    hostHeader: u.host,
    basePath,
    key: `${u.protocol}//${u.host}`,
  };
}

/** True when a URL (template output) names its own origin rather than a path under the target. */
export function isAbsoluteUrl(s: string): boolean {
  return s.startsWith('http://') || s.startsWith('https://');
}

/**
 * Splits an absolute URL into its origin part and its path (with query), without allocating a URL
 * object when the origin is already known: `http://h:1/a?b` gives ['http://h:1', '/a?b'].
 */
export function splitAbsoluteUrl(s: string): [string, string] {
  const from = s.indexOf('//') + 2;
  let slash = s.length;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */) {
      slash = i;
      break;
    }
  }
  const path = slash === s.length ? '/' : s.charCodeAt(slash) === 63 ? '/' + s.slice(slash) : s.slice(slash);
  return [s.slice(0, slash), path];
}
