// Host side of the results panel (protocol: common/protocol/webview.ts). The webview renders and
// computes nothing: it gets `hydrate` (snapshot + history) whenever it says `ready` (opened,
// shown again after being hidden, restored after a reload) and small `update`s while visible.
// Hidden panels get nothing: without retainContextWhenHidden their page is gone, and the next
// `ready` hydrates them from the run's history.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { compareRuns, type RunComparison } from '../../common/baseline';
import type { RunSnapshot } from '../../common/snapshot';
import type { FromWebview, ToWebview } from '../../common/protocol/webview';
import { asFromWebview } from '../../common/protocol/webview';
import type { RunController } from '../runController';
import { pickBaseline, type PickedBaseline } from './baselinePicker';
import { entriesToCsv, exportFileName, runToJson } from './exportRun';
import { panelHtml } from './panelHtml';

export const RESULTS_VIEW_TYPE = 'stampede.results';

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The run whose data the page holds; a snapshot of another run triggers a hydrate. */
  private shownRunId: string | undefined;
  /** The earlier run the panel compares with, if the person picked one. */
  private baseline: PickedBaseline | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly runs: RunController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          if (this.panel) panel.dispose();
          else this.adopt(panel);
        },
      }),
      runs.onDidUpdate(({ snapshot, point }) => {
        if (!this.panel?.visible) return;
        if (snapshot.runId !== this.shownRunId) this.hydrate();
        else this.post({ kind: 'update', snapshot, point, ...this.comparison(snapshot) });
      }),
      runs.onDidStart(() => this.show(true)),
    );
  }

  /** Opens the panel (beside the editor) or brings it forward. */
  show(preserveFocus: boolean): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      'Stampede Results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.adopt(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.shownRunId = undefined;
    panel.webview.options = this.webviewOptions();
    const scriptUri = panel.webview.asWebviewUri(
      vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview.js'),
    );
    try {
      panel.webview.html = panelHtml({
        scriptUri: scriptUri.toString(),
        cspSource: panel.webview.cspSource,
        nonce: nonce(),
        title: 'Stampede Results',
      });
    } catch (e) {
      // A page that cannot be built must not leave a blank or broken tab: say what went wrong.
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Results panel: could not build the page: ${message}`);
      panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>The results panel could not be shown: ${escapeHtml(message)}. See the "Stampede" output channel.</p></body></html>`;
    }
    const received = panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m));
    panel.onDidDispose(() => {
      received.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const m: FromWebview | undefined = asFromWebview(raw);
    if (m === undefined) {
      this.log.warn(`Results panel: ignored an unknown message ${JSON.stringify(raw).slice(0, 200)}`);
      return;
    }
    switch (m.kind) {
      case 'ready':
        this.hydrate();
        return;
      case 'stop':
        await this.runs.stop();
        return;
      case 'setUsers':
        if (Number.isInteger(m.users) && m.users >= 0) this.runs.setUsers(m.users);
        else this.log.warn(`Results panel: ignored setUsers(${String(m.users)}), not a whole number.`);
        return;
      case 'export':
        await this.export(m.format);
        return;
      case 'chooseBaseline':
        await this.chooseBaseline();
        return;
      case 'clearBaseline':
        this.setBaseline(undefined);
        return;
    }
  }

  private async chooseBaseline(): Promise<void> {
    const current = this.runs.view().snapshot;
    const picked = await pickBaseline(
      this.runs.keptRunFolders(),
      current?.runId,
      this.baseline !== undefined,
      this.log,
    );
    if (picked === undefined) return;
    this.setBaseline(picked ?? undefined);
  }

  private setBaseline(baseline: PickedBaseline | undefined): void {
    this.baseline = baseline;
    if (baseline) this.log.info(`Results panel: comparing with ${baseline.label}.`);
    const snapshot = this.runs.view().snapshot;
    this.post({
      kind: 'baseline',
      baseline: baseline ? { label: baseline.label, history: baseline.history } : null,
      ...this.comparison(snapshot),
    });
  }

  /** The `comparison` field of a message: present only while a baseline is picked and there is a snapshot. */
  private comparison(snapshot: RunSnapshot | null): { comparison?: RunComparison } {
    return this.baseline && snapshot ? { comparison: compareRuns(snapshot, this.baseline.snapshot) } : {};
  }

  private hydrate(): void {
    const { snapshot, history } = this.runs.view();
    this.shownRunId = snapshot?.runId;
    if (snapshot && this.panel) this.panel.title = `Stampede: ${snapshot.scenario}`;
    this.post({ kind: 'hydrate', snapshot, history, ...this.comparison(snapshot) });
    if (this.baseline) this.setBaseline(this.baseline);
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private async export(format: 'json' | 'csv'): Promise<void> {
    const { snapshot, history } = this.runs.view();
    if (!snapshot) {
      void vscode.window.showInformationMessage('There is no run to export yet.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportFileName(snapshot, format);
    const target = await vscode.window.showSaveDialog({
      title: `Export the run as ${format.toUpperCase()}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (!target) return;
    const text = format === 'json' ? runToJson({ snapshot, history }) : entriesToCsv(snapshot);
    try {
      await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
      this.log.info(`Exported the run to ${target.fsPath}`);
      void vscode.window.showInformationMessage(
        `Exported the run to ${vscode.workspace.asRelativePath(target)}.`,
      );
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Export to ${target.fsPath} failed: ${message}`);
      void vscode.window.showErrorMessage(`Could not export the run: ${message}`);
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fresh nonce for the page's CSP: 32 random base64url characters. */
function nonce(): string {
  return randomBytes(24).toString('base64url');
}
