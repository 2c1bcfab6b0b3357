// A run's figures in the scenario itself: an inlay hint at the end of each request line
// (`1.2k req · p95 43.0 ms · 0.30% failed`) and a hover on the line with the full row and the top
// errors. Where the requests are comes from the language server (RequestLinesRequest: the one
// analysis of the document), so an edit moves the figures with their requests, and a request that
// is gone loses them. Figures change at most once a second; a new run clears them, and so does
// the "Clear Inline Results" command. What they say is made by inlineFigures.ts (pure).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RequestLinesRequest } from '../../common/protocol/lsp';
import type { RunSnapshot } from '../../common/snapshot';
import type { RunController } from '../runController';
import { figuresForLines, type LineFigures } from './inlineFigures';

/** At most one refresh of the figures per this many ms. */
const REFRESH_MS = 1_000;
const SELECTOR: vscode.DocumentSelector = { language: 'stampede' };

export class InlineResults implements vscode.Disposable, vscode.InlayHintsProvider, vscode.HoverProvider {
  /** The scenario whose run the figures are from, and the latest snapshot of that run. */
  private shown: { uri: string; snapshot: RunSnapshot | undefined } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private lastRefresh = 0;
  private pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    runs: RunController,
    private readonly languageClient: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.languages.registerInlayHintsProvider(SELECTOR, this),
      vscode.languages.registerHoverProvider(SELECTOR, this),
      runs.onDidStart((uri) => {
        this.shown = { uri: uri.toString(), snapshot: undefined };
        this.refreshNow();
      }),
      runs.onDidUpdate(({ snapshot }) => {
        if (!this.shown) return;
        this.shown.snapshot = snapshot;
        this.scheduleRefresh();
      }),
    );
  }

  /** Removes every figure until the next run (the command Commands.clearInlineResults). */
  clear(): void {
    this.shown = undefined;
    this.refreshNow();
  }

  async provideInlayHints(
    document: vscode.TextDocument,
    range: vscode.Range,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlayHint[]> {
    const figures = await this.figuresFor(document, token);
    return figures
      .filter((f) => f.line >= range.start.line && f.line <= range.end.line && f.line < document.lineCount)
      .map((f) => {
        const hint = new vscode.InlayHint(document.lineAt(f.line).range.end, f.label);
        hint.paddingLeft = true;
        hint.tooltip = markdown(f.hover);
        return hint;
      });
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const figure = (await this.figuresFor(document, token)).find((f) => f.line === position.line);
    return figure ? new vscode.Hover(markdown(figure.hover), document.lineAt(figure.line).range) : undefined;
  }

  dispose(): void {
    clearTimeout(this.pendingRefresh);
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }

  private async figuresFor(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<LineFigures[]> {
    const snapshot = this.shown?.uri === document.uri.toString() ? this.shown.snapshot : undefined;
    if (!snapshot) return [];
    const client = this.languageClient();
    if (!client?.isRunning()) return [];
    try {
      const answer = await client.sendRequest<RequestLinesRequest.Result>(
        RequestLinesRequest.method,
        { uri: document.uri.toString() } satisfies RequestLinesRequest.Params,
        token,
      );
      // An answer for another version would put figures on the wrong lines: VS Code asks again
      // after the edit that made them differ.
      if (!answer || answer.version !== document.version || token.isCancellationRequested) return [];
      return figuresForLines(answer.requests, snapshot);
    } catch (e) {
      if (!token.isCancellationRequested)
        this.log.warn(`Inline results: the language server did not say where the requests are: ${String(e)}`);
      return [];
    }
  }

  private scheduleRefresh(): void {
    if (this.pendingRefresh !== undefined) return;
    const wait = Math.max(0, this.lastRefresh + REFRESH_MS - Date.now());
    this.pendingRefresh = setTimeout(() => this.refreshNow(), wait);
  }

  private refreshNow(): void {
    clearTimeout(this.pendingRefresh);
    this.pendingRefresh = undefined;
    this.lastRefresh = Date.now();
    this.changed.fire();
  }
}

/** Hover text: our own Markdown with the scenario's and the target's text escaped; no commands, no HTML. */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
