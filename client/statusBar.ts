// The status bar item shown while a run is on: users, RPS, failures, elapsed. A click opens results.
import * as vscode from 'vscode';
import { Commands } from '../common/protocol/lsp';
import type { RunSnapshot } from '../common/snapshot';
import { statusText, statusTooltip } from './statusText';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'stampede.run',
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.item.name = 'Stampede Run';
    this.item.command = Commands.openResults;
  }

  starting(scenarioName: string): void {
    this.item.text = `$(loading~spin) Stampede: starting ${scenarioName}…`;
    this.item.tooltip = 'Starting the engine and its workers. Click to open the results.';
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  update(snapshot: RunSnapshot): void {
    this.item.text = statusText(snapshot);
    this.item.tooltip = statusTooltip(snapshot);
    this.item.backgroundColor = snapshot.generator.saturated
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.item.show();
  }

  hide(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
