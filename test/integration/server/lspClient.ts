// A headless LSP client for the real bundled server (after vuejs/language-tools'
// packages/language-server/tests/server.ts): spawns `node dist/server.js --stdio`, speaks LSP over
// its pipes with vscode-languageserver-protocol, and turns notifications into awaitable events.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeLensRefreshRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BUNDLE = path.resolve(__dirname, '../../../dist/server.js');

type Waiter<T> = {
  accept: (value: T) => boolean;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
};

/** Resolves waiters as events arrive; an event nobody waits for yet is kept for a later waiter. */
class EventQueue<T> {
  private readonly backlog: T[] = [];
  private readonly waiters: Array<Waiter<T>> = [];
  private failure: Error | undefined;

  push(value: T): void {
    const index = this.waiters.findIndex((w) => w.accept(value));
    if (index >= 0) this.waiters.splice(index, 1)[0].resolve(value);
    else this.backlog.push(value);
  }

  next(accept: (value: T) => boolean): Promise<T> {
    const index = this.backlog.findIndex(accept);
    if (index >= 0) return Promise.resolve(this.backlog.splice(index, 1)[0]);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ accept, resolve, reject }));
  }

  /** Rejects every waiter, now and later: the events will never come (the server is gone). */
  fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}

export interface ServerUnderTest {
  connection: ProtocolConnection;
  process: ChildProcess;
  initialize: InitializeResult;
  /** Everything the server logged through window/logMessage. */
  logs: string[];
  /** The next publishDiagnostics for `uri` (at `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  /** The next workspace/codeLens/refresh request from the server. */
  codeLensRefresh(): Promise<void>;
  open(uri: string, text: string, version?: number): void;
  close(uri: string): void;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** `stdio` speaks LSP over the pipes; `ipc` over Node's IPC channel (`--node-ipc`), as VS Code may. */
export async function startServer(transport: 'stdio' | 'ipc' = 'stdio'): Promise<ServerUnderTest> {
  if (!fs.existsSync(SERVER_BUNDLE))
    throw new Error(`${SERVER_BUNDLE} is missing: build it first with \`node esbuild.mjs\``);
  const child =
    transport === 'stdio'
      ? spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, [SERVER_BUNDLE, '--node-ipc'], {
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const connection =
    transport === 'stdio'
      ? createProtocolConnection(
          new StreamMessageReader(child.stdout!),
          new StreamMessageWriter(child.stdin!),
        )
      : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const diagnostics = new EventQueue<PublishDiagnosticsParams>();
  const refreshes = new EventQueue<true>();
  const logs: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => diagnostics.push(params));
  connection.onNotification(LogMessageNotification.type, (params) => {
    logs.push(params.message);
  });
  connection.onRequest(CodeLensRefreshRequest.type, () => {
    refreshes.push(true);
  });
  connection.listen();
  void exited.then((code) => {
    const error = new Error(`the language server exited (code ${code}); stderr:\n${stderr.join('')}`);
    diagnostics.fail(error);
    refreshes.fail(error);
    // Rejects the requests still waiting for an answer, so a test fails instead of hanging.
    connection.dispose();
  });

  const initialize = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { codeLens: { refreshSupport: true } },
      textDocument: {
        completion: {
          completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true },
      },
    },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    process: child,
    initialize,
    logs,
    exited,
    diagnostics: (uri, version) =>
      diagnostics.next((p) => p.uri === uri && (version === undefined || p.version === version)),
    codeLensRefresh: async () => {
      await refreshes.next(() => true);
    },
    open: (uri, text, version = 1) => {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'stampede', version, text },
      });
    },
    close: (uri) => {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    stop: async () => {
      if (child.exitCode === null) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        await exited;
      }
      connection.dispose();
      if (child.exitCode !== 0 && stderr.length) throw new Error(`server stderr:\n${stderr.join('')}`);
    },
  };
}
