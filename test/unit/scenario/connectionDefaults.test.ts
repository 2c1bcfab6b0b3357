// `defaults.keepAlive` and `defaults.resumeTlsSessions`: compiled only when switched off, checked
// as booleans, explained on hover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { analyzeScenario } from '../../../scenario/index';
import { caret } from '../server/caret';
import { service } from '../server/serviceSetup';
import { clean, HEAD } from './helpers';

const BODY = 'users:\n  - tasks:\n      - get: /\n';

test('keepAlive and resumeTlsSessions are absent (on) unless written false', () => {
  const on = clean(HEAD + BODY).defaults;
  assert.equal(on.keepAlive, undefined);
  assert.equal(on.resumeTlsSessions, undefined);
  const off = clean(HEAD + 'defaults: { keepAlive: false, resumeTlsSessions: false }\n' + BODY).defaults;
  assert.equal(off.keepAlive, false);
  assert.equal(off.resumeTlsSessions, false);
  assert.equal(clean(HEAD + 'defaults: { keepAlive: true }\n' + BODY).defaults.keepAlive, undefined);
});

test('a keepAlive that is not a boolean is an error on its line; a misspelt key is reported', () => {
  const a = analyzeScenario(HEAD + 'defaults: { keepAlive: never }\n' + BODY);
  assert.equal(a.scenario, undefined);
  const error = a.diagnostics.find((d) => d.severity === 'error')!;
  assert.match(error.message, /keepAlive/);
  assert.equal(error.range.start.line, 3);
  const typo = analyzeScenario(HEAD + 'defaults: { resumeTLSSessions: false }\n' + BODY);
  assert.ok(typo.diagnostics.some((d) => /resumeTLSSessions/.test(d.message)));
});

test('hover on keepAlive and resumeTlsSessions says what they do', () => {
  const source = `${HEAD}defaults:\n  keepAlive: false\n  resumeTlsSessions: false\n${BODY}`;
  const hoverText = (marker: string): string => {
    const offset = source.indexOf(marker) + 2;
    const { document, position } = caret(source.slice(0, offset) + '|' + source.slice(offset));
    return (service.hover(document, position)?.contents as MarkupContent | undefined)?.value ?? '';
  };
  assert.match(hoverText('keepAlive:'), /a new connection for every request/);
  assert.match(hoverText('resumeTlsSessions:'), /abbreviated handshake/);
});
