// `data:` in the language: the model, and the checks made with what the data file reader says
// (the seam the CLI and the language server fill; the workers analyse without it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeScenario } from '../../../scenario/index';
import type { DataFileInfo } from '../../../scenario/index';
import { HEAD } from './helpers';

const files: Record<string, DataFileInfo> = {
  'data/accounts.csv': { ok: true, columns: ['email', 'password'], firstRow: ['a@x', 'pw'] },
  'data/ragged.csv': { ok: false, problem: 'line 7: this row has 1 fields but the header has 2' },
};
const reader = (file: string) => files[file] ?? { ok: false as const, problem: 'no such file' };

const scenario = (data: string, url: string) =>
  `${HEAD}data:\n${data}\nusers:\n  - name: u\n    tasks:\n      - get: ${url}\n`;

test('data sets compile with their defaults', () => {
  const a = analyzeScenario(
    scenario(
      '  accounts: { file: data/accounts.csv, pick: unique, per: user, onExhausted: fail }\n  p: { file: p.json }',
      '/x/{{ accounts.email }}/{{ p.id }}',
    ),
    { dataFile: reader },
  );
  // p.json is missing in this reader: that is an error at its file value.
  assert.match(a.diagnostics.map((d) => d.message).join('\n'), /cannot use `p.json`: no such file/);
  const ok = analyzeScenario(
    scenario(
      '  accounts: { file: data/accounts.csv, pick: unique, per: user, onExhausted: fail }\n  p: { file: p.json }',
      '/{{ p.id }}',
    ),
  );
  assert.deepEqual(ok.scenario?.data, [
    { name: 'accounts', file: 'data/accounts.csv', pick: 'unique', per: 'user', onExhausted: 'fail' },
    { name: 'p', file: 'p.json', pick: 'sequential', per: 'iteration', onExhausted: 'stop' },
  ]);
});

test('an unknown column is an error with a suggestion, at the reference', () => {
  const a = analyzeScenario(scenario('  accounts: { file: data/accounts.csv }', '/{{ accounts.emial }}'), {
    dataFile: reader,
  });
  const d = a.diagnostics.find((x) => x.code === 'unknown-column');
  assert.ok(d, JSON.stringify(a.diagnostics));
  assert.match(
    d.message,
    /has no column `emial`; its columns are `email`, `password`; did you mean `email`\?/,
  );
  assert.equal(d.suggestion, 'accounts.email');
  const line = a.diagnostics.length && d.range.start.line;
  assert.equal(line, 8);
});

test('without a reader (a worker) columns are not checked, but data set names are', () => {
  const ok = analyzeScenario(scenario('  accounts: { file: data/accounts.csv }', '/{{ accounts.anything }}'));
  assert.deepEqual(ok.diagnostics, []);
  const bad = analyzeScenario(scenario('  accounts: { file: data/accounts.csv }', '/{{ acounts.email }}'));
  assert.match(bad.diagnostics[0]?.message ?? '', /`acounts` is not a data set.*did you mean `accounts`\?/);
});

test('a ragged file, a path out of the folder and a file of another kind are errors at the file value', () => {
  const a = analyzeScenario(
    scenario(
      '  r: { file: data/ragged.csv }\n  up: { file: ../secrets.csv }\n  x: { file: data/a.txt }\n  env: { file: data/accounts.csv }',
      '/',
    ),
    { dataFile: reader },
  );
  const messages = a.diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('\n');
  assert.match(messages, /4: cannot use `data\/ragged.csv`: line 7: this row has 1 fields/);
  assert.match(messages, /5: `..\/secrets.csv` leaves the scenario's folder/);
  assert.match(messages, /6: `data\/a.txt`: a data file is a CSV file/);
  assert.match(messages, /7: `env` is taken by `\{\{ env.NAME \}\}`/);
});

test('onExhausted on a set that is not unique is a warning', () => {
  const a = analyzeScenario(
    scenario('  a: { file: data/accounts.csv, onExhausted: wrap }', '/{{ a.email }}'),
    {
      dataFile: reader,
    },
  );
  assert.equal(a.diagnostics.length, 1);
  assert.equal(a.diagnostics[0].severity, 'warning');
  assert.match(a.diagnostics[0].message, /applies to `pick: unique` only/);
  assert.ok(a.scenario);
});

test('an unknown pick is a schema error', () => {
  const a = analyzeScenario(scenario('  a: { file: data/accounts.csv, pick: uniqe }', '/'));
  assert.ok(
    a.diagnostics.some(
      (d) =>
        d.severity === 'error' &&
        /must be `sequential` or `random` or `unique`; did you mean `unique`/.test(d.message),
    ),
    JSON.stringify(a.diagnostics),
  );
});
