// The panel host's baseline (client/panel/resultsPanel.ts + baselinePicker.ts) with `vscode` faked
// at its edge and real result files in a temporary folder: "Compare with…" lists the kept runs
// (not the run on screen), the pick is read and sent with the comparison, every update then
// carries the comparison, a re-opened page gets the baseline again, and Clear stops it all.
import './useFakeVscode';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type * as vscode from 'vscode';
import type { ToWebview } from '../../../common/protocol/webview';
import type { HistoryPoint, RunSnapshot } from '../../../common/snapshot';
import { ResultsPanel } from '../../../client/panel/resultsPanel';
import type { RunController, RunUpdate } from '../../../client/runController';
import * as fake from './fakeVscode';
import { fillPercentiles } from '../percentiles';
import { entry, point, snapshot } from './fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-baseline-host-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const browse = (p95: number, rps: number) =>
  entry({ name: 'browse', method: 'GET', requests: 100, rps, percentiles: fillPercentiles(10, p95, 90) });
const earlier = snapshot({
  runId: 'earlier',
  startedAt: 1000,
  entries: [browse(40, 50)],
  total: browse(40, 50),
});
const now = snapshot({ runId: 'now', startedAt: 2000, entries: [browse(80, 50)], total: browse(80, 50) });
const baseHistory = [point(1000, { rps: 50, p95: 40, users: 2 })];
const write = (name: string, s: RunSnapshot, history: HistoryPoint[]) =>
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ format: 'stampede-run/1', snapshot: s, history }));
write('earlier.json', earlier, baseHistory);
write('now.json', now, []); // the run on screen: never offered as its own baseline

/** Resolves once the page has been posted a message of this kind (the host's work is async). */
async function posted(p: fake.FakePanel, kind: ToWebview['kind'], count: number): Promise<ToWebview[]> {
  for (let i = 0; i < 10_000; i++) {
    const of = (p.posted as ToWebview[]).filter((m) => m.kind === kind);
    if (of.length >= count) return of;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no ${count}th ${kind} message; posted: ${JSON.stringify(p.posted).slice(0, 300)}`);
}

test('a picked baseline is sent with its comparison, and updates carry the comparison until cleared', async () => {
  const updates = new fake.EventEmitter<RunUpdate>();
  const runs = {
    view: () => ({ snapshot: now, history: [] }),
    onDidUpdate: updates.event,
    onDidStart: new fake.EventEmitter<unknown>().event,
    keptRunFolders: () => [dir],
  } as unknown as RunController;
  const log = { info: () => {}, warn: () => {}, error: () => {} } as unknown as vscode.LogOutputChannel;
  const panel = new ResultsPanel(
    { extensionUri: fake.Uri.file('/ext') } as unknown as vscode.ExtensionContext,
    runs,
    log,
  );
  panel.show(false);
  const p = fake.panels.at(-1)!;
  let offered: string[] = [];
  fake.quickPick.choose = (items) => {
    offered = items.map((i) => i.label);
    return items.find((i) => (i as { run?: { runId: string } }).run?.runId === 'earlier');
  };

  p.send({ kind: 'ready' });
  p.send({ kind: 'chooseBaseline' });
  const [picked] = await posted(p, 'baseline', 1);
  assert.equal(offered.length, 1, `only the earlier run is offered: ${offered.join(' | ')}`);
  assert.match(offered[0], /^Shop checkout, \d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.ok(picked.kind === 'baseline' && picked.baseline);
  assert.deepEqual(picked.baseline.history, baseHistory);
  assert.equal(picked.comparison?.entries[0].p95.verdict, 'worse', 'p95 doubled since the baseline');

  updates.fire({ snapshot: now, point: point(2000) });
  const [update] = await posted(p, 'update', 1);
  assert.ok(update.kind === 'update' && update.comparison?.entries[0].p95.change === 40);

  p.send({ kind: 'ready' });
  const hydrates = await posted(p, 'hydrate', 2);
  assert.equal('comparison' in hydrates[0], false, 'no comparison before a baseline is picked');
  assert.ok(hydrates[1].kind === 'hydrate' && hydrates[1].comparison, 'a re-opened page gets the comparison');
  await posted(p, 'baseline', 2);

  p.send({ kind: 'clearBaseline' });
  const cleared = (await posted(p, 'baseline', 3))[2];
  assert.deepEqual(cleared, { kind: 'baseline', baseline: null });
  updates.fire({ snapshot: now, point: point(3000) });
  const last = (await posted(p, 'update', 2))[1];
  assert.equal('comparison' in last, false, 'no comparison once cleared');
  fake.quickPick.choose = () => undefined;
});
