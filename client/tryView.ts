// The Try command and its view: runs `stampede try` for a scenario (or one task) in a child
// process (tryRunner.ts) and shows the exchanges in a read-only virtual document, whose header
// line of each exchange links to the request's line in the scenario.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tryDocument, type TryDocument } from '../common/tryText';
import { readSettings } from './settings';
import { runTry } from './tryRunner';

const SCHEME = 'stampede-try';

/** Registers the view's document and links; returns the Try command's handler. */
export function registerTryView(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  scenarioUri: (arg: unknown) => vscode.Uri | undefined,
): (arg?: unknown, user?: unknown, task?: unknown) => Promise<void> {
  const docs = new Map<string, { doc: TryDocument; scenario: vscode.Uri }>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let count = 0;
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => docs.get(uri.toString())?.doc.text ?? '',
    }),
    vscode.languages.registerDocumentLinkProvider(
      { scheme: SCHEME },
      {
        provideDocumentLinks(document) {
          const entry = docs.get(document.uri.toString());
          if (!entry) return [];
          return entry.doc.anchors.map(({ textLine, scenarioLine }) => {
            const line = document.lineAt(Math.min(textLine, document.lineCount - 1));
            const link = new vscode.DocumentLink(
              line.range,
              entry.scenario.with({ fragment: `L${scenarioLine + 1}` }),
            );
            link.tooltip = 'Go to the request in the scenario';
            return link;
          });
        },
      },
    ),
  );
  return async (arg?: unknown, user?: unknown, task?: unknown) => {
    const uri = scenarioUri(arg);
    if (!uri) return;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'Stampede does not try scenarios in an untrusted workspace: a try sends network traffic. Trust this workspace first.',
      );
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    // try reads the file, as `stampede try` does: unsaved changes are saved first.
    if (document.isDirty && !(await document.save())) return;
    const settings = readSettings(uri);
    const base = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    const envFile = settings.envFile.trim() === '' ? undefined : path.resolve(base, settings.envFile.trim());
    const what = typeof task === 'string' ? `task "${task}"` : path.basename(uri.fsPath);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Trying ${what}…`, cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return runTry(
          {
            cliPath: context.asAbsolutePath(path.join('dist', 'cli.js')),
            file: uri.fsPath,
            user: typeof user === 'string' ? user : undefined,
            task: typeof task === 'string' ? task : undefined,
            demoTarget: settings.useDemoTarget || undefined,
            envFile,
            cwd: path.dirname(uri.fsPath),
          },
          abort.signal,
        );
      },
    );
    if (outcome.kind === 'error') {
      if (outcome.message !== 'cancelled') {
        log.error(`Try ${uri.fsPath}: ${outcome.message}`);
        void vscode.window.showErrorMessage(`Try: ${outcome.message.split('\n')[0]}`);
      }
      return;
    }
    const doc = tryDocument(outcome.result);
    const name = `${path.basename(uri.fsPath)}${typeof task === 'string' ? ` · ${task}` : ''} (try ${++count})`;
    const view = vscode.Uri.from({ scheme: SCHEME, path: `/${name}.log` });
    docs.set(view.toString(), { doc, scenario: uri });
    changed.fire(view);
    const shown = await vscode.workspace.openTextDocument(view);
    await vscode.window.showTextDocument(shown, {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
      preserveFocus: true,
    });
    if (outcome.result.unreachable) void vscode.window.showWarningMessage(outcome.result.unreachable);
  };
}
