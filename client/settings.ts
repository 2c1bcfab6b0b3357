// Reads the `stampede.*` settings (package.json `contributes.configuration`) into typed values.
import * as vscode from 'vscode';
import type { StampedeSettings } from './runOptions';

export function readSettings(scope?: vscode.Uri): StampedeSettings {
  const c = vscode.workspace.getConfiguration('stampede', scope);
  const workers = c.get<number | null>('workers', null);
  return {
    workers: typeof workers === 'number' && Number.isInteger(workers) && workers >= 0 ? workers : null,
    bindAddress: c.get<string>('bindAddress', 'tcp://127.0.0.1:0'),
    heartbeatMs: c.get<number>('heartbeatMs', 1000),
    resultsFolder: c.get<string>('resultsFolder', ''),
    useDemoTarget: c.get<boolean>('useDemoTarget', false),
    envFile: c.get<string>('envFile', ''),
  };
}
