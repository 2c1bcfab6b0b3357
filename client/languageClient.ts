// Starts the language server (dist/server.js, over IPC) for scenario files, and tells it which
// scenarios are running so its CodeLens offers Stop (RunStateNotification).
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RunStateNotification } from '../common/protocol/lsp';

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'stampede' }],
  };
  const client = new LanguageClient('stampede', 'Stampede Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}

export async function sendRunState(client: LanguageClient | undefined, running: string[]): Promise<void> {
  if (client?.isRunning())
    await client.sendNotification(RunStateNotification.method, {
      running,
    } satisfies RunStateNotification.Params);
}
