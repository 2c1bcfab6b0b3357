import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { Commands } from '../../../common/protocol/lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeScenarioDetailed } from '../../../scenario/index';
import { toLspDiagnostic } from '../../../server/service/diagnostics';
import { createLanguageService } from '../../../server/service/languageService';
import { caret } from './caret';
import { service } from './serviceSetup';

const { document } = caret('name: x|');

test('CodeLens offers Run, Run with 1 worker and Try, and Stop while running; the argument is the URI', () => {
  const idle = service.codeLenses(document, false);
  assert.deepEqual(
    idle.map((l) => [l.command?.title, l.command?.command, l.command?.arguments]),
    [
      ['▶ Run', Commands.run, [document.uri]],
      ['▶ Run with 1 worker', Commands.runOneWorker, [document.uri]],
      ['▷ Try', Commands.tryScenario, [document.uri]],
    ],
  );
  const running = service.codeLenses(document, true);
  assert.deepEqual(running[0]?.command?.command, Commands.stop);
  assert.equal(running[0]?.command?.title, '■ Stop');
  assert.ok(running.every((l) => l.range.start.line === 0));
});

test('each task has its own Try CodeLens on its line, naming its user kind and task as the language does', () => {
  const text = [
    'name: x',
    'users:',
    '  - name: shopper',
    '    tasks:',
    '      - name: browse',
    '        get: /products',
    '      - get: /health',
    '      - steps:',
    '          - get: /a',
    '          - get: /b',
    '  - tasks:',
    '      - get: /x',
  ].join('\n');
  const doc = TextDocument.create('file:///t.load.yaml', 'stampede', 1, text);
  const lenses = service.codeLenses(doc, false).filter((l) => l.range.start.line > 0);
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]),
    [
      [4, '▷ Try', Commands.tryScenario, [doc.uri, 'shopper', 'browse']],
      [6, '▷ Try', Commands.tryScenario, [doc.uri, 'shopper', '/health']],
      [7, '▷ Try', Commands.tryScenario, [doc.uri, 'shopper', 'task 3']],
      [11, '▷ Try', Commands.tryScenario, [doc.uri, 'user 2', '/x']],
    ],
  );
});

test('scenario diagnostics keep range, code and message; suggestions ride in data', () => {
  const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };
  const lsp = toLspDiagnostic({
    range,
    severity: 'warning',
    message: 'unknown key `thnik`; did you mean `think`?',
    code: 'unknown-key',
    suggestion: 'think',
  });
  assert.deepEqual(lsp, {
    range,
    severity: DiagnosticSeverity.Warning,
    message: 'unknown key `thnik`; did you mean `think`?',
    code: 'unknown-key',
    source: 'stampede',
    data: { suggestion: 'think' },
  });
  assert.equal(toLspDiagnostic({ range, severity: 'error', message: 'm', code: 'c' }).data, undefined);
});

test('a quick fix replaces the range with the suggestion; other diagnostics get none', () => {
  const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };
  const withSuggestion: Diagnostic = toLspDiagnostic({
    range,
    severity: 'error',
    message: 'unknown key',
    code: 'unknown-key',
    suggestion: 'think',
  });
  const without: Diagnostic = toLspDiagnostic({
    range,
    severity: 'error',
    message: 'bad',
    code: 'bad-duration',
  });
  const foreign: Diagnostic = { ...withSuggestion, source: 'other' };
  const actions = service.codeActions(document, [withSuggestion, without, foreign]);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, CodeActionKind.QuickFix);
  assert.equal(actions[0].title, "Change to 'think'");
  assert.deepEqual(actions[0].edit?.changes?.[document.uri], [{ range, newText: 'think' }]);
});

test('a client that does not echo `data` still gets the fix, found again by code and range', () => {
  const { document } = caret('name: x\nload:\n  users: 1\n  duraton: 1m|\n');
  const [unknown] = service.diagnostics(document).filter((d) => d.code === 'unknown-key');
  assert.ok(unknown);
  const { data: _data, ...withoutData } = unknown;
  const actions = service.codeActions(document, [withoutData]);
  assert.deepEqual(actions[0]?.edit?.changes?.[document.uri], [
    { range: unknown.range, newText: 'duration' },
  ]);
});

test('one analysis per document version, whatever features ask about it', () => {
  let analyses = 0;
  const counting = createLanguageService(undefined, {
    analyze: (text) => {
      analyses++;
      return analyzeScenarioDetailed(text);
    },
  });
  const source = 'name: x\nload: { users: 1, duration: 1s }\nusers:\n  - tasks:\n      - get: /a\n';
  const v1 = TextDocument.create('file:///one.load.yaml', 'stampede', 1, source);
  const at = { line: 4, character: 12 };
  counting.diagnostics(v1);
  counting.completion(v1, at);
  counting.hover(v1, at);
  counting.documentSymbols(v1);
  counting.definition(v1, at);
  counting.codeActions(v1, []);
  counting.diagnostics(v1);
  assert.equal(analyses, 1);
  const v2 = TextDocument.update(v1, [{ text: source.replace('/a', '/b') }], 2);
  counting.diagnostics(v2);
  counting.completion(v2, at);
  assert.equal(analyses, 2);
});
