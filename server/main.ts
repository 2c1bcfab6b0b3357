// Language server entry point: wiring only. Every feature is a pure function in service/; this file
// connects them to LSP, debounces diagnostics, tracks which documents are running (for CodeLens),
// and makes sure no single request or document can take the server down.
// createConnection(ProposedFeatures.all) picks the transport from argv (--stdio, --node-ipc, --socket).
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import type { InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestLinesRequest, RunStateNotification } from '../common/protocol/lsp';
import { createLanguageService } from './service/languageService';
import { DataFileReaders } from './dataFileReader';

const DIAGNOSTICS_DELAY_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const dataFiles = new DataFileReaders();
const service = createLanguageService(undefined, { dataFiles: (uri) => dataFiles.readerFor(uri) });
const pending = new Map<string, ReturnType<typeof setTimeout>>();
let running = new Set<string>();
let canRefreshLenses = false;

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs one feature; a throw is logged and the feature answers `fallback` instead. */
function guarded<A extends unknown[], R>(
  feature: string,
  fallback: R,
  run: (...args: A) => R,
): (...args: A) => R {
  return (...args: A) => {
    try {
      return run(...args);
    } catch (error) {
      connection.console.error(`stampede: ${feature} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

const publishDiagnostics = guarded('diagnostics', undefined, (uri: string) => {
  const document = documents.get(uri);
  if (!document) return;
  const diagnostics = service.diagnostics(document);
  void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
});

function scheduleDiagnostics(uri: string, delay: number): void {
  clearTimeout(pending.get(uri));
  pending.set(
    uri,
    setTimeout(() => {
      pending.delete(uri);
      publishDiagnostics(uri);
    }, delay),
  );
}

connection.onInitialize((params): InitializeResult => {
  canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  dataFiles.setWorkspace(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['{', '[', '"', ',', ':', '=', '-', '.'] },
      hoverProvider: true,
      documentSymbolProvider: true,
      definitionProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'stampede-language-server' },
  };
});

// A newly opened file gets its diagnostics at once; typing is debounced. TextDocuments reports an
// open as a content change too (right after onDidOpen): that one must not add the delay.
const justOpened = new Set<string>();
documents.onDidOpen((e) => {
  justOpened.add(e.document.uri);
  scheduleDiagnostics(e.document.uri, 0);
});
documents.onDidChangeContent((e) => {
  if (justOpened.delete(e.document.uri)) return;
  scheduleDiagnostics(e.document.uri, DIAGNOSTICS_DELAY_MS);
});
documents.onDidClose((e) => {
  justOpened.delete(e.document.uri);
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(
  guarded('completion', null, (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.completion(document, params.position) : null;
  }),
);
connection.onHover(
  guarded('hover', null, (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.hover(document, params.position) : null;
  }),
);
connection.onDocumentSymbol(
  guarded('documentSymbol', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.documentSymbols(document) : [];
  }),
);
connection.onDefinition(
  guarded('definition', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.definition(document, params.position) : [];
  }),
);
connection.onCodeLens(
  guarded('codeLens', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.codeLenses(document, running.has(params.textDocument.uri)) : [];
  }),
);
connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.codeActions(document, params.context.diagnostics) : [];
  }),
);
connection.onRequest(
  RequestLinesRequest.method,
  guarded('requestLines', null, (params: RequestLinesRequest.Params): RequestLinesRequest.Result => {
    const document = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    return document ? { version: document.version, requests: service.requestLines(document) } : null;
  }),
);

connection.onNotification(
  RunStateNotification.method,
  guarded('runState', undefined, (params: RunStateNotification.Params) => {
    running = new Set(
      Array.isArray(params?.running) ? params.running.filter((u) => typeof u === 'string') : [],
    );
    if (canRefreshLenses) {
      connection
        .sendRequest(CodeLensRefreshRequest.type)
        .catch((error: unknown) =>
          connection.console.warn(`stampede: codeLens refresh failed: ${describeError(error)}`),
        );
    }
  }),
);

// Last line of defence: an error escaping a handler (or a timer) is logged, never fatal.
process.on('uncaughtException', (error) =>
  connection.console.error(`stampede: uncaught: ${describeError(error)}`),
);
process.on('unhandledRejection', (error) =>
  connection.console.error(`stampede: unhandled rejection: ${describeError(error)}`),
);

documents.listen(connection);
connection.listen();
