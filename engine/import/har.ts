// HAR files (a browser's network tab, "Save all as HAR"; Playwright's recordHar): the requests of
// one recorded journey, in the order they started, as one task. The pause between the end of one
// request and the start of the next becomes a `think:` step; static assets (images, fonts, CSS,
// scripts) are left out unless asked for; cookies the recorded responses set are left to the
// engine's cookie jar; values later requests reuse from earlier JSON responses become captures.
import type { Entry, Har } from 'har-format';
import { bodyFromText, headerValue } from './body';
import { correlate } from './correlate';
import { emptyRequest, ImportError } from './model';
import type { ImportedCollection, ImportedRequest } from './model';

const ASSET_TYPES = new Set(['image', 'font', 'stylesheet', 'script', 'media', 'manifest', 'texttrack']);
const ASSET_MIME =
  /^(image\/|font\/|audio\/|video\/|text\/css|(application|text)\/(x-)?javascript|application\/(font|x-font)|application\/manifest\+json)/i;
const ASSET_PATH =
  /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|woff2?|ttf|otf|eot|css|m?js|map|mp4|webm|mp3|wav)$/i;

function isAsset(e: Entry): boolean {
  const type = (e as Entry & { _resourceType?: string })._resourceType;
  if (type !== undefined && ASSET_TYPES.has(type)) return true;
  if (ASSET_MIME.test(e.response?.content?.mimeType ?? '')) return true;
  try {
    return ASSET_PATH.test(new URL(e.request.url).pathname);
  } catch {
    return false;
  }
}

function responseJson(e: Entry): unknown {
  const c = e.response?.content;
  if (!c?.text || !/json/i.test(c.mimeType ?? '')) return undefined;
  try {
    return JSON.parse(c.encoding === 'base64' ? Buffer.from(c.text, 'base64').toString('utf8') : c.text);
  } catch {
    return undefined;
  }
}

/** Cookie names that earlier responses set: the engine's jar sends those by itself. */
function setCookieNames(e: Entry): string[] {
  const fromHeaders = (e.response?.headers ?? [])
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .flatMap((h) => h.value.split('\n'))
    .map((v) => v.split('=')[0].trim());
  return [...fromHeaders, ...(e.response?.cookies ?? []).map((c) => c.name)];
}

function toRequest(e: Entry, jarCookies: Set<string>, leftOut: Set<string>): ImportedRequest {
  const req = emptyRequest(e.request.method, e.request.url);
  for (const h of Array.isArray(e.request.headers) ? e.request.headers : []) {
    if (h.name.toLowerCase() !== 'cookie') {
      req.headers.push([h.name, h.value]);
      continue;
    }
    const kept = h.value
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c && !jarCookies.has(c.split('=')[0].trim()));
    if (kept.length < h.value.split(';').filter((c) => c.trim()).length)
      leftOut.add('cookies that recorded responses set (each virtual user keeps its own)');
    if (kept.length) req.headers.push(['Cookie', kept.join('; ')]);
  }
  const post = e.request.postData;
  if (post) {
    const type = headerValue(req.headers, 'content-type') ?? post.mimeType;
    if (post.text !== undefined) req.body = bodyFromText(post.text, type);
    else if (post.params?.length) {
      if (post.params.some((p) => p.fileName !== undefined))
        req.notes.push(
          `the recorded upload's files are not in the HAR; add them under multipart as \`name: { file: PATH }\``,
        );
      req.body = {
        kind: /multipart/i.test(type ?? '') ? 'multipart' : 'form',
        fields: post.params.filter((p) => p.fileName === undefined).map((p) => [p.name, p.value ?? '']),
      };
    }
  }
  if (e.response?.status >= 100) req.expectStatus = [e.response.status];
  const json = responseJson(e);
  req.response = { json, headers: (e.response?.headers ?? []).map((h) => [h.name, h.value]) };
  return req;
}

export function fromHar(text: string, name: string, assets: boolean): ImportedCollection {
  let har: Har;
  try {
    har = JSON.parse(text) as Har;
  } catch (err) {
    throw new ImportError(
      `the HAR file is not JSON: ${(err as Error).message}`,
      'save it again from the browser ("Save all as HAR")',
    );
  }
  const entries = har?.log?.entries;
  if (!Array.isArray(entries))
    throw new ImportError(
      'the HAR file has no log.entries',
      'save it again from the browser ("Save all as HAR")',
    );
  const collection: ImportedCollection = {
    name: har.log.pages?.[0]?.title || name,
    tasks: [],
    variables: {},
    notes: [],
    leftOut: [],
  };
  const leftOut = new Set<string>();
  const valid = entries.filter(
    (e: unknown): e is Entry =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as Entry).request?.url === 'string' &&
      typeof (e as Entry).request.method === 'string',
  );
  if (valid.length < entries.length)
    collection.notes.push(
      `${entries.length - valid.length} HAR entries without a request method and URL; left out`,
    );
  const sorted = [...valid].sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  const jar = new Set<string>();
  const requests: ImportedRequest[] = [];
  let assetsLeft = 0;
  let lastEnd: number | undefined;
  for (const e of sorted) {
    const url = e.request?.url ?? '';
    // The pause before this request: since every earlier request (assets too) had ended.
    const start = Date.parse(e.startedDateTime);
    const pause = lastEnd !== undefined && start - lastEnd > 0 ? start - lastEnd : 0;
    lastEnd = Math.max(lastEnd ?? 0, start + Math.max(0, e.time ?? 0));
    if (!/^https?:\/\//i.test(url)) {
      if (!/^(data|blob|chrome-extension):/i.test(url))
        collection.notes.push(`${e.request?.method ?? '?'} ${url}: not HTTP(S); left out`);
      continue;
    }
    if (!assets && isAsset(e)) {
      assetsLeft++;
      continue;
    }
    if (!e.response || e.response.status === 0) {
      collection.notes.push(
        `${e.request.method} ${url}: the browser recorded no response (blocked or cancelled); left out`,
      );
      continue;
    }
    const req = toRequest(e, jar, leftOut);
    if (pause > 0) req.thinkBeforeMs = pause;
    for (const c of setCookieNames(e)) jar.add(c);
    requests.push(req);
  }
  if (assetsLeft)
    leftOut.add(
      `${assetsLeft} static asset request${assetsLeft === 1 ? '' : 's'} (images, fonts, CSS, scripts; --assets keeps them)`,
    );
  correlate(requests);
  collection.tasks.push({ name: 'recorded journey', requests });
  collection.leftOut.push(...leftOut);
  return collection;
}
