// The commands of package.json `contributes.commands`. They are invoked from the palette (no
// argument: the active editor), the editor title and explorer menus (a Uri) and the language
// server's CodeLens (a URI string), so the target scenario is resolved from any of those.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { Commands } from '../common/protocol/lsp';
import type { RunController } from './runController';
import { parseDuration, parseUsers, validationMessage, type RunChoices } from './runOptions';
import type { ResultsPanel } from './panel/resultsPanel';
import type { InlineResults } from './inline/inlineResults';
import { loadTestHttpRequest, newScenarioFrom, registerHttpCodeLens } from './importCommands';
import { registerTryView } from './tryView';

const LAST_CHOICES_KEY = 'stampede.lastRunChoices';

export function registerCommands(
  context: vscode.ExtensionContext,
  runs: RunController,
  panel: ResultsPanel,
  inline: InlineResults,
  log: vscode.LogOutputChannel,
): void {
  const run = (choices: RunChoices) => async (arg?: unknown) => {
    const uri = scenarioUri(arg);
    if (uri) await runs.start(uri, choices);
  };
  const tryScenario = registerTryView(context, log, scenarioUri);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.run, run({})),
    vscode.commands.registerCommand(Commands.tryScenario, tryScenario),
    vscode.commands.registerCommand(Commands.runOneWorker, run({ workers: 1 })),
    vscode.commands.registerCommand(Commands.runWithOptions, async (arg?: unknown) => {
      const uri = scenarioUri(arg);
      if (!uri) return;
      const choices = await askRunChoices(context.workspaceState.get<RunChoices>(LAST_CHOICES_KEY) ?? {});
      if (!choices) return;
      await context.workspaceState.update(LAST_CHOICES_KEY, choices);
      await runs.start(uri, choices);
    }),
    vscode.commands.registerCommand(Commands.stop, () => runs.stop()),
    vscode.commands.registerCommand(Commands.openResults, () => panel.show(false)),
    vscode.commands.registerCommand(Commands.clearInlineResults, () => inline.clear()),
    vscode.commands.registerCommand(Commands.newScenarioFrom, (arg?: unknown) => newScenarioFrom(log, arg)),
    vscode.commands.registerCommand(Commands.loadTestHttpRequest, (arg?: unknown, index?: unknown) =>
      loadTestHttpRequest(log, arg, index),
    ),
  );
  registerHttpCodeLens(context);
}

/** The scenario a command is about: its argument (Uri or URI string), else the active scenario editor. */
export function scenarioUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'stampede') return doc.uri;
  void vscode.window.showInformationMessage('Open a scenario file (*.load.yaml) to run it.');
  return undefined;
}

/** Users, duration, workers and target, one step each; Escape at any step cancels the run. */
async function askRunChoices(last: RunChoices): Promise<RunChoices | undefined> {
  const users = await vscode.window.showInputBox({
    title: 'Run Scenario With Options (1/4): users',
    prompt: "Virtual users for the whole run. Empty keeps the scenario's load.",
    placeHolder: "the scenario's load",
    value: last.users?.toString() ?? '',
    validateInput: (t) => validationMessage(parseUsers(t)),
  });
  if (users === undefined) return undefined;
  const duration = await vscode.window.showInputBox({
    title: 'Run Scenario With Options (2/4): duration',
    prompt: "How long the run lasts: 30s, 2m, 1h, 1m30s. Empty keeps the scenario's duration.",
    placeHolder: "the scenario's duration",
    value: last.durationMs !== undefined ? `${last.durationMs / 1000}s` : '',
    validateInput: (t) => validationMessage(parseDuration(t)),
  });
  if (duration === undefined) return undefined;
  const workers = await pickWorkers(last.workers);
  if (workers === undefined) return undefined;
  const target = await vscode.window.showQuickPick(
    [
      { label: "The scenario's target", demo: false },
      {
        label: 'The embedded demo target',
        description: 'a local HTTP server started with the run',
        demo: true,
      },
    ],
    { title: 'Run Scenario With Options (4/4): target', placeHolder: 'Where the load goes' },
  );
  if (target === undefined) return undefined;
  const parsedUsers = parseUsers(users);
  const parsedDuration = parseDuration(duration);
  return {
    users: parsedUsers.ok ? parsedUsers.value : undefined,
    durationMs: parsedDuration.ok ? parsedDuration.value : undefined,
    workers: workers === 'auto' ? undefined : workers,
    demoTarget: target.demo || undefined,
  };
}

async function pickWorkers(last: number | undefined): Promise<number | 'auto' | undefined> {
  const cores = os.cpus().length;
  const counts = [...new Set([1, 2, 4, cores])].sort((a, b) => a - b);
  const items: (vscode.QuickPickItem & { value: number | 'auto' })[] = [
    { label: 'auto', description: "the scenario's workers, else one per CPU core", value: 'auto' },
    { label: '0', description: 'in the engine process (no worker processes)', value: 0 },
    ...counts.map((n) => ({
      label: String(n),
      description: n === cores ? 'one per CPU core' : undefined,
      value: n,
    })),
  ];
  const pick = await vscode.window.showQuickPick(
    items.map((i) => ({ ...i, picked: i.value === (last ?? 'auto') })),
    {
      title: 'Run Scenario With Options (3/4): local workers',
      placeHolder: 'Worker processes on this machine',
    },
  );
  return pick?.value;
}
