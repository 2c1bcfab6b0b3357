import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeScenarioBytes, firstInvalidUtf8 } from '../../../engine/cli/utf8';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

test('firstInvalidUtf8 finds the first byte that is not part of a UTF-8 character', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('plain ascii')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from('é € 😀 ok')), -1);
  assert.equal(firstInvalidUtf8(b(0x61, 0xe9, 0x62)), 1, 'Latin-1 é');
  assert.equal(firstInvalidUtf8(b(0x61, 0xc3)), 1, 'cut at the end');
  assert.equal(firstInvalidUtf8(b(0xc3, 0x28)), 0, 'bad continuation');
  assert.equal(firstInvalidUtf8(b(0xc0, 0xaf)), 0, 'overlong /');
  assert.equal(firstInvalidUtf8(b(0xe0, 0x80, 0xaf)), 0, 'overlong 3 bytes');
  assert.equal(firstInvalidUtf8(b(0xed, 0xa0, 0x80)), 0, 'a UTF-16 surrogate');
  assert.equal(firstInvalidUtf8(b(0xf4, 0x90, 0x80, 0x80)), 0, 'past U+10FFFF');
  assert.equal(firstInvalidUtf8(b(0x80)), 0, 'a lone continuation byte');
  assert.equal(firstInvalidUtf8(b(0xff)), 0);
});

test('decodeScenarioBytes: a warning at the line and UTF-16 column of the first bad byte; the BOM stays', () => {
  const ok = decodeScenarioBytes(Buffer.from('\uFEFFname: x\n'));
  assert.equal(ok.text, '\uFEFFname: x\n');
  assert.equal(ok.warning, undefined);
  const bad = decodeScenarioBytes(Buffer.concat([Buffer.from('a: 1\nb: 😀'), b(0xff), Buffer.from('\n')]));
  assert.equal(bad.text, 'a: 1\nb: 😀\uFFFD\n');
  assert.deepEqual(bad.warning?.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
  assert.equal(bad.warning?.severity, 'warning');
  assert.match(bad.warning?.message ?? '', /byte 0xFF at byte offset 12/);
});
