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
} as const;
