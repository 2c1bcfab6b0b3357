// The language server reads data files only for documents inside the workspace, from the
// document's folder, and sees a changed file again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DataFileReaders } from '../../../server/dataFileReader';

test('data files are read for documents in the workspace only, and re-read when they change', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-ls-data-'));
  try {
    const ws = path.join(root, 'ws');
    const other = path.join(root, 'other');
    for (const d of [ws, other]) {
      fs.mkdirSync(path.join(d, 'data'), { recursive: true });
      fs.writeFileSync(path.join(d, 'data', 'a.csv'), 'email\nx@y\n');
    }
    const readers = new DataFileReaders();
    readers.setWorkspace([pathToFileURL(ws).href]);
    assert.equal(readers.readerFor(pathToFileURL(path.join(other, 's.load.yaml')).href), undefined);
    assert.equal(readers.readerFor('untitled:Untitled-1'), undefined);
    const read = readers.readerFor(pathToFileURL(path.join(ws, 's.load.yaml')).href);
    assert.ok(read);
    assert.deepEqual(read('data/a.csv'), { ok: true, columns: ['email'], firstRow: ['x@y'] });
    fs.writeFileSync(path.join(ws, 'data', 'a.csv'), 'email,password\nx@y,1\n');
    assert.deepEqual(read('data/a.csv'), {
      ok: true,
      columns: ['email', 'password'],
      firstRow: ['x@y', '1'],
    });
    assert.deepEqual(read('data/none.csv'), { ok: false, problem: 'no such file' });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
