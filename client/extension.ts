// Extension entry point: wiring only. Commands and the results panel are registered first, so a
// language server that fails to start still leaves runs working; every activation failure is shown
// to the person and logged in the "Stampede" output channel (after rust-analyzer's main.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { InlineResults } from './inline/inlineResults';
import { sendRunState, startLanguageClient } from './languageClient';
import { ResultsPanel } from './panel/resultsPanel';
import { RunController } from './runController';
import { RunStatusBar } from './statusBar';

let runs: RunController | undefined;
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Stampede', { log: true });
  context.subscriptions.push(log);
  try {
    const statusBar = new RunStatusBar();
    runs = new RunController(context, log, statusBar);
    const panel = new ResultsPanel(context, runs, log);
    const inline = new InlineResults(runs, () => client, log);
    context.subscriptions.push(statusBar, runs, panel, inline);
    registerCommands(context, runs, panel, inline, log);
    context.subscriptions.push(
      runs.onDidChangeRunning(
        (running) =>
          void sendRunState(client, running).catch((e) => logError(log, 'Could not send the run state', e)),
      ),
    );
    await vscode.commands.executeCommand('setContext', 'stampede.running', false);
  } catch (e) {
    reportActivationError(log, 'Stampede could not activate', e);
    throw e;
  }
  try {
    client = await startLanguageClient(context);
    // A run may have started while the server was starting: tell it, so its CodeLens is right.
    if (runs?.running) await sendRunState(client, runs.runningUris);
  } catch (e) {
    // Editing support is gone, but runs still work: say so instead of failing the whole extension.
    reportActivationError(
      log,
      'The Stampede language server did not start (no diagnostics or completion; runs still work)',
      e,
    );
  }
}

export async function deactivate(): Promise<void> {
  // End the run's processes first: deactivate has a few seconds at most.
  await Promise.allSettled([runs?.shutdown(), client?.stop()]);
}

function reportActivationError(log: vscode.LogOutputChannel, what: string, e: unknown): void {
  logError(log, what, e);
  const showLog = 'Show Log';
  void vscode.window
    .showErrorMessage(`${what}: ${e instanceof Error ? e.message : String(e)}`, showLog)
    .then((pick) => {
      if (pick === showLog) log.show();
    });
}

function logError(log: vscode.LogOutputChannel, what: string, e: unknown): void {
  log.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}
