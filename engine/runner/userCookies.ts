// One virtual user's cookies, like a browser session (Locust's HttpSession, k6's and Artillery's
// per-user jars): Set-Cookie from any response is stored, and every later request to a matching
// URL carries them. The rules (domain, path, expiry, Secure, host-only) are tough-cookie's, loaded
// on the first Set-Cookie only: a run whose server sets none never pays for it (7.5 MiB, 17 ms).
// A lookup costs ~4 us, a whole request ~6 us, so the header per URL is cached until the jar
// changes or for one second (cookie expiry has one-second resolution anyway), and a prebuilt
// request with the same cookies reuses its spliced copy.
import type * as Tough from 'tough-cookie';

const CACHE_MS = 1000;
const MAX_CACHED_URLS = 64;

function toughCookie(): typeof Tough {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
  return require('tough-cookie') as typeof Tough;
}

export class UserCookies {
  private jar: Tough.CookieJar | undefined;
  private version = 0;
  private cache: Map<string, { version: number; until: number; header: string }> | undefined;
  private spliced: WeakMap<Buffer, { cookie: string; bytes: Buffer }> | undefined;

  /** Keeps the cookies a response to `url` set. A malformed Set-Cookie is ignored, as browsers do. */
  store(url: string, setCookies: readonly string[]): void {
    const jar = (this.jar ??= new (toughCookie().CookieJar)(undefined, { looseMode: true }));
    for (const c of setCookies) {
      try {
        jar.setCookieSync(c, url, { ignoreError: true });
      } catch {
        // An unparsable URL or cookie: nothing to keep.
      }
    }
    this.version++;
  }

  /** The Cookie header value for a request to `url`, or '' (free while no cookie was ever set). */
  header(url: string): string {
    if (this.jar === undefined) return '';
    const now = Date.now();
    const cache = (this.cache ??= new Map());
    const hit = cache.get(url);
    if (hit !== undefined && hit.version === this.version && hit.until > now) return hit.header;
    let header = '';
    try {
      header = this.jar.getCookieStringSync(url);
    } catch {
      // An URL tough-cookie cannot read: send no cookies.
    }
    if (cache.size >= MAX_CACHED_URLS) cache.clear();
    cache.set(url, { version: this.version, until: now + CACHE_MS, header });
    return header;
  }

  /**
   * The request with this user's cookies for `url` added, when there are any. A prebuilt request
   * with the same cookies as last time reuses its copy (no allocation per request).
   */
  apply(payload: Buffer | string, url: string): Buffer | string {
    const cookie = this.header(url);
    if (cookie === '') return payload;
    if (typeof payload === 'string') return withCookie(payload, cookie);
    const spliced = (this.spliced ??= new WeakMap());
    const memo = spliced.get(payload);
    if (memo !== undefined && memo.cookie === cookie) return memo.bytes;
    const bytes = withCookie(payload, cookie);
    spliced.set(payload, { cookie, bytes });
    return bytes;
  }
}

/** `payload` with a `Cookie` header added at the end of its head. */
export function withCookie(payload: Buffer, cookie: string): Buffer;
export function withCookie(payload: string, cookie: string): string;
export function withCookie(payload: Buffer | string, cookie: string): Buffer | string {
  if (typeof payload === 'string') {
    const end = payload.indexOf('\r\n\r\n');
    return `${payload.slice(0, end + 2)}Cookie: ${cookie}\r\n${payload.slice(end + 2)}`;
  }
  const end = payload.indexOf('\r\n\r\n');
  return Buffer.concat([
    payload.subarray(0, end + 2),
    Buffer.from(`Cookie: ${cookie}\r\n`, 'latin1'),
    payload.subarray(end + 2),
  ]);
}
