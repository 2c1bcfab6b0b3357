// Asks the person which earlier run the panel compares with: a quick pick of the JSON results in
// the folders runs wrote to (newest first), read and checked by keptRuns.ts. Returns the run and
// its label, null for "no baseline", undefined when the person cancelled or nothing could be read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunFile } from '../../common/runFile';
import { formatCount, formatPercent, failureRatio } from '../../common/format';
import { listKeptRuns, readKeptRun, type KeptRun } from './keptRuns';

export interface PickedBaseline extends RunFile {
  label: string;
}

/** "Shop checkout, 2026-12-06 21:40" (local time, as the person saw the run start). */
export function baselineLabel(run: { scenario: string; startedAt: number }): string {
  const d = new Date(run.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${run.scenario}, ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export async function pickBaseline(
  folders: readonly string[],
  excludeRunId: string | undefined,
  hasBaseline: boolean,
  log: vscode.LogOutputChannel,
): Promise<PickedBaseline | null | undefined> {
  const runs = (await listKeptRuns(folders)).filter((r) => r.runId !== excludeRunId);
  if (!runs.length) {
    const where = folders.length ? folders.join(', ') : 'no results folder yet';
    void vscode.window.showInformationMessage(
      `No earlier run to compare with (looked in: ${where}). Runs keep a JSON result in the results folder: set "stampede.resultsFolder", or give the scenario an \`output: { json: ... }\`.`,
    );
    return undefined;
  }
  type Item = vscode.QuickPickItem & { run?: KeptRun };
  const items: Item[] = [
    ...(hasBaseline ? [{ label: '$(close) No baseline', description: 'stop comparing' }] : []),
    ...runs.map((run) => ({
      label: baselineLabel(run),
      description: `${formatCount(run.requests)} requests, ${formatPercent(failureRatio(run.requests, run.failures))} failed`,
      detail: vscode.workspace.asRelativePath(run.file) || path.basename(run.file),
      run,
    })),
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Compare with an earlier run',
    placeHolder: 'The run the tables and charts are compared with',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (!pick.run) return null;
  try {
    const run = await readKeptRun(pick.run.file);
    return { ...run, label: baselineLabel(run.snapshot) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`Baseline: ${message}`);
    void vscode.window.showErrorMessage(`Could not read that run: ${message}`);
    return undefined;
  }
}
