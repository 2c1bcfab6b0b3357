// The results panel's host side (client/panel/resultsPanel.ts) with `vscode` faked at its edge:
// hydrate on `ready` (opened or restored), small updates only while visible, a new run hydrates,
// Stop / setUsers / export reach the run, and a malformed message is ignored.
import './useFakeVscode';
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type * as vscode from 'vscode';
import type { ToWebview } from '../../../common/protocol/webview';
import type { HistoryPoint, RunSnapshot } from '../../../common/snapshot';
import { RESULTS_VIEW_TYPE, ResultsPanel } from '../../../client/panel/resultsPanel';
import type { RunController, RunUpdate } from '../../../client/runController';
import * as fake from './fakeVscode';
import { point, snapshot } from './fixtures';

function setup() {
  const updates = new fake.EventEmitter<RunUpdate>();
  const starts = new fake.EventEmitter<unknown>();
  const asked: string[] = [];
  const view = {
    snapshot: snapshot({ runId: 'run-1' }) as RunSnapshot | null,
    history: [point(1000)] as HistoryPoint[],
  };
  const runs = {
    view: () => view,
    onDidUpdate: updates.event,
    onDidStart: starts.event,
    stop: () => (asked.push('stop'), Promise.resolve()),
    setUsers: (n: number) => asked.push(`setUsers ${n}`),
  } as unknown as RunController;
  const context = { extensionUri: fake.Uri.file('/ext') } as unknown as vscode.ExtensionContext;
  const logs: string[] = [];
  const log = {
    info: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
  };
  const panel = new ResultsPanel(context, runs, log as unknown as vscode.LogOutputChannel);
  return { panel, updates, starts, asked, view, logs };
}
const kinds = (p: fake.FakePanel) => (p.posted as ToWebview[]).map((m) => m.kind);

beforeEach(() => {
  fake.panels.length = 0;
  fake.calls.length = 0;
  fake.written.clear();
});

test('opening builds the page with scripts limited to dist/, and `ready` hydrates it', () => {
  const { panel } = setup();
  panel.show(false);
  const [p] = fake.panels;
  assert.equal(p.viewType, RESULTS_VIEW_TYPE);
  assert.equal(p.webview.options.enableScripts, true);
  assert.deepEqual(p.webview.options.localResourceRoots, [fake.Uri.file('/ext/dist')]);
  assert.match(p.webview.html, /\/ext\/dist\/webview\.js/);
  p.send({ kind: 'ready' });
  assert.deepEqual(p.posted, [
    { kind: 'hydrate', snapshot: snapshot({ runId: 'run-1' }), history: [point(1000)] },
  ]);
  assert.equal(p.title, 'Stampede: Shop checkout');
  panel.show(true);
  assert.equal(fake.panels.length, 1, 'a second show reveals the same panel');
});

test('updates go only to a visible panel; a snapshot of another run hydrates', () => {
  const { panel, updates, view } = setup();
  panel.show(false);
  const p = fake.panels[0];
  p.send({ kind: 'ready' });
  updates.fire({ snapshot: snapshot({ runId: 'run-1' }), point: point(2000) });
  p.visible = false;
  updates.fire({ snapshot: snapshot({ runId: 'run-1' }), point: point(3000) });
  p.visible = true;
  view.snapshot = snapshot({ runId: 'run-2' });
  updates.fire({ snapshot: snapshot({ runId: 'run-2' }), point: point(1000) });
  updates.fire({ snapshot: snapshot({ runId: 'run-2' }), point: point(2000) });
  assert.deepEqual(kinds(p), ['hydrate', 'update', 'hydrate', 'update']);
});

test('a panel restored after a reload is adopted and hydrated', async () => {
  setup();
  const restored = new fake.FakePanel(RESULTS_VIEW_TYPE, 'Stampede Results');
  await fake.serializers.get(RESULTS_VIEW_TYPE)!.deserializeWebviewPanel(restored, undefined);
  assert.equal(restored.webview.options.enableScripts, true);
  restored.send({ kind: 'ready' });
  assert.deepEqual(kinds(restored), ['hydrate']);
});

test('a run starting opens the panel without taking focus', () => {
  const { starts } = setup();
  starts.fire(undefined);
  assert.equal(fake.panels.length, 1);
});

test('stop and setUsers reach the run; a bad user count or an unknown message is ignored and logged', async () => {
  const { panel, asked, logs } = setup();
  panel.show(false);
  const p = fake.panels[0];
  p.send({ kind: 'stop' });
  p.send({ kind: 'setUsers', users: 25 });
  p.send({ kind: 'setUsers', users: -3 });
  p.send({ kind: 'launch' });
  await Promise.resolve();
  assert.deepEqual(asked, ['stop', 'setUsers 25']);
  assert.match(logs.join('\n'), /ignored setUsers\(-3\)/);
  assert.match(logs.join('\n'), /ignored an unknown message \{"kind":"launch"\}/);
});

test('export writes JSON or CSV where the person chose, and nothing when they cancel', async () => {
  const { panel } = setup();
  panel.show(false);
  const p = fake.panels[0];
  fake.dialog.saveTo = fake.Uri.file('/out/run.json');
  p.send({ kind: 'export', format: 'json' });
  fake.dialog.saveTo = fake.Uri.file('/out/run.csv');
  p.send({ kind: 'export', format: 'csv' });
  fake.dialog.saveTo = undefined;
  p.send({ kind: 'export', format: 'csv' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([...fake.written.keys()], ['/out/run.json', '/out/run.csv']);
  assert.equal(JSON.parse(fake.written.get('/out/run.json')!).snapshot.runId, 'run-1');
  assert.match(fake.written.get('/out/run.csv')!, /^Type,Name,Request Count/);
});
