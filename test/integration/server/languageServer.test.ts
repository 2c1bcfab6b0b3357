// Drives the real bundled language server (dist/server.js --stdio) with a real LSP client.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import type {
  CompletionItem,
  DocumentSymbol,
  MarkupContent,
  Position,
} from 'vscode-languageserver-protocol/node';
import { Commands, RunStateNotification } from '../../../common/protocol/lsp';
import { analyzeScenario } from '../../../scenario/index';
import { toLspDiagnostic } from '../../../server/service/diagnostics';
import type { ServerUnderTest } from './lspClient';
import { startServer } from './lspClient';
import { SHOP_REQUEST_NAMES, SHOP_SOURCE as SHOP } from '../../fixtures/server/shopSource';

const BROKEN = `name: broken
target: http://127.0.0.1:8080
load:
  users: 2
  duraton: 10s
users:
  - name: shopper
    thnik: 2s
    tasks:
      - get: /products/{{ nope }}
        timeout: 5 s
`;

let server: ServerUnderTest;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

/** The position of `marker` in `text`, moved `delta` characters. */
function positionOf(text: string, marker: string, delta = 0): Position {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  const lines = text.slice(0, offset + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

async function completionLabels(uri: string, position: Position): Promise<string[]> {
  const result = await server.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position,
  });
  const items: CompletionItem[] = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((i) => i.label);
}

test('initialize announces every feature', () => {
  const caps = server.initialize.capabilities;
  assert.ok(
    caps.completionProvider && caps.hoverProvider && caps.documentSymbolProvider && caps.definitionProvider,
  );
  assert.ok(caps.codeLensProvider && caps.codeActionProvider);
});

test('a broken file gets the diagnostics of `stampede check`, with exact ranges, and a quick fix', async () => {
  const uri = 'file:///ws/broken.load.yaml';
  const published = server.diagnostics(uri, 1);
  server.open(uri, BROKEN);
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics,
    analyzeScenario(BROKEN).diagnostics.map(toLspDiagnostic),
    'the same analysis as the CLI',
  );
  const byCode = (code: string) => diagnostics.filter((d) => d.code === code);
  const unknown = byCode('unknown-key');
  assert.deepEqual(
    unknown.map((d) => [d.range, d.severity, (d.data as { suggestion: string }).suggestion]),
    [
      [
        { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } },
        DiagnosticSeverity.Error,
        'duration',
      ],
      [
        { start: { line: 7, character: 4 }, end: { line: 7, character: 9 } },
        DiagnosticSeverity.Error,
        'think',
      ],
    ],
  );
  assert.deepEqual(byCode('undefined-name')[0]?.range, {
    start: { line: 9, character: 26 },
    end: { line: 9, character: 30 },
  });
  assert.deepEqual(byCode('bad-duration')[0]?.range, {
    start: { line: 10, character: 17 },
    end: { line: 10, character: 20 },
  });

  const actions = await server.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: unknown[1].range,
    context: { diagnostics: [unknown[1]] },
  });
  const fix = actions?.find((a) => 'edit' in a);
  assert.ok(fix && 'edit' in fix);
  assert.deepEqual(fix.edit?.changes?.[uri], [{ range: unknown[1].range, newText: 'think' }]);

  // Fixing the text clears the diagnostics (after the debounce), and closing clears them too.
  const fixed = BROKEN.replace('duraton', 'duration')
    .replace('thnik', 'think')
    .replace('{{ nope }}', '1')
    .replace('5 s', '5s');
  const republished = server.diagnostics(uri, 2);
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: fixed }],
  });
  assert.deepEqual((await republished).diagnostics, []);
  const cleared = server.diagnostics(uri);
  server.close(uri);
  assert.deepEqual((await cleared).diagnostics, []);
});

test('completion at several cursor positions', async () => {
  const uri = 'file:///ws/shop.load.yaml';
  const opened = server.diagnostics(uri, 1);
  server.open(uri, SHOP);
  await opened;
  // On the `users` key of `load:`: the load keys, minus `duration` (already there).
  assert.deepEqual(await completionLabels(uri, { line: 3, character: 4 }), [
    'users',
    'spawnRate',
    'gracefulStop',
    'arrivalRate',
    'maxUsers',
    'stages',
  ]);
  // On the empty line before `trackers:`: the top-level keys not yet present.
  const topLevel = await completionLabels(uri, positionOf(SHOP, '\n\ntrackers:', 1));
  assert.deepEqual(topLevel, [
    'workers',
    'sourceAddresses',
    'defaults',
    'env',
    'secrets',
    'data',
    'events',
    'thresholds',
    'output',
  ]);
  const think = await completionLabels(uri, positionOf(SHOP, 'between', 0));
  assert.ok(think.includes('between(1s, 3s)') && think.includes('pacing(5s)'));
  const template = await completionLabels(uri, positionOf(SHOP, 'cartId }}'));
  // The names in scope, then the template functions and `env.` (the function table's order).
  assert.deepEqual(template.slice(0, 3).sort(), ['cartId', 'region', 'sku']);
  assert.deepEqual(template.slice(3), [
    'uuid',
    'randomInt',
    'randomString',
    'now',
    'timestamp',
    'base64',
    'urlencode',
    'sha256',
    'pick',
    'env.',
  ]);
  const filter = await completionLabels(uri, positionOf(SHOP, 'add to cart"]'));
  assert.deepEqual(filter, SHOP_REQUEST_NAMES);
});

test('hover: schema docs on keys, the value of a variable in {{ }}', async () => {
  const uri = 'file:///ws/shop.load.yaml';
  const key = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(SHOP, 'think:', 1),
  });
  assert.match((key?.contents as MarkupContent).value, /The pause after each iteration/);
  const variable = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(SHOP, 'sku }}', 1),
  });
  assert.match((variable?.contents as MarkupContent).value, /sku: \[A1, B2\]/);
});

test('document symbols and go to definition', async () => {
  const uri = 'file:///ws/shop.load.yaml';
  const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri },
  })) as DocumentSymbol[];
  assert.deepEqual(
    symbols.map((s) => [
      s.name,
      (s.children ?? []).map((c) => [c.name, (c.children ?? []).map((g) => g.name)]),
    ]),
    [
      [
        'shopper',
        [
          ['buy', ['add to cart', 'show cart', 'GET /cart/{{ cartId }}/items', 'emit order.placed']],
          ['browse', []],
          ['task 3', []],
        ],
      ],
      ['watcher', [['every 5s', []]]],
      ['checkout time', []],
    ],
  );
  const definition = await server.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri },
    position: positionOf(SHOP, 'cartId }}', 2),
  });
  const key = positionOf(SHOP, 'cartId: json.id');
  assert.deepEqual(definition, [
    { uri, range: { start: key, end: { line: key.line, character: key.character + 'cartId'.length } } },
  ]);
});

test('CodeLens: Run, Run with 1 worker and Try, Try on each task; Stop after the client reports the run', async () => {
  const uri = 'file:///ws/shop.load.yaml';
  const idle = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.deepEqual(
    idle?.slice(0, 3).map((l) => [l.command?.title, l.command?.command, l.command?.arguments]),
    [
      ['▶ Run', Commands.run, [uri]],
      ['▶ Run with 1 worker', Commands.runOneWorker, [uri]],
      ['▷ Try', Commands.tryScenario, [uri]],
    ],
  );
  const tasks = idle?.slice(3) ?? [];
  assert.ok(tasks.length > 0, 'no Try on the tasks');
  assert.ok(
    tasks.every(
      (l) =>
        l.command?.command === Commands.tryScenario &&
        l.range.start.line > 0 &&
        l.command.arguments?.length === 3,
    ),
  );
  const refreshed = server.codeLensRefresh();
  await server.connection.sendNotification(RunStateNotification.method, {
    running: [uri],
  } satisfies RunStateNotification.Params);
  await refreshed;
  const running = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.equal(running?.[0]?.command?.command, Commands.stop);
  assert.equal(running?.[0]?.command?.title, '■ Stop');

  const stopped = server.codeLensRefresh();
  await server.connection.sendNotification(RunStateNotification.method, {
    running: [],
  } satisfies RunStateNotification.Params);
  await stopped;
  const again = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
  assert.equal(again?.[0]?.command?.command, Commands.run);
});

test('the same server speaks LSP over --node-ipc', async () => {
  const ipc = await startServer('ipc');
  try {
    const uri = 'file:///ws/ipc.load.yaml';
    const published = ipc.diagnostics(uri, 1);
    ipc.open(uri, BROKEN);
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics, analyzeScenario(BROKEN).diagnostics.map(toLspDiagnostic));
  } finally {
    await ipc.stop();
  }
});
