// The language server never dies on any input: binary junk, absurd nesting, and every input of
// the public YAML test suite, each opened in turn. After each document the server must publish
// diagnostics and answer every feature; at the end it must still answer a final request.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
} from 'vscode-languageserver-protocol/node';
import type { Position } from 'vscode-languageserver-protocol/node';
import type { ServerUnderTest } from './lspClient';
import { startServer } from './lspClient';

// The public YAML test suite's inputs, kept in the repository (see its README for source and licence).
const CORPUS = path.resolve(__dirname, '../../fixtures/yaml-test-suite');

let server: ServerUnderTest;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function junk(seed: number, length: number): string {
  const next = random(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(next() * 0x10000));
  return out;
}

/** Positions spread over the text: start, middle of each of a few lines, and the end. */
function probes(text: string): Position[] {
  const lines = text.split('\n');
  const picks = [0, Math.floor(lines.length / 2), lines.length - 1];
  return picks.map((line) => ({ line, character: Math.floor((lines[line]?.length ?? 0) / 2) }));
}

let documents = 0;
/** Opens `text`, waits for its diagnostics, asks every feature, closes it and waits for the clearing. */
async function exercise(text: string, label: string): Promise<void> {
  const uri = `file:///ws/robust-${documents++}.load.yaml`;
  const published = server.diagnostics(uri, 1);
  server.open(uri, text);
  const { diagnostics } = await published;
  assert.ok(Array.isArray(diagnostics), label);
  const textDocument = { uri };
  for (const position of probes(text)) {
    await server.connection.sendRequest(CompletionRequest.type, { textDocument, position });
    await server.connection.sendRequest(HoverRequest.type, { textDocument, position });
    await server.connection.sendRequest(DefinitionRequest.type, { textDocument, position });
  }
  await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
  await server.connection.sendRequest(CodeLensRequest.type, { textDocument });
  const cleared = server.diagnostics(uri);
  server.close(uri);
  await cleared;
}

test('binary junk and absurd shapes', async () => {
  const inputs: Array<[string, string]> = [
    ['random UTF-16 (with lone surrogates and NULs)', junk(1, 5000)],
    ['random bytes as latin-1', Buffer.from(junk(2, 4000)).toString('latin1')],
    ['deep flow nesting', '['.repeat(20_000)],
    ['deep flow mappings', '{a: '.repeat(10_000)],
    ['deep block sequence on one line', '- '.repeat(10_000) + 'x'],
    ['deep block mappings', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
    [
      'an alias bomb',
      'a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: &d [*c, *c, *c, *c]\ne: [*d, *d, *d, *d]\n',
    ],
    ['unterminated everything', 'users:\n  - name: "a\n    tasks: [\n      - get: {{ \n'],
    ['a long line', `name: ${'x'.repeat(200_000)}`],
  ];
  for (const [label, text] of inputs) await exercise(text, label);
});

test('every input of the YAML test suite, opened in turn', async () => {
  const cases = fs.readdirSync(CORPUS).filter((name) => fs.existsSync(path.join(CORPUS, name, 'in.yaml')));
  assert.ok(cases.length > 300, `corpus has ${cases.length} inputs`);
  for (const name of cases.sort()) {
    await exercise(fs.readFileSync(path.join(CORPUS, name, 'in.yaml'), 'utf8'), name);
  }
});

test('the server is still alive and answering afterwards, and nothing escaped a handler', async () => {
  const uri = 'file:///ws/final.load.yaml';
  const published = server.diagnostics(uri, 1);
  server.open(uri, 'name: x\n');
  await published;
  const result = await server.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 1, character: 0 },
  });
  const labels = (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
  assert.ok(labels.includes('load') && !labels.includes('name'));
  assert.equal(server.process.exitCode, null);
  assert.deepEqual(
    server.logs.filter((l) => /uncaught|unhandled/.test(l)),
    [],
  );
  // A feature that throws is logged and answers empty; list them so a regression is visible.
  assert.deepEqual(
    server.logs.filter((l) => / failed: /.test(l)),
    [],
  );
});
