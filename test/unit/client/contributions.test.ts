// package.json's `contributes` agrees with the code: every command id the language server's
// CodeLens uses is contributed and registered, menus name contributed commands, settings are the
// ones the client reads, and the language's grammar and configuration files exist and parse.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Commands } from '../../../common/protocol/lsp';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);

test('every command in the protocol is contributed, and nothing else is', () => {
  assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
});

test('every command is registered by client/commands.ts through the Commands table', () => {
  const source = fs.readFileSync(path.join(root, 'client/commands.ts'), 'utf8');
  for (const key of Object.keys(Commands))
    assert.match(source, new RegExp(`registerCommand\\(Commands\\.${key},`), key);
});

test('menus only name contributed commands, and the editor title has Run and Stop for scenario files', () => {
  for (const [menu, items] of Object.entries(
    pkg.contributes.menus as Record<string, { command: string }[]>,
  )) {
    for (const item of items) assert.ok(contributed.includes(item.command), `${menu}: ${item.command}`);
  }
  const title = pkg.contributes.menus['editor/title'] as { command: string; when: string; group: string }[];
  const run = title.find((i) => i.command === Commands.run);
  const stop = title.find((i) => i.command === Commands.stop);
  assert.match(run!.when, /resourceLangId == stampede && !stampede\.running/);
  assert.match(stop!.when, /resourceLangId == stampede && stampede\.running/);
  assert.match(run!.group, /^navigation/);
});

test('the settings are the ones client/settings.ts reads', () => {
  const keys = Object.keys(pkg.contributes.configuration.properties).sort();
  assert.deepEqual(keys, [
    'stampede.bindAddress',
    'stampede.envFile',
    'stampede.heartbeatMs',
    'stampede.resultsFolder',
    'stampede.useDemoTarget',
    'stampede.workers',
  ]);
  const source = fs.readFileSync(path.join(root, 'client/settings.ts'), 'utf8');
  for (const key of keys) assert.match(source, new RegExp(`'${key.slice('stampede.'.length)}'`), key);
});

test('the language, its files and its activation', () => {
  const [language] = pkg.contributes.languages;
  assert.equal(language.id, 'stampede');
  assert.deepEqual(language.filenamePatterns, ['*.load.yaml', '*.load.yml']);
  assert.ok(pkg.activationEvents.includes('onLanguage:stampede'));
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:stampede.results'));
  const config = JSON.parse(fs.readFileSync(path.join(root, language.configuration), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  for (const g of pkg.contributes.grammars) {
    const grammar = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
  }
  assert.deepEqual(pkg.contributes.yamlValidation, [
    { fileMatch: ['*.load.yaml', '*.load.yml'], url: './dist/stampede.schema.json' },
  ]);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('the template injection grammar matches {{ name }}', () => {
  const g = JSON.parse(
    fs.readFileSync(path.join(root, 'syntaxes/stampede-templates.tmLanguage.json'), 'utf8'),
  );
  const begin = new RegExp(g.repository.template.begin);
  const end = new RegExp(g.repository.template.end);
  assert.ok(begin.test('/cart/{{ cartId }}') && end.test('/cart/{{ cartId }}'));
  assert.ok(!begin.test('/cart/{ cartId }'));
});
