// CSV per RFC 4180 and JSON arrays of objects, as the master parses them, and the bounded head
// that `stampede check` and the editor read.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { DataFileError, parseCsv, parseJsonRows } from '../../../engine/data/dataTable';
import { dataFileInfo, readDataFile } from '../../../engine/data/readDataFile';
import { packRow, unpackRow } from '../../../engine/data/packedRows';

test('quoted fields keep commas, line breaks and doubled quotes', () => {
  const t = parseCsv('email,note\r\na@x,"one, two"\r\nb@x,"line1\r\nline2"\r\nc@x,"say ""hi"""\r\n');
  assert.deepEqual(t.columns, ['email', 'note']);
  assert.deepEqual(t.rows.map(unpackRow), [
    ['a@x', 'one, two'],
    ['b@x', 'line1\r\nline2'],
    ['c@x', 'say "hi"'],
  ]);
});

test('a byte order mark does not become part of the first column name', () => {
  const t = parseCsv('\uFEFFemail,id\nx@y,1\n');
  assert.deepEqual(t.columns, ['email', 'id']);
});

test('LF and CRLF files give the same rows; blank lines are skipped', () => {
  assert.deepEqual(parseCsv('a,b\n1,2\n\n3,4\n'), parseCsv('a,b\r\n1,2\r\n\r\n3,4\r\n'));
  assert.deepEqual(parseCsv('a,b\n1,2\n\n3,4').rows.map(unpackRow), [
    ['1', '2'],
    ['3', '4'],
  ]);
});

test('a ragged row is an error naming its line', () => {
  assert.throws(
    () => parseCsv('a,b,c\n1,2,3\n4,5\n'),
    (e: unknown) =>
      e instanceof DataFileError && e.line === 3 && /2 fields but the header has 3/.test(e.message),
  );
});

test('a line break inside quotes counts for the line of a later broken row', () => {
  assert.throws(
    () => parseCsv('a,b\n1,"x\ny"\n2\n'),
    (e: unknown) => e instanceof DataFileError && e.line === 4,
  );
});

test('an unclosed quote and text after a closing quote are errors with their line', () => {
  assert.throws(
    () => parseCsv('a,b\n1,"open\n'),
    (e: unknown) => e instanceof DataFileError && e.line === 2,
  );
  assert.throws(
    () => parseCsv('a,b\n1,2\n3,"x"y\n'),
    (e: unknown) => e instanceof DataFileError && e.line === 3 && /closing quote/.test(e.message),
  );
});

test('a header with an empty or repeated name is refused', () => {
  assert.throws(() => parseCsv('a,,c\n1,2,3\n'), /column 2 of the header has no name/);
  assert.throws(() => parseCsv('a,b,a\n1,2,3\n'), /names `a` twice/);
  assert.throws(() => parseCsv(''), /empty/);
});

test('a head cut inside a quoted field keeps the complete rows before it', () => {
  const t = parseCsv('a,b\n1,2\n3,"long\nfield', true);
  assert.deepEqual(t.rows.map(unpackRow), [['1', '2']]);
  const cutMidLine = parseCsv('a,b\n1,2\n3,4', true);
  assert.deepEqual(cutMidLine.rows.map(unpackRow), [['1', '2']]);
});

test('JSON: an array of objects; keys in order of first appearance; values as text', () => {
  const t = parseJsonRows('[{"id":"P1","qty":2},{"id":"P2","tag":null,"extra":{"a":1}},{"qty":true}]');
  assert.deepEqual(t.columns, ['id', 'qty', 'tag', 'extra']);
  assert.deepEqual(t.rows.map(unpackRow), [
    ['P1', '2', '', ''],
    ['P2', '', '', '{"a":1}'],
    ['', 'true', '', ''],
  ]);
  assert.throws(() => parseJsonRows('{"id":1}'), /array of objects/);
  assert.throws(() => parseJsonRows('[1]'), /item 1 of the array is not an object/);
  assert.throws(() => parseJsonRows('[{'), /not valid JSON/);
});

test('files are read relative to the scenario and never from outside its folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-data-'));
  try {
    const folder = path.join(root, 'scenario');
    fs.mkdirSync(path.join(folder, 'data'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'data', 'a.csv'), 'email,pw\nx@y,1\n');
    fs.writeFileSync(path.join(root, 'secret.csv'), 'k\nv\n');
    fs.symlinkSync(path.join(root, 'secret.csv'), path.join(folder, 'data', 'link.csv'));
    const scenario = path.join(folder, 's.load.yaml');
    assert.deepEqual(readDataFile(scenario, 'data/a.csv').rows.map(unpackRow), [['x@y', '1']]);
    assert.throws(() => readDataFile(scenario, 'data/link.csv'), /leads out of the scenario's folder/);
    assert.throws(() => readDataFile(scenario, 'data/none.csv'), /no such file/);
    assert.deepEqual(dataFileInfo(scenario, 'data/a.csv'), {
      ok: true,
      columns: ['email', 'pw'],
      firstRow: ['x@y', '1'],
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the head of a large file gives its columns and first row without reading it all', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stampede-data-'));
  try {
    const rows = Array.from({ length: 5000 }, (_, i) => `u${i}@x,"note ${i}, quoted"`);
    // A ragged row far past the head: the head cannot see it (the run's full read does).
    fs.writeFileSync(path.join(root, 'big.csv'), ['email,note', ...rows, 'broken'].join('\n'));
    const scenario = path.join(root, 's.load.yaml');
    assert.deepEqual(dataFileInfo(scenario, 'big.csv', 4096), {
      ok: true,
      columns: ['email', 'note'],
      firstRow: ['u0@x', 'note 0, quoted'],
    });
    assert.throws(
      () => readDataFile(scenario, 'big.csv'),
      (e: unknown) => e instanceof DataFileError && e.line === 5002,
    );
    fs.writeFileSync(path.join(root, 'bad.csv'), 'a,b\n1,2\n3\n');
    const bad = dataFileInfo(scenario, 'bad.csv');
    assert.equal(bad?.ok, false);
    assert.match(bad && !bad.ok ? bad.problem : '', /^line 3: /);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('rows are packed into one string unless a cell holds the separator', () => {
  assert.equal(typeof packRow(['a', 'b']), 'string');
  assert.deepEqual(unpackRow(packRow(['a', '', 'c,d'])), ['a', '', 'c,d']);
  assert.deepEqual(unpackRow(packRow(['only'])), ['only']);
  const odd = ['x\u001fy', 'z'];
  assert.deepEqual(packRow(odd), odd);
  assert.deepEqual(parseCsv('a,b\n"x\u001fy",z\n').rows.map(unpackRow), [odd]);
});
