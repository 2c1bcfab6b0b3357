// What every importer produces before it becomes a scenario: requests as the source wrote them
// (absolute URLs, literal headers and bodies), grouped into tasks, plus what could not be imported.
// One writer (scenarioWriter.ts) turns this into YAML, so the five formats share target, defaults,
// secrets, names and comments.

export type ImportKind = 'curl' | 'http' | 'har' | 'postman' | 'openapi';
export const IMPORT_KINDS: readonly ImportKind[] = ['curl', 'http', 'har', 'postman', 'openapi'];

export type ImportedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: Array<[string, string]> }
  | { kind: 'multipart'; fields: Array<[string, string]> }
  | { kind: 'text'; text: string };

/** A value to keep from a response for later requests (`capture:`), e.g. `{ as: 'cart_id', from: 'json.id' }`. */
export interface ImportedCapture {
  as: string;
  from: string;
}

export interface ImportedRequest {
  /** A name the source gave (`# @name`, a Postman item, an operationId); else one is made up. */
  name?: string;
  method: string;
  /** An absolute URL, or a path when the source has no origin (an OpenAPI relative server). */
  url: string;
  headers: Array<[string, string]>;
  body?: ImportedBody;
  /** Things in the source this request could not carry; written as comments above it. */
  notes: string[];
  /** A recorded pause before this request (HAR), in ms. */
  thinkBeforeMs?: number;
  /** Accepted statuses (the recorded one, or an operation's documented successes). */
  expectStatus?: number[];
  captures?: ImportedCapture[];
  /** The recorded response (HAR), for finding values later requests reuse. */
  response?: { json?: unknown; headers: Array<[string, string]> };
}

export interface ImportedTask {
  name?: string;
  requests: ImportedRequest[];
}

export interface ImportedCollection {
  name: string;
  tasks: ImportedTask[];
  /** `variables:` (OpenAPI path parameters, Postman collection variables). */
  variables: Record<string, string | number | boolean>;
  /** Things of the whole source that could not be imported; comments at the top and stderr. */
  notes: string[];
  /** What was left out on purpose (static assets, browser-only headers); one comment at the top. */
  leftOut: string[];
  /** A self-signed HTTPS server was accepted (`curl -k`). */
  insecure?: boolean;
}

/** What `importScenario` returns: the scenario text and the notes also printed on stderr. */
export interface ImportResult {
  kind: ImportKind;
  yaml: string;
  notes: string[];
  /** `{{ env.NAME }}` secrets the scenario needs, with where each came from. */
  secrets: Array<{ name: string; from: string }>;
}

/** A person's input that cannot be imported at all (exit 2): what, and how to fix it. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const emptyRequest = (method: string, url: string): ImportedRequest => ({
  method: method.toUpperCase(),
  url,
  headers: [],
  notes: [],
});
