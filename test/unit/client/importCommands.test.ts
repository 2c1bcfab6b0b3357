// The editor's import commands through a fake vscode: the scenario lands beside its source (a new
// name when one is taken) and opens beside the editor; the CodeLens imports one request.
import './useFakeVscode';
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import * as fake from './fakeVscode';
import { loadTestHttpRequest, newScenarioFrom } from '../../../client/importCommands';
import { analyzeScenario } from '../../../scenario/index';

const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
const log = { info: () => undefined, warn: () => undefined } as never;

test('New Scenario From… a file writes <name>.load.yaml beside it, then <name>-2, and opens it beside', async () => {
  const har = fake.Uri.file(path.join(FIXTURES, 'demo-shop.har'));
  await newScenarioFrom(log, har);
  await newScenarioFrom(log, har);
  const first = path.join(FIXTURES, 'demo-shop.load.yaml');
  const second = path.join(FIXTURES, 'demo-shop-2.load.yaml');
  assert.ok(fake.written.has(first) && fake.written.has(second), [...fake.written.keys()].join(', '));
  const { diagnostics } = analyzeScenario(fake.written.get(first) ?? '');
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const shown = fake.calls.filter((c) => c.kind === 'showTextDocument');
  assert.equal((shown[0].args[0] as fake.Uri).fsPath, first);
  assert.deepEqual(shown[0].args[1], { viewColumn: fake.ViewColumn.Beside });
  assert.ok(
    fake.calls.some((c) => c.kind === 'info' && /PASSWORD/.test(String(c.args[0]))),
    'the secret to give is named',
  );
});

test('the .http CodeLens command imports the one request (with the login it reads) beside the file', async () => {
  const file = path.join(FIXTURES, 'demo-shop.http');
  fake.documents.set(file, await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8')));
  await loadTestHttpRequest(log, fake.Uri.file(file), 2);
  const out = path.join(FIXTURES, 'demo-shop-me.load.yaml');
  const text = fake.written.get(out);
  assert.ok(text, [...fake.written.keys()].join(', '));
  assert.match(text, /name: login[\s\S]*name: me/);
  assert.doesNotMatch(text, /name: cart/);
});

test('an input that cannot be imported is an error message, not a thrown error', async () => {
  const file = '/nowhere/bad.http';
  fake.documents.set(file, '# nothing here\n');
  await loadTestHttpRequest(log, fake.Uri.file(file), 0);
  assert.ok(
    fake.calls.some((c) => c.kind === 'error' && /Cannot import: no request found/.test(String(c.args[0]))),
  );
});
