// "Stampede: New Scenario From…" (a file, or a pasted curl command) and the .http CodeLens "▶ Load
// test this request". The client only asks, reads and writes: the conversion is the importer's
// (dist/importer.js, loaded on first use so the extension starts no slower).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { Commands } from '../common/protocol/lsp';
import type * as Importer from '../engine/import/index';
import type { ImportOptions, ImportResult } from '../engine/import/index';
import { httpLenses, IMPORTABLE_EXTENSIONS, scenarioPathBeside } from './importPlan';

function loadImporter(): typeof Importer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../engine/import/index') as typeof Importer;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Imports, writes the scenario beside the source and opens it beside the current editor. */
async function importAndOpen(
  log: vscode.LogOutputChannel,
  text: string,
  options: ImportOptions,
  besideFile: string,
  suffix?: string,
): Promise<void> {
  const importer = loadImporter();
  let result: ImportResult;
  try {
    result = await importer.importScenario(text, options);
  } catch (e) {
    if (e instanceof importer.ImportError) {
      void vscode.window.showErrorMessage(`Cannot import: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
      return;
    }
    throw e;
  }
  const taken = new Set<string>();
  const candidates = async (p: string): Promise<boolean> =>
    taken.has(p) || (await exists(vscode.Uri.file(p)));
  // scenarioPathBeside asks synchronously: find the free name first.
  let target = scenarioPathBeside(besideFile, () => false, suffix);
  while (await candidates(target)) {
    taken.add(target);
    target = scenarioPathBeside(besideFile, (p) => taken.has(p), suffix);
  }
  const uri = vscode.Uri.file(target);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(result.yaml, 'utf8'));
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
  log.info(`Imported ${options.fileName ?? 'a curl command'} (${result.kind}) into ${target}`);
  for (const n of result.notes) log.warn(`not imported: ${n}`);
  if (result.notes.length)
    void vscode.window.showWarningMessage(
      `${result.notes.length} thing(s) could not be imported; they are TODO comments in the scenario.`,
    );
  if (result.secrets.length)
    void vscode.window.showInformationMessage(
      `Give ${result.secrets.map((s) => s.name).join(', ')} in a .env file beside the scenario (keep it out of git), or in the environment.`,
    );
}

async function fromFile(log: vscode.LogOutputChannel, uri: vscode.Uri): Promise<void> {
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  await importAndOpen(log, text, { fileName: uri.fsPath, filePath: uri.fsPath }, uri.fsPath);
}

async function fromCurl(log: vscode.LogOutputChannel): Promise<void> {
  const clip = await vscode.env.clipboard.readText();
  const text = await vscode.window.showInputBox({
    title: 'New Scenario From a curl Command',
    prompt: 'Paste a curl command (a browser\'s "Copy as cURL" works).',
    value: /^\s*curl\s/.test(clip) ? clip.replace(/\\\r?\n/g, ' ').replace(/\r?\n/g, ' ') : '',
    validateInput: (t) => (/^\s*curl\s/.test(t) ? undefined : 'a curl command starts with `curl`'),
  });
  if (!text) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  await importAndOpen(log, text, { from: 'curl', fileName: 'curl.sh' }, `${folder}/curl-import.sh`);
}

export async function newScenarioFrom(log: vscode.LogOutputChannel, arg?: unknown): Promise<void> {
  if (arg instanceof vscode.Uri) return fromFile(log, arg);
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'From a file…',
        description: 'a HAR, .http file, Postman collection or OpenAPI document',
        file: true,
      },
      { label: 'From a curl command…', description: 'paste it (a browser\'s "Copy as cURL")', file: false },
    ],
    { title: 'New Scenario From…' },
  );
  if (!pick) return;
  if (!pick.file) return fromCurl(log);
  const [uri] =
    (await vscode.window.showOpenDialog({
      title: 'Import requests into a new scenario',
      canSelectMany: false,
      filters: { 'Requests (HAR, .http, Postman, OpenAPI, curl)': IMPORTABLE_EXTENSIONS, 'All files': ['*'] },
    })) ?? [];
  if (uri) await fromFile(log, uri);
}

/** The CodeLens's command: [uri of the .http file, index of the request]. */
export async function loadTestHttpRequest(
  log: vscode.LogOutputChannel,
  arg?: unknown,
  index?: unknown,
): Promise<void> {
  const uri =
    arg instanceof vscode.Uri
      ? arg
      : typeof arg === 'string'
        ? vscode.Uri.parse(arg)
        : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  const at = typeof index === 'number' ? index : 0;
  const lens = httpLenses(doc.getText())[at];
  await importAndOpen(
    log,
    doc.getText(),
    { from: 'http', fileName: uri.fsPath, onlyRequest: at },
    uri.fsPath,
    lens?.label ?? `request-${at + 1}`,
  );
}

/** "▶ Load test this request" above each request of a .http / .rest file. */
export function registerHttpCodeLens(context: vscode.ExtensionContext): void {
  const provider: vscode.CodeLensProvider = {
    provideCodeLenses: (doc) =>
      httpLenses(doc.getText()).map(
        (l) =>
          new vscode.CodeLens(new vscode.Range(l.line, 0, l.line, 0), {
            title: '▶ Load test this request',
            tooltip: `A new Stampede scenario for ${l.label}, beside this file`,
            command: Commands.loadTestHttpRequest,
            arguments: [doc.uri, l.index],
          }),
      ),
  };
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      [{ language: 'http' }, { scheme: 'file', pattern: '**/*.{http,rest}' }],
      provider,
    ),
  );
}
