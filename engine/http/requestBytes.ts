// Serialises HTTP/1.1 requests. A request whose method, path, headers and body never change is
// serialised once into a Buffer and written as is for every iteration; one with template holes is
// built as a string per request (still a single write).

export interface RequestParts {
  method: string;
  /** Path with query, already percent-encoded where needed. */
  path: string;
  /** The Host header value, unless `headers` holds a Host header (any case) of its own. */
  hostHeader: string;
  /** Header name/value pairs in the order they should be sent (names as written; no duplicates). */
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
}

/** The request as text. Content-Length is added when there is a body (counted in UTF-8 bytes). */
export function requestText(p: RequestParts): string {
  return `${p.method} ${p.path} HTTP/1.1\r\n${requestTail(p)}`;
}

/**
 * Everything after the request line (Host, headers, body). A request whose only hole is in its
 * URL builds this once and prepends the request line per request.
 */
export function requestTail(p: Omit<RequestParts, 'path'>): string {
  // A Host header the scenario sets replaces the target's (two Host headers get a 400, RFC 9112 3.2).
  let head = hasHostHeader(p.headers) ? '' : `Host: ${p.hostHeader}\r\n`;
  let hasUserAgent = false;
  for (const [name, value] of p.headers) {
    head += `${name}: ${value}\r\n`;
    if (name.length === 10 && name.toLowerCase() === 'user-agent') hasUserAgent = true;
  }
  if (!hasUserAgent) head += 'User-Agent: stampede\r\n';
  if (p.body !== undefined) head += `Content-Length: ${Buffer.byteLength(p.body)}\r\n\r\n${p.body}`;
  else if (p.method === 'POST' || p.method === 'PUT' || p.method === 'PATCH')
    head += 'Content-Length: 0\r\n\r\n';
  else head += '\r\n';
  return head;
}

function hasHostHeader(headers: RequestParts['headers']): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i][0];
    if (name.length === 4 && name.toLowerCase() === 'host') return true;
  }
  return false;
}

/** The request serialised once, for requests without template holes. */
export function requestBuffer(p: RequestParts): Buffer {
  return Buffer.from(requestText(p), 'utf8');
}

/**
 * Makes a rendered path safe to put on the request line: characters that would break the line
 * (controls, spaces, non-ASCII) are percent-encoded; everything else is left as written.
 */
export function safePath(path: string): string {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c <= 32 || c >= 127) return encodeURI(decodeSafe(path));
  }
  return path;
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
