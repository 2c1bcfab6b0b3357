// client/runController.ts with `vscode` faked at its thinnest edge (fakeVscode.ts) and the engine
// faked by test/fixtures/client/fakeEngine.cjs: the checks before a run, one run at a time, the
// context key and run state while it runs, and what is kept and said when it ends.
import './useFakeVscode';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { after, beforeEach, test } from 'node:test';
import type * as vscode from 'vscode';
import { RunController } from '../../../client/runController';
import type { RunStatusBar } from '../../../client/statusBar';
import * as fake from './fakeVscode';

const fakeEngine = path.resolve(__dirname, '../../fixtures/client/fakeEngine.cjs');
const good =
  'name: ok\ntarget: http://127.0.0.1:9\nload: { users: 1, duration: 10s }\nusers:\n  - name: u\n    tasks:\n      - get: /\n';
const broken = 'name: broken\nload: { users: lots }\n';

function setup() {
  const state = new Map<string, unknown>();
  const context = {
    asAbsolutePath: (p: string) => (p === path.join('dist', 'cli.js') ? fakeEngine : p),
    workspaceState: {
      get: (k: string) => state.get(k),
      update: (k: string, v: unknown) => (state.set(k, v), Promise.resolve()),
    },
  } as unknown as vscode.ExtensionContext;
  const logs: string[] = [];
  const log = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
    show() {},
  };
  const bar = {
    text: '',
    starting() {},
    update: (s: { users: number }) => (bar.text = `${s.users} users`),
    hide: () => (bar.text = ''),
  };
  const runs = new RunController(
    context,
    log as unknown as vscode.LogOutputChannel,
    bar as unknown as RunStatusBar,
  );
  return { runs, state, logs, bar };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-run-controller-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const uri = (name: string, text: string): vscode.Uri => {
  fake.documents.set(path.join(dir, name), text);
  return fake.Uri.file(path.join(dir, name)) as unknown as vscode.Uri;
};
const shown = (kind: string) => fake.calls.filter((c) => c.kind === kind).map((c) => String(c.args[0]));
const commandsRun = () => fake.calls.filter((c) => c.kind === 'command').map((c) => c.args);

beforeEach(() => {
  fake.calls.length = 0;
  fake.workspace.isTrusted = true;
  fake.settings.clear();
});

test('an untrusted workspace runs nothing and says why', async () => {
  const { runs } = setup();
  fake.workspace.isTrusted = false;
  await runs.start(uri('a.load.yaml', good));
  assert.equal(runs.running, false);
  assert.match(shown('warning')[0], /untrusted workspace: a run starts processes and sends network traffic/);
});

test('a scenario with errors is not run: "fix N problems first" and the Problems view', async () => {
  const { runs } = setup();
  await runs.start(uri('broken.load.yaml', broken));
  assert.equal(runs.running, false);
  assert.match(shown('error')[0], /^broken\.load\.yaml: fix \d+ problems? first\.$/);
  assert.deepEqual(commandsRun().at(-1), ['workbench.actions.view.problems']);
});

test('a run: context key, run state and status bar while it runs; one at a time; the last run kept', async () => {
  const { runs, state, logs, bar } = setup();
  fake.settings.set('workers', 2);
  const running: string[][] = [];
  runs.onDidChangeRunning((r) => running.push(r));
  const firstUpdate = new Promise<void>((resolve) => runs.onDidUpdate(() => resolve()));
  const scenario = uri('ok.load.yaml', good);
  await runs.start(scenario);
  assert.equal(runs.running, true);
  assert.deepEqual(commandsRun()[0], ['setContext', 'stampede.running', true]);
  assert.deepEqual(running[0], [scenario.toString()]);
  assert.equal(logs[0], `Run ${path.join(dir, 'ok.load.yaml')} (workers=2, bind=tcp://127.0.0.1:0)`);
  await firstUpdate;
  assert.equal(bar.text, '1 users');
  assert.ok(runs.view().snapshot, 'the panel can hydrate from the live run');

  await runs.start(uri('other.load.yaml', good));
  assert.match(shown('warning')[0], /A run of ok\.load\.yaml is in progress/);

  const ended = new Promise<void>((resolve) => runs.onDidChangeRunning((r) => r.length === 0 && resolve()));
  await runs.stop();
  await ended;
  assert.equal(runs.running, false);
  assert.equal(bar.text, '');
  assert.deepEqual(commandsRun().at(-1), ['setContext', 'stampede.running', false]);
  const last = state.get('stampede.lastRun') as { snapshot: { state: string }; history: unknown[] };
  assert.equal(last.snapshot.state, 'stopped');
  assert.ok(last.history.length >= 1);
  assert.deepEqual(runs.view(), last, 'after the run the panel shows the kept run');
});
