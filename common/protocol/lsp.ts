// Custom LSP messages shared by the client and the language server (after vscode-eslint's
// customMessages.ts). Method names are the single source of truth for both sides.

/** Client -> server notification: which scenario files are running, so CodeLens can offer Stop. */
// eslint-disable-next-line @typescript-eslint/no-namespace -- namespaces group a method with its types, as vscode-languageserver-node does
export namespace RunStateNotification {
  export const method = 'stampede/runState';
  export interface Params {
    /** URIs of scenario documents with a run in progress. */
    running: string[];
  }
}

/**
 * Client -> server request: where each request of a scenario is, from the language's own analysis
 * (so the extension never parses the file itself). The client shows a run's figures on these
 * lines; `version` is the document version the answer is for (a stale answer is dropped).
 */
// eslint-disable-next-line @typescript-eslint/no-namespace -- as RunStateNotification
export namespace RequestLinesRequest {
  export const method = 'stampede/requestLines';
  export interface Params {
    uri: string;
  }
  export interface RequestLine {
    /** Stats entry name (`name:` or the URL as written) and method (upper case): the entry's key. */
    name: string;
    method: string;
    /** 0-based line of the request's method key (`get: /products`). */
    line: number;
  }
  /** Null when the server does not have the document open. */
  export type Result = { version: number; requests: RequestLine[] } | null;
}

/**
 * Commands the extension contributes (registered by the client). The server's CodeLenses invoke
 * the run commands with [uri]; the client's .http CodeLens invokes loadTestHttpRequest with
 * [uri, request index]; newScenarioFrom takes an optional [uri] (the explorer's file).
 */
export const Commands = {
  run: 'stampede.run',
  runOneWorker: 'stampede.runOneWorker',
  runWithOptions: 'stampede.runWithOptions',
  stop: 'stampede.stop',
  openResults: 'stampede.openResults',
  /** [uri] or [uri, user kind, task]: one iteration with every exchange shown (`stampede try`). */
  tryScenario: 'stampede.try',
  newScenarioFrom: 'stampede.newScenarioFrom',
  loadTestHttpRequest: 'stampede.loadTestHttpRequest',
  clearInlineResults: 'stampede.clearInlineResults',
} as const;
