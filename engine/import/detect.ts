// Guesses what kind of source a text is, from its content (the file name only breaks ties).
import { parse as parseYaml } from 'yaml';
import { ImportError, type ImportKind } from './model';

const HTTP_REQUEST_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+/m;

/** The text as JSON or YAML data, or undefined. */
export function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch {
      return undefined;
    }
  }
}

export function detectKind(text: string, fileName = ''): ImportKind {
  const t = text.trimStart();
  if (/^curl\s/i.test(t)) return 'curl';
  const data = t.startsWith('{') || /\.(json|ya?ml|har)$/i.test(fileName) ? parseData(t) : undefined;
  if (data !== null && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    const log = d.log as Record<string, unknown> | undefined;
    if (log && Array.isArray(log.entries)) return 'har';
    if ('openapi' in d || 'swagger' in d) return 'openapi';
    const info = d.info as Record<string, unknown> | undefined;
    if (Array.isArray(d.item) && (info === undefined || typeof info === 'object')) return 'postman';
  }
  if (/\.(http|rest)$/i.test(fileName) || HTTP_REQUEST_LINE.test(t) || /^###/m.test(t)) return 'http';
  if (/^openapi:|^swagger:/m.test(t)) return 'openapi';
  throw new ImportError(
    'cannot tell what kind of file this is',
    'give --from curl, http, har, postman or openapi',
  );
}
