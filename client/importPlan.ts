// The pure half of the editor's import commands (no vscode, so it is tested outside VS Code): where
// a new scenario goes, and where the .http CodeLenses sit. The conversion itself is the importer's
// (engine/import), the same one `stampede import` runs.
import path from 'node:path';
import { httpFileRequests } from '../engine/import/httpFile';

/** Files the "New Scenario From…" dialog offers. */
export const IMPORTABLE_EXTENSIONS = ['har', 'http', 'rest', 'json', 'yaml', 'yml', 'sh', 'curl', 'txt'];

/**
 * `<folder>/<base>.load.yaml` beside the source, or `<base>-2.load.yaml`, ... when taken.
 * `suffix` names one request of a file (the CodeLens).
 */
export function scenarioPathBeside(source: string, exists: (p: string) => boolean, suffix?: string): string {
  const dir = path.dirname(source);
  const base = path
    .basename(source)
    .replace(/\.(postman_collection\.json|json|ya?ml|har|http|rest|sh|curl|txt)$/i, '');
  const slug = suffix
    ? `${base}-${suffix
        .replace(/[^A-Za-z0-9_-]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}`
    : base;
  let candidate = path.join(dir, `${slug || 'imported'}.load.yaml`);
  for (let i = 2; exists(candidate); i++) candidate = path.join(dir, `${slug || 'imported'}-${i}.load.yaml`);
  return candidate;
}

export interface HttpLens {
  /** 0-based line of the request line. */
  line: number;
  /** Index among the file's requests (the importer's `onlyRequest`). */
  index: number;
  /** The request's name, or its method and URL. */
  label: string;
}

/** One "▶ Load test this request" per request of a .http file. */
export function httpLenses(text: string): HttpLens[] {
  return httpFileRequests(text).map((r, index) => ({
    line: r.line,
    index,
    label: r.name ?? `${r.method} ${r.url}`,
  }));
}
