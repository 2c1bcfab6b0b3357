// Owns the run in progress (one at a time): the checks before it starts, the engine process, the
// status bar, the `stampede.running` context key, the run state the language server shows in its
// CodeLens, and the message when it ends. The results panel reads from here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Language from '../scenario/index';
import type { HistoryPoint, RunSnapshot } from '../common/snapshot';
import { startRun, type EngineRun, type RunOutcome } from './engineHost';
import { buildRunOptions, describeOptions, type RunChoices } from './runOptions';
import { readSettings } from './settings';
import type { RunStatusBar } from './statusBar';
import { formatFailurePercent } from './statusText';

/** What the results panel shows: the live run, else the last finished one (kept across reloads). */
export interface RunView {
  snapshot: RunSnapshot | null;
  history: HistoryPoint[];
}

export interface RunUpdate {
  snapshot: RunSnapshot;
  point: HistoryPoint;
}

const LAST_RUN_KEY = 'stampede.lastRun';
/** Folders earlier runs wrote their JSON results to, newest first (where the panel finds baselines). */
const RESULT_FOLDERS_KEY = 'stampede.resultFolders';
const REMEMBERED_RESULT_FOLDERS = 10;
const RUNNING_CONTEXT = 'stampede.running';

export class RunController implements vscode.Disposable {
  private current: { engine: EngineRun; uri: vscode.Uri } | undefined;
  private readonly updates = new vscode.EventEmitter<RunUpdate>();
  private readonly started = new vscode.EventEmitter<vscode.Uri>();
  private readonly runningChanged = new vscode.EventEmitter<string[]>();
  /** A snapshot arrived from the live run. */
  readonly onDidUpdate = this.updates.event;
  /** A run started (the panel opens). */
  readonly onDidStart = this.started.event;
  /** The set of running scenario URIs changed (for the language server's CodeLens). */
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: RunStatusBar,
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  get runningUris(): string[] {
    return this.current ? [this.current.uri.toString()] : [];
  }

  view(): RunView {
    if (this.current)
      return { snapshot: this.current.engine.history.latest, history: this.current.engine.history.history };
    return this.context.workspaceState.get<RunView>(LAST_RUN_KEY) ?? { snapshot: null, history: [] };
  }

  /** Folders that may hold earlier runs' JSON results: the results folder setting, then where runs wrote. */
  keptRunFolders(): string[] {
    const configured = (vscode.workspace.workspaceFolders ?? []).map((f) =>
      this.settingPath(f.uri, readSettings(f.uri).resultsFolder),
    );
    const remembered = this.context.workspaceState.get<string[]>(RESULT_FOLDERS_KEY) ?? [];
    return [...new Set([...configured, ...remembered].filter((f): f is string => f !== undefined))];
  }

  async start(uri: vscode.Uri, choices: RunChoices = {}): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage(
        'Stampede does not run scenarios in an untrusted workspace: a run starts processes and sends network traffic. Trust this workspace to run it.',
        manage,
      );
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    if (this.current) {
      const stop = 'Stop It';
      const pick = await vscode.window.showWarningMessage(
        `A run of ${path.basename(this.current.uri.fsPath)} is in progress. Stop it before starting another.`,
        stop,
      );
      if (pick === stop) await this.stop();
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const source = document.getText();
    // Loaded on the first run, not at activation: the language (YAML, the schema) costs ~50 ms to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; esbuild keeps it in the bundle
    const { analyzeScenario } = require('../scenario/index') as typeof Language;
    const errors = analyzeScenario(source, { purpose: 'check' }).diagnostics.filter(
      (d) => d.severity === 'error',
    ).length;
    if (errors > 0) {
      const problems = errors === 1 ? '1 problem' : `${errors} problems`;
      void vscode.window.showErrorMessage(`${path.basename(document.fileName)}: fix ${problems} first.`);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    const settings = readSettings(uri);
    const options = buildRunOptions(
      settings,
      choices,
      this.settingPath(uri, settings.resultsFolder),
      this.settingPath(uri, settings.envFile),
    );
    const file = document.fileName;
    this.log.info(`Run ${file} (${describeOptions(options)})`);
    const engine = startRun(
      { file, source, options },
      {
        cliPath: this.context.asAbsolutePath(path.join('dist', 'cli.js')),
        cwd: uri.scheme === 'file' ? path.dirname(file) : undefined,
      },
      {
        onSnapshot: (snapshot, point) => {
          this.statusBar.update(snapshot);
          this.updates.fire({ snapshot, point });
        },
        onLog: (level, message) => this.log[level](message),
      },
    );
    this.current = { engine, uri };
    this.statusBar.starting(path.basename(file));
    await this.setRunning();
    this.started.fire(uri);
    void engine.done.then((outcome) => this.finish(engine, outcome));
  }

  async stop(): Promise<void> {
    if (!this.current) {
      void vscode.window.showInformationMessage('No Stampede run is in progress.');
      return;
    }
    this.log.info('Stopping the run…');
    await this.current.engine.stop();
  }

  setUsers(users: number): void {
    if (!this.current) return;
    this.log.info(`Users set to ${users}.`);
    this.current.engine.setUsers(users);
  }

  /** For deactivate: ends the engine and its workers; resolves when they are gone. */
  async shutdown(): Promise<void> {
    await this.current?.engine.dispose();
  }

  dispose(): void {
    void this.shutdown();
    this.updates.dispose();
    this.started.dispose();
    this.runningChanged.dispose();
  }

  private async finish(engine: EngineRun, outcome: RunOutcome): Promise<void> {
    if (this.current?.engine !== engine) return;
    this.current = undefined;
    this.statusBar.hide();
    await this.setRunning();
    if (outcome.snapshot)
      await this.context.workspaceState.update(LAST_RUN_KEY, {
        snapshot: outcome.snapshot,
        history: outcome.history,
      } satisfies RunView);
    const ended = `Run ended (exit code ${outcome.exitCode}): ${outcome.message}`;
    if (outcome.exitCode === 0) this.log.info(ended);
    else this.log.error(ended);
    for (const f of outcome.resultFiles) this.log.info(`Result file: ${f}`);
    await this.rememberResultFolders(outcome.resultFiles);
    await this.tellPerson(outcome);
  }

  private async tellPerson(outcome: RunOutcome): Promise<void> {
    const s = outcome.snapshot;
    const summary = s
      ? `${s.total.requests.toLocaleString('en-US')} requests, ${formatFailurePercent(s.total.requests, s.total.failures)} failed`
      : '';
    const open = 'Open Results';
    const showLog = 'Show Log';
    let pick: string | undefined;
    if (outcome.exitCode === 0) {
      pick = await vscode.window.showInformationMessage(
        `Stampede: run finished${summary ? ` (${summary})` : ''}.`,
        open,
      );
    } else if (outcome.exitCode === 1) {
      const failed = s?.thresholds?.filter((t) => !t.ok).map((t) => t.source) ?? [];
      pick = await vscode.window.showWarningMessage(
        `Stampede: thresholds failed${failed.length ? `: ${failed.join(', ')}` : ''}${summary ? ` (${summary})` : ''}.`,
        open,
        showLog,
      );
    } else {
      pick = await vscode.window.showErrorMessage(
        `Stampede: ${firstLine(outcome.message)}`,
        showLog,
        ...(s ? [open] : []),
      );
    }
    if (pick === open) await vscode.commands.executeCommand('stampede.openResults');
    if (pick === showLog) this.log.show(true);
  }

  private async rememberResultFolders(files: readonly string[]): Promise<void> {
    const written = files.filter((f) => f.toLowerCase().endsWith('.json')).map((f) => path.dirname(f));
    if (!written.length) return;
    const known = this.context.workspaceState.get<string[]>(RESULT_FOLDERS_KEY) ?? [];
    const folders = [...new Set([...written, ...known])].slice(0, REMEMBERED_RESULT_FOLDERS);
    await this.context.workspaceState.update(RESULT_FOLDERS_KEY, folders);
  }

  private async setRunning(): Promise<void> {
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, this.running);
    this.runningChanged.fire(this.runningUris);
  }

  /** A path setting (results folder, env file), resolved against the scenario's workspace folder (else its own folder). */
  private settingPath(uri: vscode.Uri, setting: string): string | undefined {
    const folder = setting.trim();
    if (folder === '') return undefined;
    if (path.isAbsolute(folder)) return folder;
    const base = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
    return path.resolve(base, folder);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line || 'the run failed.';
}
