// Test data in the editor: diagnostics, completion of set and column names, and hover with the
// columns and first row, all from what the injected data file reader says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import type { DataFileInfo } from '../../../scenario/index';
import { createLanguageService } from '../../../server/service/languageService';
import { caret } from './caret';

const files: Record<string, DataFileInfo> = {
  'data/accounts.csv': { ok: true, columns: ['email', 'password'], firstRow: ['a@example.test', 'pw-1'] },
};
const asked: string[] = [];
const service = createLanguageService(undefined, {
  dataFiles: (uri) => {
    asked.push(uri);
    return (file) => files[file] ?? { ok: false, problem: 'no such file' };
  },
});

const doc = (url: string) =>
  [
    'name: t',
    'target: http://127.0.0.1:8080',
    'load: { users: 1, duration: 1s }',
    'data:',
    '  accounts: { file: data/accounts.csv, pick: unique }',
    'users:',
    '  - name: u',
    '    tasks:',
    `      - get: ${url}`,
    '',
  ].join('\n');

test('completion offers data sets after {{ and their columns after {{ set.', () => {
  const sets = caret(doc('/{{ acc| }}'));
  const labels = service.completion(sets.document, sets.position).items.map((i) => i.label);
  assert.ok(labels.includes('accounts'), labels.join(','));
  const cols = caret(doc('/{{ accounts.| }}'));
  const items = service.completion(cols.document, cols.position).items;
  assert.deepEqual(
    items.map((i) => i.label),
    ['accounts.email', 'accounts.password'],
  );
  assert.match(items[0].detail ?? '', /a@example.test/);
});

test('hover on a column reference shows the columns and the first row', () => {
  const { document, position } = caret(doc('/{{ accounts.em|ail }}'));
  const hover = service.hover(document, position);
  const value = (hover?.contents as MarkupContent).value;
  assert.match(value, /\*\*email\*\*: a column of the data set `accounts`/);
  assert.match(value, /\| email \| password \|/);
  assert.match(value, /\| a@example.test \| pw-1 \|/);
});

test('hover on the data set key shows the same table', () => {
  const { document, position } = caret(doc('/').replace('  accounts:', '  acc|ounts:'));
  const value = (service.hover(document, position)?.contents as MarkupContent).value;
  assert.match(value, /\*\*accounts\*\* \(data set\)/);
  assert.match(value, /`data\/accounts.csv`/);
});

test('diagnostics check columns through the reader of the document', () => {
  const { document } = caret(doc('/{{ accounts.emial }}|'));
  const d = service.diagnostics(document);
  assert.equal(d.length, 1, JSON.stringify(d));
  assert.match(
    typeof d[0].message === 'string' ? d[0].message : '',
    /no column `emial`.*did you mean `email`\?/,
  );
  assert.ok(asked.includes(document.uri));
});
